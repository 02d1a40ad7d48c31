/**
 * Internal: the Mermaid flowchart of a topology (deterministic: input order only, no randomness).
 */

/** A pool as drawn. */
export interface DiagramPool { readonly name: string; readonly subnet: string; readonly gateway?: string }
/** A network as drawn. */
export interface DiagramNetwork { readonly qualifiedName: string; readonly kind: 'standalone' | 'overlay'; readonly pools: readonly DiagramPool[] }
/** A VLAN as drawn. */
export interface DiagramVlan { readonly id: number; readonly iface: string; readonly networks: readonly DiagramNetwork[] }
/** One NIC of a workload on a drawn network. */
export interface DiagramWorkloadNic {
  readonly interfaceName: string;
  readonly vlanId: number;
  readonly network: string;
  readonly kind: 'standalone' | 'overlay';
  /** The pools the NIC allocates from (none: a network without Spiderpool IPAM). */
  readonly pools: readonly string[];
}
/** A workload as drawn: one node, fed by the pools (or networks) of its NICs. */
export interface DiagramWorkload { readonly key: string; readonly label: string; readonly nics: readonly DiagramWorkloadNic[] }

/** What the diagram shows. */
export interface DiagramModel {
  readonly title: string;
  readonly hostLabel: string;
  readonly vlanNote: string;
  readonly bond: { readonly name: string; readonly mode: string; readonly members: readonly string[] };
  readonly vlans: readonly DiagramVlan[];
  readonly workloads: readonly DiagramWorkload[];
}

/** Mermaid node id: a prefix and the name with every character outside [A-Za-z0-9] as "_". */
export function nodeId(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
}

function label(...lines: string[]): string {
  return `["${lines.map(l => l.replace(/"/g, '#quot;')).join('<br/>')}"]`;
}

/** Renders NICs -> bond -> VLAN sub-interfaces -> networks -> pools (gateway) -> workloads. */
export function renderMermaid(m: DiagramModel): string {
  const lines: string[] = [];
  const edges: string[] = [];
  const edge = (a: string, b: string) => edges.push(`  ${a} --> ${b}`);
  const bondId = nodeId('bond', m.bond.name);

  lines.push('flowchart LR');
  lines.push(`  %% ${m.title}`);
  lines.push(`  subgraph host${label(m.hostLabel)}`);
  for (const nic of m.bond.members) {
    lines.push(`    ${nodeId('nic', nic)}${label(nic)}`);
    edge(nodeId('nic', nic), bondId);
  }
  lines.push(`    ${bondId}${label(m.bond.name, `bond ${m.bond.mode}`)}`);
  for (const v of m.vlans) {
    lines.push(`    ${nodeId('vlan', String(v.id))}${label(v.iface, `VLAN ${v.id}${m.vlanNote}`)}`);
    edge(bondId, nodeId('vlan', String(v.id)));
  }
  lines.push('  end');

  lines.push(`  subgraph networks${label('Macvlan networks (Multus)')}`);
  for (const v of m.vlans) {
    for (const n of v.networks) {
      lines.push(`    ${nodeId('net', n.qualifiedName)}${label(n.qualifiedName, n.kind === 'standalone' ? 'standalone (pod eth0)' : 'overlay (pod net1..)')}`);
      edge(nodeId('vlan', String(v.id)), nodeId('net', n.qualifiedName));
    }
  }
  lines.push('  end');

  lines.push(`  subgraph pools${label('Spiderpool IP pools')}`);
  const drawn = new Set<string>();
  for (const v of m.vlans) {
    for (const n of v.networks) {
      for (const p of n.pools) {
        const id = nodeId('pool', p.name);
        if (!drawn.has(id)) {
          drawn.add(id);
          lines.push(`    ${id}${label(p.name, p.subnet, p.gateway !== undefined ? `gateway ${p.gateway}` : 'no gateway')}`);
        }
        edge(nodeId('net', n.qualifiedName), id);
      }
    }
  }
  lines.push('  end');

  if (m.workloads.length > 0) {
    lines.push(`  subgraph workloads${label('Workloads')}`);
    for (const w of m.workloads) {
      const id = nodeId('wl', w.key);
      lines.push(`    ${id}${label(w.label, ...w.nics.map(n => `${n.interfaceName}: VLAN ${n.vlanId} ${n.kind}`))}`);
      const from = new Set<string>();
      for (const n of w.nics) {
        const pools = n.pools.map(p => nodeId('pool', p)).filter(p => drawn.has(p));
        for (const src of pools.length > 0 ? pools : [nodeId('net', n.network)]) from.add(src);
      }
      for (const src of from) edge(src, id);
    }
    lines.push('  end');
  }
  return [...lines, ...edges].join('\n') + '\n';
}
