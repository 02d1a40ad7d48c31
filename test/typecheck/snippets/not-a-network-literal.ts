// expect-error: TS2345 (a look-alike object is not one of our network types)
// names: { name: string; namespace: string; qualifiedName: string; master: string; }
import { PodNetworks } from '../../../src';

const lookAlike = { name: 'macvlan-standalone-vlan0', namespace: 'kube-system', qualifiedName: 'kube-system/macvlan-standalone-vlan0', master: 'eth1' };
PodNetworks.standalone(lookAlike);
