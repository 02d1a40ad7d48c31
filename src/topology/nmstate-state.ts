/**
 * Internal: the nmstate `desiredState.interfaces` of a bond and its VLAN sub-interfaces, in a fixed key order.
 */
import { BondMode, BondOptions, BondProps } from './bond';
import { bondOptionEntries } from './bond-options';
import { TopologyHostState } from '../rules';
import { VlanProps } from './vlan';

/** One VLAN sub-interface to create. */
export interface NmstateVlan {
  readonly name: string;
  readonly id: number;
  readonly mtu: number;
  /**
   * The interface's `ipv4` / `ipv6` sections.
   * @default - both disabled
   */
  readonly ip?: { ipv4?: Record<string, unknown>; ipv6?: Record<string, unknown> };
}

/** The bond and VLAN interfaces as nmstate wants them (`port`, not `slaves`; options as strings). */
export function nmstateInterfaces(bond: { name: string; members: readonly string[]; mode: BondMode; options?: BondOptions; mtu: number },
  vlans: readonly NmstateVlan[]): Array<Record<string, unknown>> {
  const linkAggregation: Record<string, unknown> = { mode: bond.mode };
  const options = bondOptionEntries(bond.options);
  if (options.length > 0) linkAggregation.options = Object.fromEntries(options);
  linkAggregation.port = [...bond.members];

  const disabled = () => ({ ipv4: { enabled: false }, ipv6: { enabled: false } });
  return [
    {
      'name': bond.name,
      'type': 'bond',
      'state': 'up',
      'mtu': bond.mtu,
      ...disabled(),
      'link-aggregation': linkAggregation,
    },
    ...vlans.map(v => ({
      name: v.name,
      type: 'vlan',
      state: 'up',
      mtu: v.mtu,
      ...disabled(),
      ...v.ip,
      vlan: { 'base-iface': bond.name, 'id': v.id, 'reorder-headers': true },
    })),
  ];
}


/**
 * The host interfaces of a topology, straight from its props (before any check): what the nmstate policy
 * carries, and what the rules check for every host-interfaces mode.
 */
export function topologyHostState(bondName: string, bond: BondProps, bondMtu: number, vlans: readonly VlanProps[],
  ipOf?: (vlanIndex: number) => NmstateVlan['ip']): TopologyHostState {
  return hostStateOf(bondName, bond, bondMtu, vlans.map((v, index) => ({ v, index })), ipOf);
}

/**
 * The host interfaces of a bond and some VLANs, each VLAN with the index of its props (`vlans[index]`), which
 * the findings name: a Fabric rack carries some of the fabric's VLANs.
 */
export function hostStateOf(bondName: string, bond: BondProps, bondMtu: number,
  vlans: ReadonlyArray<{ readonly v: Pick<VlanProps, 'id' | 'mtu'>; readonly index: number }>,
  ipOf?: (vlanIndex: number) => NmstateVlan['ip']): TopologyHostState {
  const sortKey = (id: unknown) => (typeof id === 'number' && Number.isFinite(id) ? id : Number.MAX_VALUE);
  const ordered = [...vlans].sort((a, b) => sortKey(a.v.id) - sortKey(b.v.id) || a.index - b.index);
  const interfaces = nmstateInterfaces(
    { name: bondName, members: bond.members ?? [], mode: bond.mode, options: bond.options, mtu: bondMtu },
    ordered.map(({ v, index }) => ({ name: `${bondName}.${v.id}`, id: v.id, mtu: v.mtu ?? bondMtu, ip: ipOf?.(index) })));
  return { interfaces, origins: [{ kind: 'bond' }, ...ordered.map(({ index }) => ({ kind: 'vlan' as const, index }))] };
}

/** An interface's `ipv4` or `ipv6` section for a node address: static (address/prefix) or DHCP. */
export function nmstateIpSection(family: 4 | 6, address?: { ip: string; prefixLength: number }, dhcp = false): Record<string, unknown> {
  if (dhcp) {
    return family === 4
      ? { 'enabled': true, 'dhcp': true, 'auto-dns': false, 'auto-gateway': false }
      : { 'enabled': true, 'dhcp': true, 'autoconf': false, 'auto-dns': false, 'auto-gateway': false };
  }
  const section: Record<string, unknown> = { enabled: true, dhcp: false };
  if (family === 6) section.autoconf = false;
  section.address = address ? [{ 'ip': address.ip, 'prefix-length': address.prefixLength }] : [];
  return section;
}
