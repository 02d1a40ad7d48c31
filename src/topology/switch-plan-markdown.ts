/**
 * Internal: the switch plan as a Markdown document (deterministic). One rack is written as it always was
 * (trunk ports, VLANs and VLANIF gateways); a redundant pair adds the switch of each NIC, the peer link and
 * the real addresses beside the virtual gateway; several racks get one set of sections each.
 */
import { SwitchPlan, SwitchPortAggregation, SwitchRackPlan } from './switch-plan';
import { FirstHopRedundancy, SwitchRedundancy } from './switches';

const GROUPING: Record<SwitchPortAggregation, string> = {
  [SwitchPortAggregation.LACP]: 'LACP port channel (Eth-Trunk in LACP mode), one per node',
  [SwitchPortAggregation.STATIC]: 'static link aggregation (no LACP), one per node',
  [SwitchPortAggregation.NONE]: 'independent ports (no aggregation on the switch)',
};

const PROTOCOL: Record<FirstHopRedundancy, string> = {
  [FirstHopRedundancy.VRRP]: 'VRRP',
  [FirstHopRedundancy.HSRP]: 'HSRP',
  [FirstHopRedundancy.VARP]: 'VARP (virtual-router, both switches answer)',
};

/** Renders `plan` for a network engineer; `capacityTable` (Markdown) becomes the address capacity section. */
export function renderSwitchPlanMarkdown(plan: SwitchPlan, title: string, capacityTable?: string): string {
  const out: string[] = [];
  out.push(`# Switch plan: ${title}`, '');
  const several = plan.racks.length > 1;
  for (const rack of plan.racks) renderRack(out, rack, several ? `Rack \`${rack.name}\`: ` : '', several);
  if (capacityTable !== undefined) {
    out.push('', '## Address capacity', '');
    out.push('Allocatable addresses per pool against the peak pod count of the workloads on it (replicas plus the rolling update\'s maxSurge, '
      + 'parallelism, one per node for DaemonSets). Terminating pods keep their address until their containers stop.', '');
    out.push(capacityTable.trimEnd());
  }
  return out.join('\n') + '\n';
}

