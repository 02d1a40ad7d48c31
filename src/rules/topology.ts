/**
 * The VlanTopology props rules (MV032-MV036 and the macvlan half of MV031), on neutral inputs: a VLAN's id,
 * offer, MTUs and per-family address plan. VlanTopology runs them at construction (the address plans before
 * any child exists: the children are built from the parsed values); nothing here knows about constructs.
 * The bond and VLAN interfaces themselves are NodeNetworkConfigurationPolicy rules (`./nmstate`).
 */
import { MacvlanMode } from '../cni/macvlan-mode';
import { Cidr, DEFAULT_MTU, IpAddress, IpFamily, IpRange, MTU_MAX, MTU_MIN, NetParseError, RangeSet, checkDns1123Subdomain, findOverlaps, isValidMtu } from '../net';
import { Finding, RULES, RuleInfo, finding } from './catalog';
import { NncpFieldNames, checkNodeNetworkConfigurationPolicy } from './nmstate';
import { VlanOffer } from './vlan-offer';
import { BOND_OPTION_KEYS } from '../net/bond';

export { VlanOffer };

/** The address plan of one IP family of a VLAN, as the rules read it. */
export interface VlanSubnetInput {
  readonly subnet: string;
  readonly gateway: string;
  readonly ips?: readonly string[];
  readonly excludeIps?: readonly string[];
  readonly standaloneIps?: readonly string[];
  readonly overlayIps?: readonly string[];
  readonly reservedIps?: readonly string[];
  readonly nodeAddresses?: NodeAddressesInput;
}

/** How the nodes get an address on a VLAN, as the rules read it. */
export interface NodeAddressesInput {
  /** `dhcp` or `static`. */
  readonly kind: string;
  /** Static: node (its `kubernetes.io/hostname` label) to `address` or `address/prefix`. */
  readonly addresses: { readonly [node: string]: string };
}

/** One node's static address on a VLAN. */
export interface ParsedNodeAddress {
  readonly node: string;
  readonly ip: IpAddress;
}

/** One VLAN, as the rules read it. */
export interface VlanInput {
  readonly id: number;
  readonly ipv4?: VlanSubnetInput;
  readonly ipv6?: VlanSubnetInput;
  readonly offer?: VlanOffer;
  readonly mtu?: number;
  readonly macvlanMtu?: number;
  readonly macvlanMode?: MacvlanMode;
}

/** One IP family of a VLAN, parsed. */
export interface ParsedFamily<S extends VlanSubnetInput = VlanSubnetInput> {
  readonly family: IpFamily;
  readonly props: S;
  readonly cidr: Cidr;
  readonly gateway: IpAddress;
  /** The user's reserved addresses of the family (`reservedIps`). */
  readonly reserved: RangeSet;
  /** Static node addresses, by node name ascending (empty for DHCP or none). */
  readonly nodeAddresses: readonly ParsedNodeAddress[];
  /** The nodes get their address from DHCP. */
  readonly dhcp: boolean;
}

/** A VLAN whose address plan parsed. */
export interface ParsedVlan<V extends VlanInput = VlanInput> {
  readonly index: number;
  readonly props: V;
  readonly id: number;
  readonly offer: VlanOffer;
  readonly families: ParsedFamily<NonNullable<V['ipv4']>>[];
}

/** Where the VLANs of {@link checkVlanAddressPlans} are in the props. */
export interface VlanFieldNames {
  /** The list's field, e.g. `racks[1].vlans`. @default "vlans" */
  readonly list?: string;
  /** Who has no VLAN when the list is empty. @default "the topology" */
  readonly owner?: string;
}

/**
 * Props-only structure: at least one VLAN, the address plans (MV033, MV036) and cross-VLAN subnet overlaps
 * (MV032). VLANs listed in `badVlans` (id invalid or repeated, reported by the host policy rules) are
 * not parsed.
 */
