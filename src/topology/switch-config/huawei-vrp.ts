/**
 * Internal: Huawei VRP (CloudEngine) configuration text of one switch, in the `display
 * current-configuration` layout (`#` between sections) of the vendor's configuration scripts. Every
 * command form, and the documents showing it, is listed in COMMAND_FORMS.VRP of ./sources.ts (the ids in
 * brackets below are its documents).
 */
import { SwitchPortAggregation, SwitchVlanInterfacePlan } from '../switch-plan';
import { FirstHopRedundancy, SwitchRedundancy } from '../switches';
import { SwitchView, aggregated, checkFirstHop, header, ipv4Mask, nodePortsNote, ownAddress, priorityOf, unsupported, vlanList } from './common';
import { sourcesOf } from './sources';

const VENDOR = 'Huawei VRP';
/**
 * The virtual MAC of an M-LAG dual-active gateway: the same on both switches, in the range the vendor
 * names (0000-5E00-01XX) [VRP-MLAG-VRRP], the value of its examples [VRP-MLAG-EX4].
 */
export const DUAL_ACTIVE_MAC = '0000-5e00-0101';

/** The configuration text of one switch (or stack). */
export function renderHuaweiVrp(view: SwitchView): string {
  checkFirstHop(VENDOR, view, [FirstHopRedundancy.VRRP, FirstHopRedundancy.VARP]);
  if (view.mlag && view.firstHop === FirstHopRedundancy.VRRP && !view.firstHopFromVendor) {
    // the plan's VRRP (its default for a pair) is not what CloudEngine documents for M-LAG: asked, not assumed
    throw unsupported(VENDOR, view.rack, 'the plan gives the M-LAG pair VRRP gateways, which CloudEngine V300R023C00 documents as not supported on M-LAG (VRRP/VRRP6 dual-active gateways)',
      'use SwitchVendor.huaweiVrp({ firstHopRedundancy: FirstHopRedundancy.VARP }) for the documented M-LAG dual-active gateway, '
      + 'or SwitchVendor.huaweiVrp({ firstHopRedundancy: FirstHopRedundancy.VRRP }) to write VRRP anyway (a release that supports it on M-LAG)');
  }
  const rack = view.rack;
  const out: string[] = [...header('#', view, `${VENDOR} (CloudEngine)`, sourcesOf('VRP'), notes(view)), '#'];
  const allowed = vlanList(rack.allowedVlans, ' ', ' to ');
  const trunk = (): string[] => [' port link-type trunk', ` port trunk allow-pass vlan ${allowed}`];
  const mode = rack.aggregation === SwitchPortAggregation.LACP ? ' mode lacp-static' : ' mode manual load-balance';

  out.push(`sysname ${view.name}`, '#');
  if (view.mlag && rack.peerLink) {
    const pl = rack.peerLink;
    // the DFS group id is always 1; the V200R019 keepalive form [VRP-DFS]
    out.push('dfs-group 1', ` priority ${view.index === 0 ? 150 : 100}`, ` source ip ${pl.keepalive[view.index].address} peer ${pl.keepalive[1 - view.index].address}`, '#');
  }
  out.push(`vlan batch ${allowed}`, '#');
  if (view.mlag) out.push('stp mode rstp', 'stp v-stp enable', '#'); // M-LAG through V-STP [VRP-MLAG-EX4]

  for (const v of rack.vlans) {
    out.push(`interface Vlanif${v.id}`, ` mtu ${v.mtu}`);
    for (const vi of v.vlanInterfaces) out.push(...vlanifFamily(view, vi));
    if (view.firstHop === FirstHopRedundancy.VARP && v.vlanInterfaces.length > 0) out.push(` mac-address ${DUAL_ACTIVE_MAC}`);
    out.push('#');
  }

  if (view.mlag && rack.peerLink) {
    // a peer-link joins every VLAN and takes no other service: no link type, no allow-pass list [VRP-CMD]
    out.push(`interface Eth-Trunk${rack.peerLink.portChannelId}`, ` description peer-link to ${view.peer}`, ' mode lacp-static', ' peer-link 1', '#');
  }
  for (const pc of view.channels) {
    if (!aggregated(rack)) continue;
    out.push(`interface Eth-Trunk${pc.id}`, ` description ${pc.node} ${rack.bond}`, ...trunk(), mode);
    if (view.mlag) out.push(` dfs-group 1 m-lag ${pc.id}`);
    out.push('#');
  }
  if (view.mlag && rack.peerLink) {
    for (const port of rack.peerLink.ports) {
      out.push(`interface ${port}`, ` description peer-link member to ${view.peer}`, ` eth-trunk ${rack.peerLink.portChannelId}`, '#');
    }
  }
  for (const pc of view.channels) {
    for (const p of pc.ports) {
      out.push(`interface ${p.port}`, ` description ${pc.node} ${p.nic}`);
      if (aggregated(rack)) out.push(` eth-trunk ${pc.id}`);
      else out.push(...trunk());
      out.push('#');
    }
  }
  if (rack.portChannels.length === 0) out.push(`# ${nodePortsNote(rack)}`, '#');
  if (rack.mtu > 1500) out.push(`# jumbo frames: Ethernet ports accept frames up to 9216 bytes by default (jumboframe enable) [VRP-CMD]; bond MTU ${rack.mtu}`, '#');
  if (rack.redundancy === SwitchRedundancy.STACK) out.push(`# stack members: ${rack.switches.map(s => s.name).join(', ')} (one configuration)`, '#');
  out.push('return');
  return out.join('\n') + '\n';
}

