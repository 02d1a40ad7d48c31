/**
 * Internal: Arista EOS configuration text of one switch, its lines in the order EOS shows them (as Arista's
 * own generator writes them [EOS-AVD]). Every command form, and the documents showing or accepting it, is
 * listed in COMMAND_FORMS.EOS of ./sources.ts (the ids in brackets below are its documents).
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
  const trunk = (vlans: string): string[] => [`   switchport trunk allowed vlan ${vlans}`, '   switchport mode trunk'];
  // "channel-group N mode active" (LACP); "mode on" is a static port channel [EOS-GRAMMAR]
  const member = (id: number): string => `   channel-group ${id} mode ${rack.aggregation === SwitchPortAggregation.LACP ? 'active' : 'on'}`;

  out.push(`hostname ${view.name}`, '!', `vlan ${allowed}`, '!');
  if (view.mlag && rack.peerLink) {
    const pl = rack.peerLink;
    // the peer VLAN in a trunk group (carried on the peer link only), spanning tree off on it [EOS-AVD-MLAG]
    out.push(`vlan ${pl.peerVlan}`, `   name ${PEER_GROUP}`, `   trunk group ${PEER_GROUP}`, '!', `no spanning-tree vlan-id ${pl.peerVlan}`, '!');
    out.push(`interface Port-Channel${pl.portChannelId}`, `   description peer-link to ${view.peer}`, ...trunk(vlanList([...pl.allowedVlans, pl.peerVlan])),
      `   switchport trunk group ${PEER_GROUP}`, '!');
  }
  for (const pc of view.channels) {
    if (!aggregated(rack)) continue;
    out.push(`interface Port-Channel${pc.id}`, `   description ${pc.node} ${rack.bond}`, ...trunk(allowed));
    if (view.mlag) out.push(`   mlag ${pc.id}`); // "mlag <id>" on the port channel of both switches [EOS-AVD-MLAG]
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
    // the peer VLAN interface holds the local keepalive address; "no autostate" keeps it up [EOS-AVD-MLAG]
    out.push(`interface Vlan${pl.peerVlan}`, '   description mlag peer', '   no autostate', `   ip address ${pl.keepalive[view.index].cidr}`, '!');
    out.push('mlag configuration', `   domain-id ${rack.name}-${pl.domainId}`, `   local-interface Vlan${pl.peerVlan}`,
      `   peer-address ${pl.keepalive[1 - view.index].address}`, `   peer-link Port-Channel${pl.portChannelId}`, '!');
  }
  if (view.firstHop === FirstHopRedundancy.VARP) out.push(`ip virtual-router mac-address ${VARP_MAC}`, '!');

  const ipv6 = rack.vlans.some(v => v.vlanInterfaces.some(i => i.ipVersion === 6));
  for (const v of rack.vlans) {
    out.push(`interface Vlan${v.id}`, `   mtu ${v.mtu}`, ...vlanInterface(view, v.vlanInterfaces), '!');
  }
  out.push('ip routing');
  if (ipv6) out.push('ipv6 unicast-routing');
  out.push('!', 'end');
  return out.join('\n') + '\n';
}

/**
 * The addresses of a VLAN interface, then its gateway: the VARP addresses, or the VRRP virtual router (one
 * VRID for both families, its priority first) [EOS-AVD].
 */
function vlanInterface(view: SwitchView, interfaces: readonly SwitchVlanInterfacePlan[]): string[] {
  const group = view.rack.firstHop?.groupId ?? 1;
  const family = (vi: SwitchVlanInterfacePlan): string => (vi.ipVersion === 4 ? 'ip' : 'ipv6');
  const out = interfaces.map(vi => `   ${family(vi)} address ${ownAddress(view, vi).cidr}`);
  if (view.firstHop === FirstHopRedundancy.VARP) {
    out.push(...interfaces.map(vi => `   ${family(vi)} virtual-router address ${vi.address}`));
  } else if (view.firstHop === FirstHopRedundancy.VRRP && interfaces.length > 0) {
    out.push(`   vrrp ${group} priority-level ${priorityOf(view, interfaces[0])}`, ...interfaces.map(vi => `   vrrp ${group} ipv${vi.ipVersion} ${vi.address}`));
  }
  return out;
}