export function checkVlanAddressPlans<V extends VlanInput>(vlans: readonly V[],
  badVlans: ReadonlySet<number>, fields: VlanFieldNames = {}): { findings: Finding[]; vlans: ParsedVlan<V>[] } {
  const out: Finding[] = [];
  const list = fields.list ?? 'vlans';
  const at = (i: number) => `${list}[${i}]`;
  if (vlans.length === 0) {
    out.push(finding(RULES.topologyVlanId, list, `${fields.owner ?? 'the topology'} has no VLAN`, 'add at least one VLAN, e.g. { id: 100, ipv4: { ... } }'));
  }
  const parsed: ParsedVlan<V>[] = [];
  vlans.forEach((v, i) => {
    const field = at(i);
    const offer = v.offer ?? VlanOffer.STANDALONE;
    if (!Object.values(VlanOffer).includes(offer)) {
      out.push(finding(RULES.topologyAddressPlan, `${field}.offer`, `offer ${JSON.stringify(offer)} is not a VlanOffer`,
        'use VlanOffer.STANDALONE, VlanOffer.OVERLAY or VlanOffer.BOTH'));
      return;
    }
    if (v.ipv4 === undefined && v.ipv6 === undefined) {
      out.push(finding(RULES.topologyAddressPlan, field, `VLAN ${v.id} has neither ipv4 nor ipv6`,
        'give the VLAN\'s subnet and gateway (switch VLANIF) in ipv4 and/or ipv6'));
      return;
    }
    const families: ParsedFamily<NonNullable<V['ipv4']>>[] = [];
    let familiesOk = true;
    for (const [key, fam] of [['ipv4', 4], ['ipv6', 6]] as const) {
      const plan = v[key];
      if (plan === undefined) continue;
      const pf = parseFamily(plan as NonNullable<V['ipv4']>, fam, offer, v.id, `${field}.${key}`, out);
      if (pf) families.push(pf); else familiesOk = false;
    }
    if (!badVlans.has(i) && familiesOk) parsed.push({ index: i, props: v, id: v.id, offer, families });
  });

  // Subnets of different VLANs must not overlap (one sweep over all subnets, O(n log n)).
  const intervals = parsed.flatMap(v => v.families.map(f => ({
    family: f.family, start: f.cidr.first, end: f.cidr.last, key: { vlan: v, fam: f },
  })));
  for (const [a, b] of findOverlaps(intervals)) {
    const key = b.fam.family === 4 ? 'ipv4' : 'ipv6';
    out.push(finding(RULES.topologySubnetOverlap, `${at(b.vlan.index)}.${key}.subnet`,
      `VLAN ${b.vlan.id}: subnet ${b.fam.cidr.toString()} overlaps subnet ${a.fam.cidr.toString()} of VLAN ${a.vlan.id}`,
      'give every VLAN its own, non-overlapping subnet (the switch routes between the VLANIFs)'));
  }
  return { findings: out, vlans: parsed };
}

/** A named object of the topology, for the distinct-names rule. */
export interface NamedObject {
  readonly kind: 'NetworkAttachmentDefinition' | 'SpiderIPPool' | 'SpiderReservedIP';
  /** `ns/name` for NADs, the name for pools. */
  readonly name: string;
  readonly field: string;
}

/** Input of {@link checkTopologyConsistency}. */
export interface ConsistencyInput {
  /** The bond MTU as given (undefined: the kernel default). */
  readonly bondMtu?: number;
  /** Spiderpool ifacer creates the host interfaces. */
  readonly ifacer: boolean;
  readonly vlans: readonly ParsedVlan[];
  readonly objects: readonly NamedObject[];
}

/**
 * Props-only consistency: macvlan MTUs against their VLAN's (the NADs against the host policy), distinct
 * names of networks and pools, and what Spiderpool ifacer cannot do. (Bond options and host MTUs are
 * host-policy rules: {@link checkHostPolicy}.)
 */
