/**
 * Internal: what every vendor renderer reads of one switch of a rack plan (its ports, its peer, its own
 * addresses), and the checks that a plan fits a vendor. Pure functions of the plan; deterministic.
 */
import { MacvlanError } from '../../errors';
import { SwitchPortAggregation, SwitchRackPlan, SwitchVlanInterfacePlan } from '../switch-plan';
import { FirstHopRedundancy, SwitchRedundancy } from '../switches';
import { SwitchConfigSource } from './sources';

/** One switch's view of its rack plan. */
export interface SwitchView {
  readonly rack: SwitchRackPlan;
  /** The switch's name (a stack: the first member's, the stack's one configuration). */
  readonly name: string;
  /** 0 or 1 (the first switch of a pair is the preferred gateway). */
  readonly index: number;
  /** The other switch of an MLAG pair. */
  readonly peer?: string;
  /** An MLAG pair (peer link, first-hop protocol). */
  readonly mlag: boolean;
  /** The first-hop protocol (MLAG only), the vendor option or the plan's. */
  readonly firstHop?: FirstHopRedundancy;
  /** Whether `firstHop` is the vendor's option (`SwitchVendor.huaweiVrp({ firstHopRedundancy })`), not the plan's. */
  readonly firstHopFromVendor: boolean;
  /** Per node port channel, the member ports on this switch. */
  readonly channels: { readonly node: string; readonly id: number; readonly ports: { readonly nic: string; readonly port: string }[] }[];
}

/** The views of a rack: one per switch, one for a stack. */
export function switchViews(rack: SwitchRackPlan, firstHopOverride: FirstHopRedundancy | undefined): SwitchView[] {
  const mlag = rack.redundancy === SwitchRedundancy.MLAG;
  const stack = rack.redundancy === SwitchRedundancy.STACK;
  const members = stack ? [rack.switches[0]] : rack.switches;
  return members.map((sw, index) => ({
    rack,
    name: sw.name,
    index,
    peer: mlag ? rack.switches[1 - index].name : undefined,
    mlag,
    firstHop: mlag ? firstHopOverride ?? rack.firstHop?.protocol : undefined,
    firstHopFromVendor: mlag && firstHopOverride !== undefined,
    channels: rack.portChannels.map(pc => ({
      node: pc.node,
      id: pc.id,
      ports: pc.ports.filter(p => stack || p.switchName === sw.name).map(p => ({ nic: p.nic, port: p.port })),
    })),
  }));
}

/** This switch's own address on a VLAN interface (one switch, a stack: the gateway itself). */
export function ownAddress(view: SwitchView, vi: SwitchVlanInterfacePlan): { address: string; cidr: string; priority?: number } {
  if (!view.mlag) return { address: vi.address, cidr: vi.cidr };
  const own = vi.switchAddresses.find(a => a.switchName === view.name) ?? vi.switchAddresses[view.index];
  return own;
}

/** The VRRP / HSRP priority of this switch (the first switch of a pair is preferred). */
export function priorityOf(view: SwitchView, vi: SwitchVlanInterfacePlan): number {
  const own = vi.switchAddresses.find(a => a.switchName === view.name);
  return own?.priority ?? (view.index === 0 ? 110 : 100);
}

/**
 * A VLAN list with consecutive ids as ranges: `100-102,200` (`separator` ","), or Huawei's `100 to 102 200`
 * (`separator` " ", `range` " to ").
 */
export function vlanList(ids: readonly number[], separator = ',', range = '-'): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}${range}${sorted[j]}` : sorted.slice(i, j + 1).join(separator));
    i = j + 1;
  }
  return parts.join(separator);
}

/**
 * Header comment lines: what the text is, which documents its command forms come from (ids of
 * ./sources.ts, whose COMMAND_FORMS names the page of each form), and `notes` (what the text leaves to the
 * operator, or a form's caveat).
 */
export function header(
  comment: string, view: SwitchView, vendor: string, sources: readonly SwitchConfigSource[], notes: readonly string[] = [],
): string[] {
  const rack = view.rack;
  const role = view.mlag ? `, MLAG peer of ${view.peer}` : rack.redundancy === SwitchRedundancy.STACK
    ? `, stack of ${rack.switches.map(s => s.name).join(' and ')}` : '';
  return [
    `${comment} cdk8s-macvlan switch configuration for ${view.name} (rack ${rack.name}${role}), ${vendor}`,
    `${comment} Generated from the switch plan: do not edit by hand, regenerate it.`,
    `${comment} Command forms as shown in:`,
    ...sources.map(s => `${comment}   [${s.id}] ${s.title}: ${s.url}`),
    ...notes.map(n => `${comment} Note: ${n}`),
  ];
}

/** The dotted IPv4 mask of a prefix length: 24 -> `255.255.255.0`. */
export function ipv4Mask(prefixLength: number): string {
  return [0, 1, 2, 3].map(octet => 256 - 2 ** (8 - Math.min(8, Math.max(0, prefixLength - 8 * octet)))).join('.');
}

/** The library's error for a plan a vendor cannot express. */
export function unsupported(vendor: string, rack: SwitchRackPlan, message: string, fix: string): MacvlanError {
  return new MacvlanError({ field: `switchConfig(${vendor})`, message: `rack "${rack.name}": ${message}`, fix });
}

/** Throws unless `rack`'s first-hop protocol is one of `supported`. */
export function checkFirstHop(vendor: string, view: SwitchView, supported: readonly FirstHopRedundancy[], nxosHint?: string): void {
  if (view.firstHop === undefined || supported.includes(view.firstHop)) return;
  throw unsupported(vendor, view.rack, `${view.firstHop.toUpperCase()} is not available on ${vendor}`,
    nxosHint ?? `use one of ${supported.map(p => `FirstHopRedundancy.${p.toUpperCase()}`).join(', ')} (SwitchesProps.firstHopRedundancy, or the vendor's firstHopRedundancy option)`);
}

/** Whether the rack's ports are aggregated (LACP or static) or independent. */
export function aggregated(rack: SwitchRackPlan): boolean {
  return rack.aggregation !== SwitchPortAggregation.NONE;
}

/** The node-port comment of a rack that lists no nodes. */
export function nodePortsNote(rack: SwitchRackPlan): string {
  const grouping = rack.aggregation === SwitchPortAggregation.LACP ? 'one LACP port channel per node'
    : rack.aggregation === SwitchPortAggregation.STATIC ? 'one static port channel per node' : 'independent trunk ports';
  return `node ports: none listed (SwitchesProps.nodes); give each node's ${rack.memberNics.join(', ')} ports ${grouping}, trunk, allowed VLANs ${vlanList(rack.allowedVlans)}`;
}
