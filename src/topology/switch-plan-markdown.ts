/**
 * Internal: the switch plan as a Markdown document (deterministic).
 */
import { SwitchPlan, SwitchPortAggregation } from './switch-plan';

const GROUPING: Record<SwitchPortAggregation, string> = {
  [SwitchPortAggregation.LACP]: 'LACP port channel (Eth-Trunk in LACP mode), one per node',
  [SwitchPortAggregation.STATIC]: 'static link aggregation (no LACP), one per node',
  [SwitchPortAggregation.NONE]: 'independent ports (no aggregation on the switch)',
};

/** Renders `plan` for a network engineer; `capacityTable` (Markdown) becomes the address capacity section. */
export function renderSwitchPlanMarkdown(plan: SwitchPlan, title: string, capacityTable?: string): string {
  const t = plan.trunk;
  const selector = Object.entries(t.nodeSelector).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const nodes = selector.length === 0 ? 'every node' : `nodes matching ${selector.map(([k, v]) => `\`${k}=${v}\``).join(', ')}`;
  const out: string[] = [];
  out.push(`# Switch plan: ${title}`, '');
  out.push(`Applies to ${nodes}. Each node bonds ${t.memberNics.map(n => `\`${n}\``).join(', ')} into \`${t.bond}\` (mode ${t.bondMode}).`, '');
  out.push('## Trunk ports', '');
  out.push('| Host NIC (per node) | Switch port mode | Grouping | Allowed VLANs (tagged) | MTU |');
  out.push('|---|---|---|---|---|');
  for (const nic of t.memberNics) {
    out.push(`| ${nic} | trunk (802.1Q) | ${GROUPING[t.aggregation]} | ${t.allowedVlans.join(', ')} | ${t.mtu} |`);
  }
  out.push('');
  out.push('The pods\' traffic is tagged: no access VLAN and no native VLAN are needed on these ports.', '');
  out.push('## VLANs and VLANIF gateways', '');
  out.push('| VLAN | Host interface | MTU | VLANIF IPv4 | VLANIF IPv6 |');
  out.push('|---|---|---|---|---|');
  for (const v of plan.vlans) {
    const cidr = (ver: number) => v.vlanInterfaces.filter(i => i.ipVersion === ver).map(i => i.cidr).join(', ') || '-';
    out.push(`| ${v.id} | ${v.hostInterface} | ${v.mtu} | ${cidr(4)} | ${cidr(6)} |`);
  }
  out.push('');
  out.push('Each VLANIF address is the default gateway of the pods on its VLAN; the switch routes between the VLANs.');
  if (capacityTable !== undefined) {
    out.push('', '## Address capacity', '');
    out.push('Allocatable addresses per pool against the peak pod count of the workloads on it (replicas plus the rolling update\'s maxSurge, '
      + 'parallelism, one per node for DaemonSets). Terminating pods keep their address until their containers stop.', '');
    out.push(capacityTable.trimEnd());
  }
  return out.join('\n') + '\n';
}
