/**
 * The Fabric props rules (MV190-MV193), on neutral inputs: racks (a name, a node selector, the VLANs the rack
 * carries with its own subnets) and the VLAN ids of the networks that span them. The Fabric construct runs them
 * at construction; nothing here knows about constructs. Each rack's address plan is checked by
 * {@link checkVlanAddressPlans} (MV032/MV033/MV036), its bond and VLANs by the NodeNetworkConfigurationPolicy
 * rules; what is here is what only a set of racks can get wrong.
 */
import { Cidr, checkDns1123Label, findOverlaps } from '../net';
import { Finding, RULES, finding } from './catalog';
import { describeEqualities, equalitiesOverlap } from './node-selection';
import { ParsedVlan } from './topology';

/** One VLAN of a rack, as the fabric rules read it. */
export interface FabricRackVlanInput {
  readonly id: number;
  readonly ipv4?: unknown;
  readonly ipv6?: unknown;
}

/** One rack, as the fabric rules read it. */
export interface FabricRackInput {
  readonly name: string;
  readonly nodeSelector?: { readonly [key: string]: string };
  readonly vlans: readonly FabricRackVlanInput[];
  /** The rack's own bond name, when it overrides the fabric's bond. */
  readonly bondName?: string;
}

/**
 * Rack names (MV190), rack node selectors (MV191) and how the racks' VLANs fit the spanning networks (MV192):
 * VLANs of the fabric, each listed once per rack, carried by at least one rack, with the same IP families in
 * every rack, and one bond name on every rack. `vlanIds` are the fabric's VLAN ids (`vlans[i].id`).
 */
export function checkFabricRacks(racks: readonly FabricRackInput[], vlanIds: readonly number[], bondName: string): Finding[] {
  const out: Finding[] = [];
  if (racks.length === 0) {
    out.push(finding(RULES.fabricRackName, 'racks', 'the fabric has no rack', 'add at least one rack, e.g. { name: "rack1", nodeSelector: { rack: "rack1" }, vlans: [...] }'));
  }
  const names = new Map<string, number>();
  racks.forEach((r, i) => {
    const problem = checkDns1123Label(r.name);
    if (problem !== undefined) {
      out.push(finding(RULES.fabricRackName, `racks[${i}].name`, `rack name ${JSON.stringify(r.name)} ${problem}`,
        'name the rack with lower-case letters, digits and "-" (it becomes part of the pool and host policy names, e.g. "rack1")'));
    }
    const first = names.get(r.name);
    if (first !== undefined) {
      out.push(finding(RULES.fabricRackName, `racks[${i}].name`, `rack name "${r.name}" is also the name of racks[${first}]`,
        'give every rack its own name (the pools and host policies of a rack are named after it)'));
    } else {
      names.set(r.name, i);
    }
  });

  // Node selectors: not empty, and no node in two racks.
  const selectors: Array<{ index: number; selector: { readonly [key: string]: string } }> = [];
  racks.forEach((r, i) => {
    const selector = r.nodeSelector ?? {};
    if (Object.keys(selector).length === 0) {
      out.push(finding(RULES.fabricRackSelector, `racks[${i}].nodeSelector`, `rack "${r.name}" selects every node`,
        'give the rack the node labels that only its nodes carry, e.g. { "topology.kubernetes.io/rack": "rack1" }'));
      return;
    }
    for (const other of selectors) {
      if (equalitiesOverlap(other.selector, selector)) {
        out.push(finding(RULES.fabricRackSelector, `racks[${i}].nodeSelector`,
          `rack "${r.name}" (${describeEqualities(selector)}) and racks[${other.index}] "${racks[other.index].name}" (${describeEqualities(other.selector)}) can select the same node, which would get both racks' host policies and both racks' pools (Spiderpool then allocates from whichever is listed first, a subnet the node's switch does not route)`,
          'select the racks by one label key with a different value per rack, e.g. topology.kubernetes.io/rack'));
        break;
      }
    }
    selectors.push({ index: i, selector });
  });

  // The racks' VLANs against the fabric's networks.
  const fabricIds = new Set(vlanIds);
  const families = new Map<number, { rack: number; families: string }>();
  const carried = new Set<number>();
  racks.forEach((r, i) => {
    if (r.bondName !== undefined && r.bondName !== bondName) {
      out.push(finding(RULES.fabricRackVlans, `racks[${i}].bond.name`,
        `rack "${r.name}" names its bond "${r.bondName}", the fabric's networks use "${bondName}" (a network's master ${bondName}.<id> is one interface name on every node)`,
        `name the rack's bond "${bondName}", or leave its name unset`));
    }
    const seen = new Set<number>();
    (r.vlans ?? []).forEach((v, j) => {
      const field = `racks[${i}].vlans[${j}]`;
      if (!fabricIds.has(v.id)) {
        out.push(finding(RULES.fabricRackVlans, `${field}.id`, `rack "${r.name}" carries VLAN ${JSON.stringify(v.id)}, which is not one of the fabric's VLANs (${vlanIds.join(', ') || 'none'})`,
          `add VLAN ${JSON.stringify(v.id)} to the fabric's vlans (its networks), or remove it from the rack`));
        return;
      }
      if (seen.has(v.id)) {
        out.push(finding(RULES.fabricRackVlans, `${field}.id`, `rack "${r.name}" lists VLAN ${v.id} twice`, 'list each VLAN once per rack'));
        return;
      }
      seen.add(v.id);
      carried.add(v.id);
      const fam = [v.ipv4 !== undefined ? 'IPv4' : '', v.ipv6 !== undefined ? 'IPv6' : ''].filter(Boolean).join(' + ') || 'no address family';
      const first = families.get(v.id);
      if (!first) {
        families.set(v.id, { rack: i, families: fam });
      } else if (first.families !== fam) {
        out.push(finding(RULES.fabricRackVlans, field,
          `rack "${r.name}" gives VLAN ${v.id} ${fam}, rack "${racks[first.rack].name}" gives it ${first.families}; the VLAN's networks list every rack's pools, so a pod on a rack without a family gets every pool of it filtered out and fails to start`,
          `give VLAN ${v.id} the same IP families in every rack`));
      }
    });
  });
  vlanIds.forEach((id, k) => {
    if (!carried.has(id) && racks.length > 0) {
      out.push(finding(RULES.fabricRackVlans, `vlans[${k}].id`, `no rack carries VLAN ${id}, so its networks have no pool`,
        `add VLAN ${id} with its subnet to the racks that carry it, or remove it from vlans`));
    }
  });
  return out;
}