export function checkTopologyConsistency(input: ConsistencyInput): Finding[] {
  const out: Finding[] = [];
  const bondMtu = input.bondMtu ?? DEFAULT_MTU;
  for (const v of input.vlans) {
    const field = `vlans[${v.index}]`;
    const vlanMtu = v.props.mtu ?? bondMtu;
    const mm = v.props.macvlanMtu;
    if (mm !== undefined && mm !== 0 && !isValidMtu(mm)) { // 0: inherit, as the CNI plugin reads it
      out.push(finding(RULES.topologyMtu, `${field}.macvlanMtu`, `VLAN ${v.id}: macvlan MTU ${JSON.stringify(mm)} is not an integer ${MTU_MIN}-${MTU_MAX}`,
        'leave it unset (or 0) to inherit the VLAN MTU'));
    } else if (mm !== undefined && mm > vlanMtu) {
      out.push(finding(RULES.topologyMtu, `${field}.macvlanMtu`, `VLAN ${v.id}: macvlan MTU ${mm} exceeds the VLAN MTU ${vlanMtu}`,
        `use at most ${vlanMtu}, or leave macvlanMtu unset to inherit it`));
    }
    if (input.ifacer) {
      const mode2 = v.props.macvlanMode ?? MacvlanMode.BRIDGE;
      if (mode2 !== MacvlanMode.BRIDGE) {
        out.push(finding(RULES.topologyIfacer, `${field}.macvlanMode`, `VLAN ${v.id}: macvlan mode "${mode2}" with Spiderpool ifacer, which always uses bridge`,
          'use MacvlanMode.BRIDGE, or HostInterfaces.nmstate() / HostInterfaces.preExisting()'));
      }
      if (v.props.mtu !== undefined && v.props.mtu !== DEFAULT_MTU) {
        out.push(finding(RULES.topologyIfacer, `${field}.mtu`, `VLAN ${v.id}: MTU ${v.props.mtu} cannot be set by Spiderpool ifacer (it creates ${DEFAULT_MTU}-byte default interfaces)`,
          'leave the VLAN MTU unset, or create the interfaces with HostInterfaces.nmstate()'));
      }
    }
  }
  if (input.ifacer && input.bondMtu !== undefined && input.bondMtu !== DEFAULT_MTU) {
    out.push(finding(RULES.topologyIfacer, 'bond.mtu', `bond MTU ${input.bondMtu} cannot be set by Spiderpool ifacer`,
      'leave bond.mtu unset, or create the interfaces with HostInterfaces.nmstate()'));
  }

  // by kind, then name (no key string per object: a fabric names tens of thousands; the kinds hold no NUL, so this
  // is the one map keyed by `kind NUL name` it replaces)
  const seen = new Map<string, Map<string, NamedObject>>();
  for (const o of input.objects) {
    let ofKind = seen.get(o.kind);
    if (ofKind === undefined) seen.set(o.kind, ofKind = new Map());
    const first = ofKind.get(o.name);
    if (first) {
      out.push(finding(RULES.topologyNames, o.field, `${o.kind} name "${o.name}" is also used by ${first.field}`,
        'give each network and pool its own name (or leave the names to their defaults)'));
    } else {
      ofKind.set(o.name, o);
    }
  }
  return out;
}

/**
 * Parses `props` as family `family` of VLAN `vlanId`; pushes MV033 / MV036 findings and returns undefined
 * when the family cannot be used.
 */
function parseFamily<S extends VlanSubnetInput>(props: S, family: IpFamily, offer: VlanOffer, vlanId: number,
  field: string, out: Finding[]): ParsedFamily<S> | undefined {
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

  const lists: Array<[string, readonly string[] | undefined]> = [
    ['ips', props.ips], ['excludeIps', props.excludeIps], ['standaloneIps', props.standaloneIps], ['overlayIps', props.overlayIps],
    ['reservedIps', props.reservedIps],
  ];
  const reservedRanges: IpRange[] = [];
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
      } else if (key === 'reservedIps') {
        if (cidr && !cidr.containsRange(r)) {
          rangesOk = false;
          out.push(finding(RULES.topologyAddressPlan, `${field}.${key}[${i}]`, `${what}: reserved "${text}" is outside subnet ${cidr.toString()}`,
            `reserve addresses of ${cidr.toString()} here (a SpiderReservedIP of another subnet is a ReservedIps construct of its own)`));
        } else {
          reservedRanges.push(r);
        }
      }
    });
  }
  const nodes = parseNodeAddresses(props.nodeAddresses, family, cidr, gateway, what, field, out);
  if (!nodes) rangesOk = false;
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
  if (!cidr || !gateway || !cidr.contains(gateway) || !rangesOk || !nodes) return undefined;
  return { family, props, cidr, gateway, reserved: RangeSet.of(family, reservedRanges), nodeAddresses: nodes.addresses, dhcp: nodes.dhcp };
}

/** The nodes a topology (or a rack) gives static addresses, against the nodes it declares elsewhere. */
export interface NodeAddressCoverageInput {
  /** Who owns them, for the message: `the topology`, `rack "rack1"`. */
  readonly owner: string;
  /** The nodes with static addresses on some VLAN (each gets its own host policy). */
  readonly nodes: readonly string[];
  /** The declared node count (`nodeCount`), and its field. */
  readonly nodeCount?: number;
  readonly nodeCountField: string;
  /** The nodes of the switch plan (`switches.nodes[k].node`), and the field of that list. */
  readonly switchNodes?: ReadonlyArray<string | undefined>;
  readonly switchNodesField: string;
}

