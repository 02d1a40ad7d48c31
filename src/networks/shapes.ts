/**
 * Internal (not exported from the package): the shapes of network props and of pools, for the shape checks
 * at the boundary (../shape).
 */
import { Ipam } from '../cni';
import { Shape, instanceOf, listOf, num, obj, oneOf, opt, req, str } from '../shape';
import { IpPool } from './ip-pool';
import { NadSource } from './nad-source';

/** An IpPool where a pool is expected (a network there is refused with a pointer to its pools). */
export const POOL_SHAPE: Shape = instanceOf(IpPool, 'IpPool', 'an IpPool (new IpPool(scope, id, { subnet, ... }))',
  v => (isNetwork(v) ? `pass the network's pools (${(v as { qualifiedName: string }).qualifiedName}: network.pools), not the network` : undefined));

/** A macvlan network of this library (either kind), as far as a message needs to know. */
function isNetwork(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as { qualifiedName?: unknown }).qualifiedName === 'string' && Array.isArray((v as { pools?: unknown }).pools);
}


/**
 * The shape of the props of a network with the given helper shape (what the strings say is for the rules).
 */
export function networkPropsShape(typeName: string, helper: Shape): Shape {
  return obj(typeName, {
    master: req(str('bond0.100')),
    name: opt(str()),
    namespace: opt(str('kube-system')),
    mode: opt(str('bridge')), // which strings are macvlan modes: MV017
    mtu: opt(num()),
    ipam: opt(instanceOf(Ipam, 'Ipam', 'an Ipam built with Ipam.spiderpool(), Ipam.whereabouts({...}), Ipam.staticAddresses(), ...')),
    pools: opt(listOf(POOL_SHAPE)),
    cniVersion: opt(str('0.3.1')),
    source: opt(oneOf('NadSource', NadSource as unknown as { [key: string]: string })),
    ifacer: opt(obj('IfacerOptions', {
      interfaces: req(listOf(str('ens224'))),
      vlanId: opt(num()),
      bond: opt(obj('IfacerBondOptions', { name: req(str('bond0')), mode: req(num()), options: opt(str('miimon=100')) })),
    })),
    helper: opt(helper),
  });
}