function renderRack(out: string[], rack: SwitchRackPlan, heading: string, several: boolean): void {
  const selector = Object.entries(rack.nodeSelector).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const nodes = selector.length === 0 ? 'every node' : `nodes matching ${selector.map(([k, v]) => `\`${k}=${v}\``).join(', ')}`;
  const pair = rack.switches.length === 2;
  const mlag = rack.redundancy === SwitchRedundancy.MLAG;
  if (several) out.push(`## Rack \`${rack.name}\``, '');
  out.push(`Applies to ${nodes}. Each node bonds ${rack.memberNics.map(n => `\`${n}\``).join(', ')} into \`${rack.bond}\` (mode ${rack.bondMode}).`, '');
  if (pair) {
    const kind = mlag ? 'an MLAG pair (Huawei M-LAG, Cisco vPC, Arista MLAG): each node\'s port channel spans both switches'
      : 'a stack (one logical switch, one configuration)';
    out.push(`Switches \`${rack.switches[0].name}\` and \`${rack.switches[1].name}\` form ${kind}.`, '');
  } else {
    out.push(`Switch \`${rack.switches[0].name}\`.`, '');
  }

  out.push(`## ${heading}Trunk ports`, '');
  if (pair) {
    out.push('| Host NIC (per node) | Switch | Switch port mode | Grouping | Allowed VLANs (tagged) | MTU |');
    out.push('|---|---|---|---|---|---|');
    for (const l of rack.memberLinks) {
      out.push(`| ${l.nic} | ${l.switchName} | trunk (802.1Q) | ${GROUPING[rack.aggregation]}${mlag && rack.aggregation !== SwitchPortAggregation.NONE ? ' across both switches' : ''} | ${rack.allowedVlans.join(', ')} | ${rack.mtu} |`);
    }
  } else {
    out.push('| Host NIC (per node) | Switch port mode | Grouping | Allowed VLANs (tagged) | MTU |');
    out.push('|---|---|---|---|---|');
    for (const nic of rack.memberNics) {
      out.push(`| ${nic} | trunk (802.1Q) | ${GROUPING[rack.aggregation]} | ${rack.allowedVlans.join(', ')} | ${rack.mtu} |`);
    }
  }
  out.push('');
  out.push('The pods\' traffic is tagged: no access VLAN and no native VLAN are needed on these ports.', '');

  if (rack.portChannels.length > 0) {
    out.push(`## ${heading}Node ports`, '');
    out.push(`| Node | Port channel | ${rack.memberNics.join(' | ')} |`);
    out.push(`|---|---|${rack.memberNics.map(() => '---|').join('')}`);
    for (const pc of rack.portChannels) {
      out.push(`| ${pc.node} | ${pc.id} | ${pc.ports.map(p => `${p.switchName} ${p.port}`).join(' | ')} |`);
    }
    out.push('');
  }

  if (rack.peerLink) {
    const pl = rack.peerLink;
    out.push(`## ${heading}Peer link`, '');
    out.push('| Ports (on both switches) | Port channel | Allowed VLANs (tagged) | Domain | Peer VLAN | Keepalive |');
    out.push('|---|---|---|---|---|---|');
    out.push(`| ${pl.ports.join(', ')} | ${pl.portChannelId} | ${pl.allowedVlans.join(', ')} | ${pl.domainId} | ${pl.peerVlan} | ${pl.keepalive.map(k => `${k.switchName} ${k.cidr}`).join(', ')} |`);
    out.push('');
  }

  if (mlag && rack.firstHop) {
    const fh = rack.firstHop;
    out.push(`## ${heading}VLANs and gateways`, '');
    const group = fh.protocol === FirstHopRedundancy.VARP ? '' : `, group ${fh.groupId} on every VLAN`;
    out.push(`First-hop redundancy: ${PROTOCOL[fh.protocol]}${group}. The pods' gateway is the virtual address; each switch has its own address.`, '');
    const [a, b] = rack.switches.map(s => s.name);
    out.push(`| VLAN | Host interface | MTU | Family | Gateway (virtual) | ${a} | ${b} |`);
    out.push('|---|---|---|---|---|---|---|');
    for (const v of rack.vlans) {
      for (const vi of v.vlanInterfaces) {
        const own = (name: string) => {
          const sa = vi.switchAddresses.find(s => s.switchName === name);
          return sa === undefined ? '-' : `${sa.cidr}${sa.priority !== undefined ? ` (priority ${sa.priority})` : ''}`;
        };
        out.push(`| ${v.id} | ${v.hostInterface} | ${v.mtu} | IPv${vi.ipVersion} | ${vi.cidr} | ${own(a)} | ${own(b)} |`);
      }
    }
    out.push('');
    out.push('The switches route between the VLANs. Every switch address is reserved (see the reserved addresses), so no pool hands it out.');
  } else {
    out.push(`## ${heading}VLANs and VLANIF gateways`, '');
    out.push('| VLAN | Host interface | MTU | VLANIF IPv4 | VLANIF IPv6 |');
    out.push('|---|---|---|---|---|');
    for (const v of rack.vlans) {
      const cidr = (ver: number) => v.vlanInterfaces.filter(i => i.ipVersion === ver).map(i => i.cidr).join(', ') || '-';
      out.push(`| ${v.id} | ${v.hostInterface} | ${v.mtu} | ${cidr(4)} | ${cidr(6)} |`);
    }
    out.push('');
    out.push('Each VLANIF address is the default gateway of the pods on its VLAN; the switch routes between the VLANs.');
  }
  renderReserved(out, rack, heading);
  if (several) out.push('');
}

/** Per VLAN and family: the addresses no pool hands out (gateway, switch addresses, the user's reservedIps). */
function renderReserved(out: string[], rack: SwitchRackPlan, heading: string): void {
  out.push('', `## ${heading}Reserved addresses`, '');
  const named = rack.vlans.every(v => v.vlanInterfaces.every(vi => vi.reservedIpName !== undefined));
  out.push(named ? 'No pool hands these out: they are in a SpiderReservedIP, which Spiderpool skips in every pool of the cluster.'
    : 'Reserve these addresses (a SpiderReservedIP, which Spiderpool skips in every pool of the cluster) so that no pool hands them out.', '');
  out.push('| VLAN | Family | Gateway | Switch addresses | Other reserved (reservedIps) | SpiderReservedIP |');
  out.push('|---|---|---|---|---|---|');
  for (const v of rack.vlans) {
    for (const vi of v.vlanInterfaces) {
      const own = vi.switchAddresses.filter(a => a.address !== vi.address).map(a => `${a.address} (${a.switchName})`);
      const gateway = `${vi.address}${own.length > 0 ? ' (virtual)' : ` (${vi.switchAddresses[0]?.switchName ?? 'switch'})`}`;
      out.push(`| ${v.id} | IPv${vi.ipVersion} | ${gateway} | ${own.join(', ') || '-'} | ${vi.reservedIps.join(', ') || '-'} | ${vi.reservedIpName ?? '-'} |`);
    }
  }
}
