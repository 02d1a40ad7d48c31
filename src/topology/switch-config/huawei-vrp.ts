/**
 * Internal: Huawei VRP (CloudEngine) configuration text of one switch, in the `display
 * current-configuration` layout (`#` between sections). The document each command form comes from is named
 * in brackets beside it (ids of ./sources.ts).
 */
import { SwitchPortAggregation, SwitchVlanInterfacePlan } from '../switch-plan';
import { FirstHopRedundancy, SwitchRedundancy } from '../switches';
import { SwitchView, aggregated, checkFirstHop, header, nodePortsNote, ownAddress, priorityOf, vlanList } from './common';
import { sourcesOf } from './sources';

const VENDOR = 'Huawei VRP';

/** The configuration text of one switch (or stack). */
export function renderHuaweiVrp(view: SwitchView): string {
  checkFirstHop(VENDOR, view, [FirstHopRedundancy.VRRP]);
  const rack = view.rack;
  const out: string[] = [...header('#', view, `${VENDOR} (CloudEngine)`, sourcesOf('VRP')), '#'];
  const allowed = vlanList(rack.allowedVlans, ' ', ' to '); // [VRP-LAG] "port trunk allow-pass vlan 2 to 4094"
  const trunk = (): string[] => [' port link-type trunk', ` port trunk allow-pass vlan ${allowed}`]; // [VRP-LAG] [VRP-VLANIF]
  // [VRP-LAG]: "mode lacp-static" for LACP, "mode manual load-balance" for a static aggregation
  const mode = rack.aggregation === SwitchPortAggregation.LACP ? ' mode lacp-static' : ' mode manual load-balance';

  out.push(`sysname ${view.name}`, '#');
  out.push(`vlan batch ${allowed}`, '#'); // [VRP-VLANIF] "vlan batch 11"

  if (view.mlag && rack.peerLink) {
    const pl = rack.peerLink;
    const self = pl.keepalive[view.index];
    const peer = pl.keepalive[1 - view.index];
    out.push('stp mode rstp', 'stp v-stp enable', '#'); // [VRP-MLAG] 4.7 Configuring M-LAG Through V-STP (Recommended)
    // [VRP-DFS] "dfs-group dfs-group-id", "source ip ip-address [ peer peer-ip-address ]"; the DFS group id is always 1
    out.push('dfs-group 1', ` priority ${view.index === 0 ? 150 : 100}`, ` source ip ${self.address} peer ${peer.address}`, '#');
  }

  for (const v of rack.vlans) {
    out.push(`interface Vlanif${v.id}`); // [VRP-VLANIF] "interface vlanif 10"
    out.push(` mtu ${v.mtu}`); // [VRP-MTU] interface MTU 46-9600
    for (const vi of v.vlanInterfaces) out.push(...vlanifFamily(view, vi));
    out.push('#');
  }

  if (view.mlag && rack.peerLink) {
    const pl = rack.peerLink;
    out.push(`interface Eth-Trunk${pl.portChannelId}`, ` description peer-link to ${view.peer}`);
    out.push(' port link-type trunk', ` port trunk allow-pass vlan ${vlanList(pl.allowedVlans, ' ', ' to ')}`);
    out.push(' mode lacp-static', ' peer-link 1', '#'); // [VRP-MLAG] "peer-link 1" in the Eth-Trunk view
  }
  for (const pc of view.channels) {
    if (!aggregated(rack)) continue;
    out.push(`interface Eth-Trunk${pc.id}`, ` description ${pc.node} ${rack.bond}`, ...trunk(), mode);
    if (view.mlag) out.push(` dfs-group 1 m-lag ${pc.id}`); // [VRP-MLAG] "dfs-group 1 m-lag 1"
    out.push('#');
  }
  if (view.mlag && rack.peerLink) {
    for (const port of rack.peerLink.ports) {
      out.push(`interface ${port}`, ` description peer-link member to ${view.peer}`, ` eth-trunk ${rack.peerLink.portChannelId}`, '#'); // [VRP-LAG] "eth-trunk 1"
    }
  }
  for (const pc of view.channels) {
    for (const p of pc.ports) {
      out.push(`interface ${p.port}`, ` description ${pc.node} ${p.nic}`);
      if (aggregated(rack)) out.push(` eth-trunk ${pc.id}`); // [VRP-LAG]
      else out.push(...trunk());
      out.push('#');
    }
  }
  if (rack.portChannels.length === 0) out.push(`# ${nodePortsNote(rack)}`, '#');
  if (rack.mtu > 1500) out.push(`# jumbo frames: node-facing ports accept frames up to 9216 bytes by default [VRP-MTU]; bond MTU ${rack.mtu}`, '#');
  if (rack.redundancy === SwitchRedundancy.STACK) out.push(`# stack members: ${rack.switches.map(s => s.name).join(', ')} (one configuration)`, '#');
  out.push('return');
  return out.join('\n') + '\n';
}

function vlanifFamily(view: SwitchView, vi: SwitchVlanInterfacePlan): string[] {
  const own = ownAddress(view, vi);
  const group = view.rack.firstHop?.groupId ?? 1;
  const out: string[] = [];
  if (vi.ipVersion === 4) {
    out.push(` ip address ${own.address} ${vi.prefixLength}`); // [VRP-VLANIF] "ip address 10.1.1.2 24"
    if (view.firstHop === FirstHopRedundancy.VRRP) {
      out.push(` vrrp vrid ${group} virtual-ip ${vi.address}`); // [VRP-VRRP] "vrrp vrid 1 virtual-ip 10.1.1.2"
      out.push(` vrrp vrid ${group} priority ${priorityOf(view, vi)}`); // [VRP-VRRP] "vrrp vrid 1 priority 150"
    }
  } else {
    out.push(' ipv6 enable', ` ipv6 address ${own.cidr}`);
    if (view.firstHop === FirstHopRedundancy.VRRP) {
      // [VRP-VRRP6] the first virtual address of a VRRP6 group is link-local: "vrrp6 vrid 2 virtual-ip FE80::7 link-local"
      out.push(` vrrp6 vrid ${group} virtual-ip FE80::${group.toString(16).toUpperCase()} link-local`);
      out.push(` vrrp6 vrid ${group} virtual-ip ${vi.address}`); // [VRP-VRRP6-IP]
      out.push(` vrrp6 vrid ${group} priority ${priorityOf(view, vi)}`); // [VRP-VRRP6] "vrrp6 vrid 2 priority 120"
    }
  }
  return out;
}
