/**
 * Internal: Cisco NX-OS (Nexus 9000) configuration text of one switch. The document each command form comes
 * from is named in brackets beside it (ids of ./sources.ts).
 */
import { SwitchPortAggregation, SwitchVlanInterfacePlan } from '../switch-plan';
import { FirstHopRedundancy, SwitchRedundancy } from '../switches';
import { SwitchView, aggregated, checkFirstHop, header, nodePortsNote, ownAddress, priorityOf, unsupported, vlanList } from './common';
import { sourcesOf } from './sources';

const VENDOR = 'Cisco NX-OS';

/** The configuration text of one switch. */
export function renderCiscoNxos(view: SwitchView): string {
  const rack = view.rack;
  if (rack.redundancy === SwitchRedundancy.STACK) {
    throw unsupported(VENDOR, rack, 'Nexus switches do not stack', 'use SwitchRedundancy.MLAG (vPC) with a peer link');
  }
  checkFirstHop(VENDOR, view, [FirstHopRedundancy.VRRP, FirstHopRedundancy.HSRP]);
  const dualStack = rack.vlans.some(v => v.vlanInterfaces.some(i => i.ipVersion === 6));
  if (view.firstHop === FirstHopRedundancy.VRRP && dualStack) {
    throw unsupported(VENDOR, rack, 'NX-OS VRRP (version 2) is IPv4 only, and the rack has IPv6 gateways',
      'use HSRP version 2, which carries IPv6: SwitchVendor.ciscoNxos({ firstHopRedundancy: FirstHopRedundancy.HSRP }) or SwitchesProps.firstHopRedundancy');
  }
  const out: string[] = [...header('!', view, VENDOR, sourcesOf('NXOS')), '!'];
  const allowed = vlanList(rack.allowedVlans);
  const jumbo = rack.mtu > 1500 ? ['  mtu 9216'] : []; // jumbo frames on layer 2 ports: the maximum, any bond MTU fits
  const trunk = (vlans: string): string[] => ['  switchport', '  switchport mode trunk', `  switchport trunk allowed vlan ${vlans}`, ...jumbo]; // [NXOS-VPC]
  // [NXOS-VPC] "channel-group N mode active" (LACP); "mode on" is a static port channel
  const member = (id: number): string => `  channel-group ${id} mode ${rack.aggregation === SwitchPortAggregation.LACP ? 'active' : 'on'}`;

  out.push(`hostname ${view.name}`);
  if (rack.aggregation === SwitchPortAggregation.LACP || view.mlag) out.push('feature lacp'); // [NXOS-VPC]
  if (view.mlag) out.push('feature vpc'); // [NXOS-VPC]
  out.push('feature interface-vlan');
  if (view.firstHop === FirstHopRedundancy.VRRP) out.push('feature vrrp'); // [NXOS-VRRP]
  if (view.firstHop === FirstHopRedundancy.HSRP) out.push('feature hsrp'); // [NXOS-HSRP]
  out.push('!', `vlan ${allowed}`, '!');

  if (view.mlag && rack.peerLink) {
    const pl = rack.peerLink;
    out.push(`vpc domain ${pl.domainId}`); // [NXOS-VPC]
    // [NXOS-KEEPALIVE] the keepalive runs in the management VRF, between the mgmt0 addresses (not over the peer link)
    out.push(`  peer-keepalive destination ${pl.keepalive[1 - view.index].address} source ${pl.keepalive[view.index].address} vrf management`);
    out.push('!');
    out.push(`interface port-channel${pl.portChannelId}`, `  description peer-link to ${view.peer}`, ...trunk(vlanList(pl.allowedVlans)), '  vpc peer-link', '!'); // [NXOS-VPC]
  }
  for (const pc of view.channels) {
    if (!aggregated(rack)) continue;
    out.push(`interface port-channel${pc.id}`, `  description ${pc.node} ${rack.bond}`, ...trunk(allowed));
    if (view.mlag) out.push(`  vpc ${pc.id}`); // [NXOS-VPC]
    out.push('!');
  }
  if (view.mlag && rack.peerLink) {
    for (const port of rack.peerLink.ports) {
      out.push(`interface ${port}`, `  description peer-link member to ${view.peer}`, ...trunk(vlanList(rack.peerLink.allowedVlans)), `  channel-group ${rack.peerLink.portChannelId} mode active`, '!');
    }
  }
  for (const pc of view.channels) {
    for (const p of pc.ports) {
      out.push(`interface ${p.port}`, `  description ${pc.node} ${p.nic}`, ...trunk(allowed));
      if (aggregated(rack)) out.push(member(pc.id));
      out.push('!');
    }
  }
  if (rack.portChannels.length === 0) out.push(`! ${nodePortsNote(rack)}`, '!');

  for (const v of rack.vlans) {
    out.push(`interface Vlan${v.id}`, '  no shutdown', `  mtu ${v.mtu}`);
    for (const vi of v.vlanInterfaces) out.push(vi.ipVersion === 4 ? `  ip address ${ownAddress(view, vi).cidr}` : `  ipv6 address ${ownAddress(view, vi).cidr}`);
    if (view.firstHop === FirstHopRedundancy.HSRP) out.push('  hsrp version 2'); // [NXOS-HSRP] version 2 carries IPv6
    for (const vi of v.vlanInterfaces) out.push(...firstHop(view, vi));
    out.push('!');
  }
  return out.join('\n') + '\n';
}

function firstHop(view: SwitchView, vi: SwitchVlanInterfacePlan): string[] {
  const group = view.rack.firstHop?.groupId ?? 1;
  const priority = priorityOf(view, vi);
  if (view.firstHop === FirstHopRedundancy.VRRP) {
    // [NXOS-VRRP] "vrrp <group>", "address <virtual>", "priority <level>", "no shutdown" (VRRP groups start shut down)
    return [`  vrrp ${group}`, `    address ${vi.address}`, `    priority ${priority}`, '    no shutdown'];
  }
  if (view.firstHop === FirstHopRedundancy.HSRP) {
    // [NXOS-HSRP-CMD] "hsrp 4", "priority 110", "preempt", "ip 10.0.0.3"; [NXOS-HSRP] "hsrp <group> ipv6" for IPv6
    return [`  hsrp ${group}${vi.ipVersion === 6 ? ' ipv6' : ''}`, `    priority ${priority}`, '    preempt', `    ip ${vi.address}`];
  }
  return [];
}