/** What the text leaves to the operator, and the caveat of VRRP on an M-LAG pair. */
function notes(view: SwitchView): string[] {
  if (!view.mlag) return [];
  const out = [
    'the DFS group\'s "source ip <own> peer <peer>" is the V200R019 form [VRP-DFS]; V300R023C00 writes it "dual-active detection source ip <own> peer <peer>" [VRP-MLAG-EX4]. '
      + 'Both addresses (SwitchPeerLinkProps.keepaliveAddresses) are the switches\' management addresses, configured outside this text.',
  ];
  if (view.firstHop === FirstHopRedundancy.VRRP) {
    out.push('VRRP/VRRP6 gateways on an M-LAG pair are UNVERIFIED: CloudEngine V300R023C00 documents them as not supported there [VRP-MLAG-VRRP]. '
      + 'SwitchVendor.huaweiVrp({ firstHopRedundancy: FirstHopRedundancy.VARP }) writes the documented M-LAG dual-active gateway instead '
      + '(the gateway address and one virtual MAC on both switches).');
  }
  return out;
}

function vlanifFamily(view: SwitchView, vi: SwitchVlanInterfacePlan): string[] {
  // the M-LAG dual-active gateway: both switches hold the gateway address itself [VRP-MLAG-EX4] [VRP-MLAG-EX6]
  const own = view.firstHop === FirstHopRedundancy.VARP ? { address: vi.address, cidr: vi.cidr } : ownAddress(view, vi);
  const group = view.rack.firstHop?.groupId ?? 1;
  const out: string[] = [];
  if (vi.ipVersion === 4) {
    out.push(` ip address ${own.address} ${ipv4Mask(vi.prefixLength)}`);
    if (view.firstHop === FirstHopRedundancy.VRRP) {
      out.push(` vrrp vrid ${group} virtual-ip ${vi.address}`, ` vrrp vrid ${group} priority ${priorityOf(view, vi)}`);
    }
  } else {
    out.push(' ipv6 enable', ` ipv6 address ${own.cidr}`);
    if (view.firstHop === FirstHopRedundancy.VRRP) {
      // the first virtual address of a VRRP6 group must be link-local, then the global ones [VRP-CMD]
      out.push(` vrrp6 vrid ${group} virtual-ip FE80::${group.toString(16).toUpperCase()} link-local`);
      out.push(` vrrp6 vrid ${group} virtual-ip ${vi.address}`, ` vrrp6 vrid ${group} priority ${priorityOf(view, vi)}`);
    }
  }
  return out;
}