/**
 * With static node addresses the host interfaces are configured per listed node (one policy each): a node the
 * props declare (cabled in the switch plan, or counted in `nodeCount`) that no perNode list names gets no bond
 * and no VLAN interface (MV197). Nodes the props do not declare cannot be told: the library does not see the
 * cluster's nodes, so list every node of the rack.
 */
export function checkNodeAddressCoverage(input: NodeAddressCoverageInput): Finding[] {
  if (input.nodes.length === 0) return [];
  const out: Finding[] = [];
  const listed = new Set(input.nodes);
  (input.switchNodes ?? []).forEach((node, k) => {
    if (typeof node !== 'string' || listed.has(node)) return;
    out.push(finding(RULES.nodeAddressCoverage, `${input.switchNodesField}[${k}].node`,
      `${input.owner}: node "${node}" is cabled in the switch plan but no VLAN lists it in NodeAddresses.perNode(); with static node addresses the bond and VLAN interfaces are configured by one policy per listed node, so this node gets none`,
      `add "${node}" to NodeAddresses.perNode() of a VLAN (its other VLANs keep their addresses disabled), or use NodeAddresses.dhcp()`));
  });
  const n = input.nodeCount;
  if (typeof n === 'number' && Number.isInteger(n) && n > listed.size) {
    out.push(finding(RULES.nodeAddressCoverage, input.nodeCountField,
      `${input.owner} has ${n} nodes, but NodeAddresses.perNode() lists ${listed.size} (${[...listed].sort().join(', ')}); with static node addresses the bond and VLAN interfaces are configured by one policy per listed node, so ${n - listed.size} node(s) get none`,
      'list every node in NodeAddresses.perNode() of a VLAN, or correct nodeCount'));
  }
  return out;
}

/**
 * Static node addresses against the switches' own addresses on the VLAN (MV207): the switch plan's real addresses
 * of a redundant pair are reserved (no pool hands them out), so only this check sees a node configured with one;
 * the node and the switch would both answer ARP / ND for it. `fieldOf` names a VLAN's props (`vlans[0]`).
 */
export function checkNodeAddressesAgainstSwitches(vlans: ReadonlyArray<ParsedVlan<VlanInput>>, fieldOf: (vlanIndex: number) => string,
  switchAddresses: (vlanId: number, family: IpFamily) => ReadonlyArray<{ readonly switchName: string; readonly address: string }>): Finding[] {
  const out: Finding[] = [];
  for (const v of vlans) {
    for (const f of v.families) {
      if (f.nodeAddresses.length === 0) continue;
      const own = switchAddresses(v.id, f.family);
      if (own.length === 0) continue;
      for (const a of f.nodeAddresses) {
        const sw = own.find(x => IpAddress.tryParse(x.address)?.equals(a.ip) === true);
        if (!sw) continue;
        out.push(finding(RULES.nodeAddressDuplicate, `${fieldOf(v.index)}.ipv${f.family}.nodeAddresses[${a.node}]`,
          `VLAN ${v.id}: node address ${a.ip.toString()} of node ${a.node} is switch ${sw.switchName}'s own address on the VLAN (the switch plan; reserved, so no pool hands it out), and the node and the switch would both answer for it`,
          `give node ${a.node} an address of its own, or give the switch another address (switches.gatewayAddresses)`));
      }
    }
  }
  return out;
}

/** Longest node name usable as a `kubernetes.io/hostname` label value. */
const MAX_NODE_NAME = 63;

/**
 * Static node addresses of one family (MV206 address and subnet, MV207 duplicates and the gateway, MV208 node
 * names). Undefined when one of them is unusable.
 */
