/**
 * Internal: the nmstate `desiredState.interfaces` of a bond and its VLAN sub-interfaces, in a fixed key order.
 */
import { BondMode, BondOptions } from './bond';
import { bondOptionEntries } from './bond-options';

/** One VLAN sub-interface to create. */
export interface NmstateVlan {
  readonly name: string;
  readonly id: number;
  readonly mtu: number;
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
      vlan: { 'base-iface': bond.name, 'id': v.id, 'reorder-headers': true },
    })),
  ];
}