/** The parsed address plans of one rack. */
export interface ParsedRack {
  readonly index: number;
  readonly name: string;
  readonly vlans: readonly ParsedVlan[];
}

/**
 * Subnets of different racks must not overlap (MV193): racks are routed at layer 3, each rack's switch owns its
 * subnets, and Spiderpool rejects a pool whose subnet overlaps a different pool subnet. The one exception is a
 * VLAN stretched at layer 2 over racks: the same VLAN with the same subnet and gateway in each (its pools then
 * split the subnet's addresses, which the pool rules check). Overlaps inside one rack are MV032's. One sweep,
 * O(n log n) in the racks' subnets.
 */
export function checkFabricSubnets(racks: readonly ParsedRack[]): Finding[] {
  const out: Finding[] = [];
  interface Item {
    readonly rack: ParsedRack;
    readonly vlan: ParsedVlan;
    readonly cidr: Cidr;
    readonly gateway: string;
    readonly key: string;
    readonly family: number;
  }
  const representatives = new Map<string, Item>();
  for (const rack of racks) {
    for (const vlan of rack.vlans) {
      for (const f of vlan.families) {
        const key = `${f.family === 4 ? 'ipv4' : 'ipv6'}`;
        // a stretched VLAN (same id, subnet and gateway in several racks) is one subnet
        const id = `${vlan.id}\u0000${f.cidr.toString()}\u0000${f.gateway.toString()}`;
        if (!representatives.has(id)) representatives.set(id, { rack, vlan, cidr: f.cidr, gateway: f.gateway.toString(), key, family: f.family });
      }
    }
  }
  const items = [...representatives.values()];
  const pairs = findOverlaps(items.map(item => ({ family: item.cidr.family, start: item.cidr.first, end: item.cidr.last, key: item })));
  for (const [a, b] of pairs) {
    if (a.rack === b.rack) continue; // MV032
    const j = b.rack.vlans.indexOf(b.vlan);
    const field = `racks[${b.rack.index}].vlans[${j < 0 ? 0 : j}].${b.key}.subnet`;
    const same = a.vlan.id === b.vlan.id && a.cidr.toString() === b.cidr.toString();
    out.push(finding(RULES.fabricSubnetOverlap, field, same
      ? `rack "${b.rack.name}" gives VLAN ${b.vlan.id} subnet ${b.cidr.toString()} with gateway ${b.gateway}, rack "${a.rack.name}" the same subnet with gateway ${a.gateway}: a VLAN stretched over racks has one gateway, and routed racks need their own subnets`
      : `rack "${b.rack.name}" VLAN ${b.vlan.id} subnet ${b.cidr.toString()} overlaps subnet ${a.cidr.toString()} of rack "${a.rack.name}" VLAN ${a.vlan.id}; the racks are routed, so an address would be reachable through two gateways, and Spiderpool rejects pools with overlapping different subnets`,
    same
      ? `give each rack its own subnet for VLAN ${b.vlan.id} (layer 3 per rack), or the same gateway ${a.gateway} in both (one VLAN stretched at layer 2)`
      : 'give every rack and VLAN its own, non-overlapping subnet'));
  }
  return out;
}

/** The nodes a rack lists with static addresses (`NodeAddresses.perNode()` of its VLANs), node to the first field. */
export interface FabricRackNodes {
  readonly name: string;
  readonly nodes: ReadonlyMap<string, string>;
}

/**
 * A node listed with static addresses in two racks (MV196): the racks' selectors select disjoint nodes (MV191), so
 * the node is in one of them at most; the other rack's policy for it selects nothing, and its address there is
 * kept out of that rack's pools for nothing.
 */
export function checkFabricNodeAddresses(racks: readonly FabricRackNodes[]): Finding[] {
  const out: Finding[] = [];
  const first = new Map<string, string>();
  for (const r of racks) {
    for (const [node, field] of r.nodes) {
      const other = first.get(node);
      if (other === undefined) {
        first.set(node, r.name);
        continue;
      }
      out.push(finding(RULES.fabricNodeTwoRacks, field,
        `node "${node}" has static addresses in rack "${other}" and in rack "${r.name}", but the racks' selectors admit disjoint nodes, so it is in one rack at most: the other rack's policy for it selects no node, and the node gets only one rack's addresses`,
        `list node "${node}" in the NodeAddresses.perNode() of the rack it is in only`));
    }
  }
  return out;
}