function parseNodeAddresses(input: NodeAddressesInput | undefined, family: IpFamily, cidr: Cidr | undefined, gateway: IpAddress | undefined,
  what: string, field: string, out: Finding[]): { addresses: ParsedNodeAddress[]; dhcp: boolean } | undefined {
  if (input === undefined) return { addresses: [], dhcp: false };
  if (input.kind === 'dhcp') return { addresses: [], dhcp: true };
  const at = `${field}.nodeAddresses`;
  const entries = Object.entries(input.addresses).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) {
    out.push(finding(RULES.nodeAddressSubnet, at, `${what}: NodeAddresses.perNode() lists no node`, 'list every node with its address, or use NodeAddresses.dhcp()'));
    return undefined;
  }
  let ok = true;
  const addresses: ParsedNodeAddress[] = [];
  const seen = new Map<string, string>();
  for (const [node, text] of entries) {
    const f = `${at}[${node}]`;
    const nameProblem = checkDns1123Subdomain(node) ?? (node.length > MAX_NODE_NAME ? `is ${node.length} characters long; a kubernetes.io/hostname label value is at most ${MAX_NODE_NAME}` : undefined);
    if (nameProblem) {
      ok = false;
      out.push(finding(RULES.nodeTwoPolicies, f, `${what}: node "${node}" ${nameProblem}, so no node carries it as its kubernetes.io/hostname label and its policy selects nothing`,
        'use the node\'s kubernetes.io/hostname label value (its name, lower case)'));
      continue;
    }
    const [ipText, prefixText, ...rest] = text.split('/');
    const ip = IpAddress.tryParse(ipText);
    const prefix = prefixText === undefined ? cidr?.prefix : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (!ip || rest.length > 0 || (prefix !== undefined && Number.isNaN(prefix))) {
      ok = false;
      out.push(finding(RULES.nodeAddressSubnet, f, `${what}: "${text}" is not an address or address/prefix`,
        `write the node's address, e.g. ${family === 4 ? '"172.16.100.11/24"' : '"fd00:100::11/64"'}`));
      continue;
    }
    if (ip.family !== family) {
      ok = false;
      out.push(finding(RULES.nodeAddressSubnet, f, `${what}: "${text}" is IPv${ip.family}, not IPv${family}`, `list it under ipv${ip.family}`));
      continue;
    }
    if (cidr && !cidr.contains(ip)) {
      ok = false;
      out.push(finding(RULES.nodeAddressSubnet, f, `${what}: node address ${ipText} is outside subnet ${cidr.toString()}`,
        `give node ${node} an address of ${cidr.toString()}`));
      continue;
    }
    if (cidr && prefix !== cidr.prefix) {
      ok = false;
      out.push(finding(RULES.nodeAddressSubnet, f, `${what}: "${text}" has prefix length ${prefix}, but the VLAN subnet is ${cidr.toString()}`,
        `write "${ip.toString()}/${cidr.prefix}" (or the address alone)`));
      continue;
    }
    const key = ip.toString();
    if (gateway && ip.equals(gateway)) {
      ok = false;
      out.push(finding(RULES.nodeAddressDuplicate, f, `${what}: node address ${key} is the VLAN's gateway (the switch's address)`, `give node ${node} an address of its own`));
      continue;
    }
    const other = seen.get(key);
    if (other !== undefined) {
      ok = false;
      out.push(finding(RULES.nodeAddressDuplicate, f, `${what}: node address ${key} is also the address of node ${other}`, `give node ${node} an address of its own`));
      continue;
    }
    seen.set(key, node);
    addresses.push({ node, ip });
  }
  return ok ? { addresses, dhcp: false } : undefined;
}


/** Which prop an interface of {@link TopologyHostState} comes from: the bond, or `vlans[index]`. */
export type InterfaceOrigin = { readonly kind: 'bond' } | { readonly kind: 'vlan'; readonly index: number };

/** The desired state of a topology's host interfaces, with the prop each interface comes from. */
export interface TopologyHostState {
  /** `desiredState.interfaces`: the bond, then the VLANs by id ascending (ties in props order). */
  readonly interfaces: Array<Record<string, unknown>>;
  /** Parallel to `interfaces`. */
  readonly origins: InterfaceOrigin[];
}

/** Where the bond and the node selector of {@link checkTopologyHostPolicy} are in the props. */
export interface HostPolicyFieldNames {
  /** The bond's field, e.g. `racks[1].bond`. @default "bond" */
  readonly bond?: string;
  /** The node selector's field, e.g. `racks[1].nodeSelector`. @default "nodeSelector" */
  readonly nodeSelector?: string;
}

/** The host-policy findings of a topology, split by when they are reported, with fields naming props. */
export interface HostPolicyFindings {
  /** Thrown from the constructor. */
  readonly structural: Finding[];
  /** Reported at synth. */
  readonly consistency: Finding[];
  /** Indexes of `vlans` whose id is invalid or repeated (left out of the address-plan rules). */
  readonly badVlans: ReadonlySet<number>;
}

