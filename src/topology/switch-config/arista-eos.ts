/**
 * Internal: Arista EOS configuration text of one switch. The document each command form comes from is named
 * in brackets beside it (ids of ./sources.ts).
 */
import { SwitchPortAggregation, SwitchVlanInterfacePlan } from '../switch-plan';
import { FirstHopRedundancy, SwitchRedundancy } from '../switches';
import { SwitchView, aggregated, checkFirstHop, header, nodePortsNote, ownAddress, priorityOf, unsupported, vlanList } from './common';
import { sourcesOf } from './sources';

const VENDOR = 'Arista EOS';
/** The VARP virtual MAC: unicast and locally administered, the same on both switches of a pair. */
export const VARP_MAC = '02:1c:73:00:00:01';
/** The trunk group that keeps the MLAG peer VLAN on the peer link only. */
const PEER_GROUP = 'mlag-peer';

/** The configuration text of one switch. */
export function renderAristaEos(view: SwitchView): string {
  const rack = view.rack;
  if (rack.redundancy === SwitchRedundancy.STACK) {
    throw unsupported(VENDOR, rack, 'Arista switches do not stack', 'use SwitchRedundancy.MLAG with a peer link');
  }
  checkFirstHop(VENDOR, view, [FirstHopRedundancy.VRRP, FirstHopRedundancy.VARP]);
  if (view.mlag && rack.peerLink && rack.allowedVlans.includes(rack.peerLink.peerVlan)) {
    throw unsupported(VENDOR, rack, `the MLAG peer VLAN ${rack.peerLink.peerVlan} is one of the rack's VLANs: the pair's control traffic would share it with the pods`,
      'set peerLink.peerVlan to a VLAN id no rack uses (Arista MLAG needs one; Huawei and Cisco do not use it)');
  }
  const out: string[] = [...header('!', view, VENDOR, sourcesOf('EOS')), '!'];
  const allowed = vlanList(rack.allowedVlans);
  const trunk = (vlans: string): string[] => ['   switchport mode trunk', `   switchport trunk allowed vlan ${vlans}`]; // [EOS-MLAG]
  // [EOS-MLAG] "channel-group 1000 mode active" (LACP); "mode on" is a static port channel
  const member = (id: number): string => `   channel-group ${id} mode ${rack.aggregation === SwitchPortAggregation.LACP ? 'active' : 'on'}`;

  out.push(`hostname ${view.name}`, '!', `vlan ${allowed}`, '!');
  if (view.mlag && rack.peerLink) {
    const pl = rack.peerLink;
    // [EOS-MLAG] the peer VLAN in a trunk group (carried on the peer link only), spanning tree off on it
    out.push(`vlan ${pl.peerVlan}`, `   name ${PEER_GROUP}`, `   trunk group ${PEER_GROUP}`, '!', `no spanning-tree vlan-id ${pl.peerVlan}`, '!');
    out.push(`interface Port-Channel${pl.portChannelId}`, `   description peer-link to ${view.peer}`, ...trunk(vlanList([...pl.allowedVlans, pl.peerVlan])),
      `   switchport trunk group ${PEER_GROUP}`, '!'); // [EOS-MLAG]
  }
  for (const pc of view.channels) {
    if (!aggregated(rack)) continue;
    out.push(`interface Port-Channel${pc.id}`, `   description ${pc.node} ${rack.bond}`, ...trunk(allowed));
    if (view.mlag) out.push(`   mlag ${pc.id}`); // [EOS-MLAG] "mlag <id>" on the port channel of both switches
    out.push('!');
  }
  if (view.mlag && rack.peerLink) {
    for (const port of rack.peerLink.ports) {
      out.push(`interface ${port}`, `   description peer-link member to ${view.peer}`, `   channel-group ${rack.peerLink.portChannelId} mode active`, '!');
    }
  }
  for (const pc of view.channels) {
    for (const p of pc.ports) {
      out.push(`interface ${p.port}`, `   description ${pc.node} ${p.nic}`);
      out.push(...(aggregated(rack) ? [member(pc.id)] : trunk(allowed)));
      out.push('!');
    }
  }
  if (rack.portChannels.length === 0) out.push(`! ${nodePortsNote(rack)}`, '!');
  if (rack.mtu > 1500) out.push(`! jumbo frames: switched traffic is not MTU-limited [EOS-MTU]; bond MTU ${rack.mtu}`, '!');

  if (view.mlag && rack.peerLink) {
    const pl = rack.peerLink;
    // [EOS-MLAG] the peer VLAN interface holds the local keepalive address; "no autostate" keeps it up
    out.push(`interface Vlan${pl.peerVlan}`, '   description mlag peer', '   no autostate', `   ip address ${pl.keepalive[view.index].cidr}`, '!');
    out.push('mlag configuration', `   domain-id ${rack.name}-${pl.domainId}`, `   local-interface Vlan${pl.peerVlan}`,
      `   peer-address ${pl.keepalive[1 - view.index].address}`, `   peer-link Port-Channel${pl.portChannelId}`, '!'); // [EOS-MLAG]
  }
  if (view.firstHop === FirstHopRedundancy.VARP) out.push(`ip virtual-router mac-address ${VARP_MAC}`, '!'); // [EOS-VRRP-VARP]

  const ipv6 = rack.vlans.some(v => v.vlanInterfaces.some(i => i.ipVersion === 6));
  for (const v of rack.vlans) {
    out.push(`interface Vlan${v.id}`, `   mtu ${v.mtu}`);
    for (const vi of v.vlanInterfaces) out.push(...vlanInterface(view, vi));
    // [EOS-VRRP-VARP] one priority per virtual router (both families)
    if (view.firstHop === FirstHopRedundancy.VRRP && v.vlanInterfaces.length > 0) {
      out.push(`   vrrp ${rack.firstHop?.groupId ?? 1} priority-level ${priorityOf(view, v.vlanInterfaces[0])}`);
    }
    out.push('!');
  }
  out.push('ip routing');
  if (ipv6) out.push('ipv6 unicast-routing');
  out.push('!', 'end');
  return out.join('\n') + '\n';
}

function vlanInterface(view: SwitchView, vi: SwitchVlanInterfacePlan): string[] {
  const own = ownAddress(view, vi);
  const group = view.rack.firstHop?.groupId ?? 1;
  const out = [vi.ipVersion === 4 ? `   ip address ${own.cidr}` : `   ipv6 address ${own.cidr}`];
  if (view.firstHop === FirstHopRedundancy.VARP) {
    out.push(`   ${vi.ipVersion === 4 ? 'ip' : 'ipv6'} virtual-router address ${vi.address}`); // [EOS-VRRP-VARP]
  } else if (view.firstHop === FirstHopRedundancy.VRRP) {
    out.push(`   vrrp ${group} ipv${vi.ipVersion} ${vi.address}`); // [EOS-VRRP-VARP] "vrrp <id> ipv4 <address>", "vrrp <id> ipv6 <address>"
  }
  return out;
}
