/**
 * Internal: Cisco NX-OS (Nexus 9000) configuration text of one switch. Every command form, and the
 * documents showing or accepting it, is listed in COMMAND_FORMS.NXOS of ./sources.ts (the ids in brackets
 * below are its documents).
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
    // "vrrp <group>" is VRRP version 2 (RFC 3768), IPv4 only; its "address" takes an IPv4 address [NXOS-ANSIBLE]
    throw unsupported(VENDOR, rack, 'NX-OS VRRP (version 2) is IPv4 only, and the rack has IPv6 gateways',
      'use HSRP version 2, which carries IPv6: SwitchVendor.ciscoNxos({ firstHopRedundancy: FirstHopRedundancy.HSRP }) or SwitchesProps.firstHopRedundancy');
  }
  const notes = view.mlag
    ? ['the vPC peer-keepalive runs between the switches\' mgmt0 addresses in VRF management (SwitchPeerLinkProps.keepaliveAddresses), configured outside this text.']
    : [];
  const out: string[] = [...header('!', view, VENDOR, sourcesOf('NXOS'), notes), '!'];
  const allowed = vlanList(rack.allowedVlans);
  // jumbo frames on layer 2 ports: 9216, the maximum [NXOS-ANSIBLE], so any bond MTU fits
  const jumbo = rack.mtu > 1500 ? ['  mtu 9216'] : [];
  const trunk = (vlans: string): string[] => ['  switchport', '  switchport mode trunk', `  switchport trunk allowed vlan ${vlans}`, ...jumbo];
  // "channel-group N mode active" (LACP); "mode on" is a static port channel [NXOS-GRAMMAR]
  const member = (id: number): string => `  channel-group ${id} mode ${rack.aggregation === SwitchPortAggregation.LACP ? 'active' : 'on'}`;

  out.push(`hostname ${view.name}`);
  if (rack.aggregation === SwitchPortAggregation.LACP || view.mlag) out.push('feature lacp');
  if (view.mlag) out.push('feature vpc');
  out.push('feature interface-vlan');
  if (view.firstHop === FirstHopRedundancy.VRRP) out.push('feature vrrp');
  if (view.firstHop === FirstHopRedundancy.HSRP) out.push('feature hsrp');
  out.push('!', `vlan ${allowed}`, '!');

  if (view.mlag && rack.peerLink) {
    const pl = rack.peerLink;
    out.push(`vpc domain ${pl.domainId}`);
    // the keepalive runs in the management VRF, between the mgmt0 addresses (not over the peer link) [NXOS-ANSIBLE]
    out.push(`  peer-keepalive destination ${pl.keepalive[1 - view.index].address} source ${pl.keepalive[view.index].address} vrf management`);
    out.push('!');
    out.push(`interface port-channel${pl.portChannelId}`, `  description peer-link to ${view.peer}`, ...trunk(vlanList(pl.allowedVlans)), '  vpc peer-link', '!');
  }
  for (const pc of view.channels) {
    if (!aggregated(rack)) continue;
    out.push(`interface port-channel${pc.id}`, `  description ${pc.node} ${rack.bond}`, ...trunk(allowed));
    if (view.mlag) out.push(`  vpc ${pc.id}`);
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
    if (view.firstHop === FirstHopRedundancy.HSRP) out.push('  hsrp version 2'); // version 2 carries IPv6 groups
    for (const vi of v.vlanInterfaces) out.push(...firstHop(view, vi));
    out.push('!');
  }
  return out.join('\n') + '\n';
}

function firstHop(view: SwitchView, vi: SwitchVlanInterfacePlan): string[] {
  const group = view.rack.firstHop?.groupId ?? 1;
  const priority = priorityOf(view, vi);
  if (view.firstHop === FirstHopRedundancy.VRRP) {
    // "vrrp <group>", "address <virtual>", "priority <level>", "no shutdown" (a group starts shut down) [NXOS-ANSIBLE]
    return [`  vrrp ${group}`, `    address ${vi.address}`, `    priority ${priority}`, '    no shutdown'];
  }
  if (view.firstHop === FirstHopRedundancy.HSRP) {
    // "hsrp <group>" / "hsrp <group> ipv6", "priority", "preempt", "ip <virtual>"; an IPv6 group also derives its
    // link-local virtual address ("ip autoconfig") [NXOS-GRAMMAR] [NXOS-CONFIGS]
    return [`  hsrp ${group}${vi.ipVersion === 6 ? ' ipv6' : ''}`, `    priority ${priority}`, '    preempt',
      ...(vi.ipVersion === 6 ? ['    ip autoconfig'] : []), `    ip ${vi.address}`];
  }
  return [];
}