/** Policy rules whose problems the child constructs would echo (NAD masters, pool and construct names). */
function structural(rule: RuleInfo): boolean {
  return rule === RULES.topologyVlanId || rule === RULES.topologyInterfaceName || rule === RULES.topologyBondMembers;
}

/** The BondOptions prop of a kernel option key. */
const OPTION_PROPS: { readonly [key: string]: string } = Object.fromEntries(Object.entries(BOND_OPTION_KEYS).map(([prop, key]) => [key, prop]));

interface Location {
  readonly index: number;
  readonly origin: InterfaceOrigin;
  readonly subs: Set<string>;
}

/**
 * Runs the NodeNetworkConfigurationPolicy rules on a topology's host state (and the policy fields the props
 * set), naming every field after the prop it comes from (`bond.options.lacpRate`, `vlans[1].id`): the rules
 * are told the names up front ({@link NncpFieldNames}), so no finding is rewritten afterwards.
 */
export function checkTopologyHostPolicy(state: TopologyHostState, vlans: readonly { readonly mtu?: number }[],
  spec: { nodeSelector?: unknown; maxUnavailable?: unknown }, policyName?: string, fields: HostPolicyFieldNames = {}): HostPolicyFindings {
  const bondField = fields.bond ?? 'bond';
  const located = new Map<string, Location>();
  const names: NncpFieldNames = {
    interfaceField: (index, sub) => {
      const origin = state.origins[index];
      const path = propsPath(origin, sub, bondField);
      let at = located.get(path);
      if (!at) located.set(path, (at = { index, origin, subs: new Set() }));
      at.subs.add(sub);
      return path;
    },
    field: path => path === 'metadata.name' ? 'hostInterfaces.policyName'
      : path === 'spec.maxUnavailable' ? 'hostInterfaces.maxUnavailable'
        : path.startsWith('spec.nodeSelector') ? `${fields.nodeSelector ?? 'nodeSelector'}${path.slice('spec.nodeSelector'.length)}` : path,
  };
  const findings = checkNodeNetworkConfigurationPolicy({
    metadata: { name: policyName },
    spec: Object.assign({}, spec, { desiredState: { interfaces: state.interfaces } }),
  }, names);
  const out = { structural: [] as Finding[], consistency: [] as Finding[], badVlans: new Set<number>() };
  for (const f of findings) {
    const at = located.get(f.field);
    const vlan = at?.origin.kind === 'vlan' ? at.origin.index : undefined;
    // A VLAN without its own MTU inherits the bond's: a problem with that MTU is the bond's, reported there.
    if (f.rule === RULES.topologyMtu && vlan !== undefined && at!.subs.has('.mtu') && vlans[vlan]?.mtu === undefined) continue;
    if (f.rule === RULES.topologyVlanId && vlan !== undefined) out.badVlans.add(vlan);
    let reported = f;
    if (f.rule === RULES.topologyInterfaceName && vlan !== undefined && at!.subs.has('.name')) {
      // The VLAN sub-interface is named <bond>.<id>: only a shorter bond name makes it shorter.
      const id = String((state.interfaces[at!.index].vlan as { id: unknown }).id);
      reported = finding(f.rule, f.field, f.message, `shorten the bond name (at most ${15 - id.length - 1} bytes for VLAN ${id})`);
    }
    (structural(f.rule) ? out.structural : out.consistency).push(reported);
  }
  return out;
}

/** The prop an nmstate path below one interface (`sub`) comes from. */
function propsPath(origin: InterfaceOrigin | undefined, sub: string, bond: string): string {
  if (origin?.kind === 'vlan') {
    const base = `vlans[${origin.index}]`;
    if (sub === '.mtu') return `${base}.mtu`;
    if (sub === '.name' || sub.startsWith('.vlan.id')) return `${base}.id`;
    return base;
  }
  if (sub === '.name' || sub === '.mtu') return `${bond}${sub}`;
  const la = '.link-aggregation';
  if (sub === `${la}.mode`) return `${bond}.mode`;
  if (sub === `${la}.port` || sub.startsWith(`${la}.port[`)) return `${bond}.members${sub.slice(`${la}.port`.length)}`;
  if (sub === `${la}.options`) return `${bond}.options`;
  if (sub.startsWith(`${la}.options.`)) {
    const key = sub.slice(`${la}.options.`.length);
    return `${bond}.options.${OPTION_PROPS[key] ?? key}`;
  }
  return bond;
}
