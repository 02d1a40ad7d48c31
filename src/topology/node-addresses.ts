import { checkShape, mapOf, str } from '../shape';

/** How the nodes get their address on a VLAN. */
export enum NodeAddressingKind {
  /** Each node from a DHCP server on the VLAN. */
  DHCP = 'dhcp',
  /** Each node its own static address, from a list. */
  STATIC = 'static',
}

/**
 * The nodes' own addresses on one VLAN and IP family (`VlanSubnetProps.nodeAddresses`), configured on the VLAN
 * sub-interface by the host policy (kubernetes-nmstate only).
 *
 * Static addresses differ per node, so the topology then writes one NodeNetworkConfigurationPolicy per listed
 * node (nodeSelector `kubernetes.io/hostname: <node>`), each carrying the node's whole desired state (bond, every
 * VLAN, its addresses): kubernetes-nmstate applies every policy that selects a node in no guaranteed order
 * (kubernetes-nmstate#677), so a shared bond policy beside per-node address policies would overwrite each
 * other's settings on the VLAN interfaces (rule MV208).
 */
export class NodeAddresses {
  /**
   * The nodes get their address from a DHCP server on the VLAN (DHCPv6 for IPv6, no SLAAC). The lease's default
   * gateway and DNS servers are not used (`auto-gateway: false`, `auto-dns: false`): the node keeps its default
   * route on its primary interface. The DHCP server's range must not overlap the pools' ips (the library cannot
   * see it).
   */
  public static dhcp(): NodeAddresses {
    return new NodeAddresses(NodeAddressingKind.DHCP, {});
  }

  /**
   * Each listed node gets its static address: node name (the node's `kubernetes.io/hostname` label) to
   * `address` or `address/prefix` (the prefix, if given, must be the VLAN subnet's). The addresses are kept out
   * of the VLAN's derived pool ranges; a pool `ips` that still lists one is an error (MV205). The topology's host
   * interfaces are then configured on the listed nodes only (one policy each): list every node of the topology.
   * @param addresses node name to address
   */
  public static perNode(addresses: { [node: string]: string }): NodeAddresses {
    checkShape(addresses, mapOf(str('172.16.100.11/24')), { call: 'NodeAddresses.perNode()' }, 'addresses');
    return new NodeAddresses(NodeAddressingKind.STATIC, { ...addresses });
  }

  /** DHCP or STATIC. */
  public readonly kind: NodeAddressingKind;
  /** Node name to address (STATIC; empty for DHCP). */
  public readonly addresses: { [node: string]: string };

  private constructor(kind: NodeAddressingKind, addresses: { [node: string]: string }) {
    this.kind = kind;
    this.addresses = addresses;
  }
}
