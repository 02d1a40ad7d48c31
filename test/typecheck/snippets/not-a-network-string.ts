// expect-error: TS2345 (a "ns/name" string is not a network)
// names: "kube-system/macvlan-overlay-vlan0" or string
import { PodNetworks } from '../../../src';

PodNetworks.overlay('kube-system/macvlan-overlay-vlan0');
