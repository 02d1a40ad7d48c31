/**
 * Internal: parses a VLAN's per-family address plan and decides which IPs each offer's pool gets.
 */
import { Cidr, IpAddress, IpFamily, IpRange, NetParseError, RangeSet } from '../net';
import { Finding, RULES, defaultPoolRange, finding } from '../rules';
import { VlanOffer, VlanSubnetProps } from './vlan';

/** One IP family of a VLAN, parsed. */
export interface ParsedFamily {
  readonly family: IpFamily;
  readonly props: VlanSubnetProps;
  readonly cidr: Cidr;
  readonly gateway: IpAddress;
}

/** The ips each pool of one family gets (undefined: let IpPool derive them). */
export interface PoolIps {
  readonly standalone?: string[];
  readonly overlay?: string[];
}

/**
 * Parses `props` as family `family` of VLAN `vlanId`; pushes MV033 / MV036 findings and returns undefined
 * when the family cannot be used.
 */
export function parseFamily(props: VlanSubnetProps, family: IpFamily, offer: VlanOffer, vlanId: number,
  field: string, out: Finding[]): ParsedFamily | undefined {
  const what = `VLAN ${vlanId}`;
  let cidr: Cidr | undefined;
  try {
    cidr = Cidr.parse(props.subnet);
  } catch (e) {
    out.push(finding(RULES.topologyAddressPlan, `${field}.subnet`, `${what}: ${(e as Error).message}`,
      `give the subnet in CIDR form, e.g. ${family === 4 ? '"172.16.100.0/24"' : '"fd00:100::/64"'}`));
  }
  if (cidr && cidr.family !== family) {
    out.push(finding(RULES.topologyAddressPlan, `${field}.subnet`, `${what}: "${props.subnet}" is IPv${cidr.family} but was given as ipv${family}`,
      `move it to ipv${cidr.family}`));
    cidr = undefined;
  } else if (cidr && !cidr.isCanonical) {
    out.push(finding(RULES.topologyAddressPlan, `${field}.subnet`, `${what}: "${props.subnet}" has host bits set`,
      `write the network address "${cidr.toString()}" (the VLANIF address goes in gateway)`));
    cidr = undefined;
  }

  const gateway = IpAddress.tryParse(props.gateway);
  if (!gateway) {
    out.push(finding(RULES.topologyGateway, `${field}.gateway`, `${what}: "${props.gateway}" is not an IP address`,
      'give the switch VLANIF address as a plain IP, e.g. "172.16.100.1"'));
  } else if (cidr && !cidr.contains(gateway)) {
    out.push(finding(RULES.topologyGateway, `${field}.gateway`, `${what}: gateway ${props.gateway} is outside subnet ${cidr.toString()}`,
      `use the switch VLANIF address inside ${cidr.toString()}, e.g. ${IpAddress.fromBigInt(cidr.family, cidr.hostRange().start).toString()}`));
  }

  const lists: Array<[string, string[] | undefined]> = [
    ['ips', props.ips], ['excludeIps', props.excludeIps], ['standaloneIps', props.standaloneIps], ['overlayIps', props.overlayIps],
  ];
  let rangesOk = true;
  for (const [key, texts] of lists) {
    (texts ?? []).forEach((text, i) => {
      const r = IpRange.tryParse(text);
      if (!r || r.family !== family) {
        rangesOk = false;
        let why = `is not an IPv${family} address or range`;
        try {
          const parsed = IpRange.parse(text);
          why = `is IPv${parsed.family}, not IPv${family}`;
        } catch (e) {
          if (e instanceof NetParseError) why = e.message.replace(/^"[^"]*" /, '');
        }
        out.push(finding(RULES.topologyAddressPlan, `${field}.${key}[${i}]`, `${what}: "${text}" ${why}`,
          'write one IP or a range "a-b" of the family, with no spaces'));
      }
    });
  }
  const offersStandalone = offer !== VlanOffer.OVERLAY;
  const offersOverlay = offer !== VlanOffer.STANDALONE;
  if (props.standaloneIps !== undefined && !offersStandalone) {
    rangesOk = false;
    out.push(finding(RULES.topologyAddressPlan, `${field}.standaloneIps`, `${what} is offered as ${offer} only, so it has no standalone pool`,
      'remove standaloneIps or set offer to VlanOffer.STANDALONE or VlanOffer.BOTH'));
  }
  if (props.overlayIps !== undefined && !offersOverlay) {
    rangesOk = false;
    out.push(finding(RULES.topologyAddressPlan, `${field}.overlayIps`, `${what} is offered as ${offer} only, so it has no overlay pool`,
      'remove overlayIps or set offer to VlanOffer.OVERLAY or VlanOffer.BOTH'));
  }
  if (!cidr || !gateway || !cidr.contains(gateway) || !rangesOk) return undefined;
  return { family, props, cidr, gateway };
}

/**
 * The ips of each pool. One offer: its own list, or `ips`, or nothing (IpPool derives its default range:
 * every host address but the gateway, for IPv6 the first 65535). BOTH: the given lists; a missing one gets what the other leaves of the VLAN's
 * allocatable addresses; neither given: the allocatable addresses split in two halves, standalone first.
 */
export function poolIps(parsed: ParsedFamily, offer: VlanOffer): PoolIps {
  const p = parsed.props;
  if (offer === VlanOffer.STANDALONE) return { standalone: p.standaloneIps ?? p.ips };
  if (offer === VlanOffer.OVERLAY) return { overlay: p.overlayIps ?? p.ips };
  if (p.standaloneIps !== undefined && p.overlayIps !== undefined) return { standalone: p.standaloneIps, overlay: p.overlayIps };

  const fam = parsed.family;
  let base = p.ips !== undefined
    ? RangeSet.parse(fam, p.ips)
    : RangeSet.of(fam, [defaultPoolRange(parsed.cidr)]).subtract(RangeSet.of(fam, [IpRange.of(parsed.gateway, parsed.gateway)]));
  base = base.subtract(RangeSet.parse(fam, p.excludeIps ?? []));
  if (p.standaloneIps !== undefined) {
    return { standalone: p.standaloneIps, overlay: base.subtract(RangeSet.parse(fam, p.standaloneIps)).toStrings() };
  }
  if (p.overlayIps !== undefined) {
    return { standalone: base.subtract(RangeSet.parse(fam, p.overlayIps)).toStrings(), overlay: p.overlayIps };
  }
  const [first, second] = splitAt(base, (base.size + 1n) / 2n);
  return { standalone: first.toStrings(), overlay: second.toStrings() };
}

/** The first `count` addresses of `set` (in address order) and the rest. */
export function splitAt(set: RangeSet, count: bigint): [RangeSet, RangeSet] {
  const head: IpRange[] = [];
  const tail: IpRange[] = [];
  let left = count;
  for (const r of set.ranges) {
    if (left <= 0n) {
      tail.push(r);
    } else if (r.size <= left) {
      head.push(r);
      left -= r.size;
    } else {
      head.push(IpRange.fromBigInt(set.family, r.start, r.start + left - 1n));
      tail.push(IpRange.fromBigInt(set.family, r.start + left, r.end));
      left = 0n;
    }
  }
  return [RangeSet.of(set.family, head), RangeSet.of(set.family, tail)];
}
