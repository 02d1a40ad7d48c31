import { Finding, RULES, finding } from './catalog';
import { isPlainObject } from './ip-pool';
import {
  MULTUS_DEFAULT_NETWORK, MULTUS_NETWORKS, MULTUS_NETWORK_STATUS, NetworkSelection, PoolSelection,
  SPIDERPOOL_IPPOOL, SPIDERPOOL_IPPOOLS, SPIDERPOOL_SUBNET, SPIDERPOOL_SUBNETS,
  parseDefaultNetwork, parseIppoolAnnotation, parseIppoolsAnnotation, parseNetworkSelection,
} from './multus-annotations';
import { NetworkInfo } from './network-attachment';
import { PodNic, PoolInfo, checkPodNics } from './pod-networks';
import { IpFamily } from '../net/address';

/** Where Multus resolves a bare default-network name. */
export const MULTUS_NAMESPACE = 'kube-system';

/** What the pod rules can look up across the manifest set. */
export interface ManifestIndex {
  /** Networks (NADs, and the NADs SpiderMultusConfigs generate) by `ns/name`. */
  readonly networks: ReadonlyMap<string, NetworkInfo>;
  /** SpiderIPPools by name. */
  readonly pools: ReadonlyMap<string, PoolInfo>;
  /** Families that have a fallback pool for a namespace (namespace annotation) or the cluster (`spec.default`). */
  defaultFamilies(namespace: string): ReadonlySet<IpFamily>;
  /** Told every pool name a pod annotation selects (after wildcard expansion). */
  onSelect?(pool: string): void;
}

interface Attachment {
  readonly selection: NetworkSelection;
  readonly ref: string;
  readonly iface: string;
  readonly isDefault: boolean;
  readonly field: string;
}

/**
 * Builds the pod's NIC model from its Multus and Spiderpool annotations plus the manifest index, reports
 * annotation syntax problems, unresolved networks and pool-coverage problems, then runs the shared pod
 * rules ({@link checkPodNics}). `field` is the path of the annotations map (`metadata.annotations`,
 * `spec.template.metadata.annotations`, ...). The resolved NICs are appended to `nicsOut` when given (for the
 * workload rules). Never throws.
 */
export function checkPodAnnotations(annotations: unknown, podNamespace: string, field: string, index: ManifestIndex, nicsOut?: PodNic[]): Finding[] {
  if (!isPlainObject(annotations)) return [];
  // (this runs for every pod of the set: no closures, and lists and sets only where a rule needs them)
  const out: Finding[] = [];

  if (annotations[MULTUS_NETWORK_STATUS] !== undefined) {
    out.push(finding(RULES.networkStatusAnnotation, fieldOf(field, MULTUS_NETWORK_STATUS), 'the network status is Multus output, written when the pod starts',
      `remove ${MULTUS_NETWORK_STATUS} from the manifest`));
  }

  const attachments: Attachment[] = [];
  let complete = true;
  if (annotations[MULTUS_DEFAULT_NETWORK] !== undefined) {
    const at = fieldOf(field, MULTUS_DEFAULT_NETWORK);
    const parsed = parseDefaultNetwork(annotations[MULTUS_DEFAULT_NETWORK], at);
    addAll(out, parsed.findings);
    if (parsed.value) {
      const sel = parsed.value;
      attachments.push({ selection: sel, ref: refOf(sel.namespace ?? MULTUS_NAMESPACE, sel.name, annotations[MULTUS_DEFAULT_NETWORK]), iface: sel.interface ?? 'eth0', isDefault: true, field: at });
    } else {
      complete = false;
    }
  }
  const hasDefault = attachments.length > 0;
  if (annotations[MULTUS_NETWORKS] !== undefined) {
    const at = fieldOf(field, MULTUS_NETWORKS);
    const parsed = parseNetworkSelection(annotations[MULTUS_NETWORKS], at);
    addAll(out, parsed.findings);
    if (parsed.value) {
      const list = parsed.value;
      for (let i = 0; i < list.length; i++) {
        const sel = list[i];
        // Multus numbers additional NICs net1, net2, ... by position; naming one does not renumber the others.
        const iface = sel.interface ?? `net${i + 1}`;
        attachments.push({
          selection: sel, ref: refOf(sel.namespace ?? podNamespace, sel.name, list.length === 1 ? annotations[MULTUS_NETWORKS] : undefined), iface, isDefault: false, field: `${at}[${i}]`,
        });
      }
    } else {
      complete = false;
    }
  }
  if (!hasDefault) {
    const clash = attachments.find(a => a.iface === 'eth0');
    if (clash) {
      out.push(finding(RULES.podDuplicateInterface, `${clash.field}.interface`, `interface "eth0" of ${clash.ref} clashes with the cluster network's eth0`,
        'give the additional network another interface name (net1, ...), or make it the default network'));
    }
  }

  // Pool selection annotations.
  let ippools: PoolSelection[] | undefined;
  let ippoolsPresent = false;
  if (annotations[SPIDERPOOL_IPPOOLS] !== undefined) {
    ippoolsPresent = true;
    const parsed = parseIppoolsAnnotation(annotations[SPIDERPOOL_IPPOOLS], fieldOf(field, SPIDERPOOL_IPPOOLS));
    addAll(out, parsed.findings);
    ippools = parsed.value;
  }
  let ippool: PoolSelection | undefined;
  let ippoolPresent = false;
  if (annotations[SPIDERPOOL_IPPOOL] !== undefined) {
    ippoolPresent = true;
    const parsed = parseIppoolAnnotation(annotations[SPIDERPOOL_IPPOOL], fieldOf(field, SPIDERPOOL_IPPOOL));
    addAll(out, parsed.findings);
    ippool = parsed.value;
  }

  // Wildcards and pool names: what Spiderpool expands them to, every name a pool of the set, none twice.
  // An item naming an interface the pod does not have is skipped by Spiderpool when its pools expand to none (it
  // matches the item to a Multus network only when the item has a pool): no MV110 then, and MV125 instead of MV067.
  let skipped: Set<number> | undefined;
  const named = ippools !== undefined && anyNamed(ippools);
  if (ippools) {
    const resolvedList: PoolSelection[] = [];
    for (let i = 0; i < ippools.length; i++) {
      const sel = ippools[i];
      const itemField = `${fieldOf(field, SPIDERPOOL_IPPOOLS)}[${i}]`;
      if (!complete || sel.interface === undefined || isPodInterface(attachments, sel.interface)) {
        resolvedList.push(resolvePools(sel, itemField, index, out));
        continue;
      }
      const own: Finding[] = [];
      const resolved = resolvePools(sel, itemField, index, own);
      const empty = resolved.ipv4.length + resolved.ipv6.length === 0;
      if (empty) {
        (skipped ??= new Set()).add(i);
        for (let j = 0; j < own.length; j++) if (own[j].rule !== RULES.podUnknownPool) out.push(own[j]);
        out.push(finding(RULES.ippoolsUnusedItem, `${itemField}.interface`,
          `interface "${sel.interface}" is not an interface of the pod (${podInterfaceNames(attachments)}) and the item selects no pool of the manifests, so Spiderpool skips it; once a pool matches, Spiderpool refuses the pod ("no matched multus object for NIC")`,
          'remove the item, or name an interface of the pod (net1, net2, ... by position, unless named)'));
      } else {
        addAll(out, own);
      }
      resolvedList.push(resolved);
    }
    ippools = resolvedList;
  }
  // Spiderpool reads ipam.spidernet.io/ippool only without ipam.spidernet.io/ippools
  if (ippool && !ippoolsPresent) ippool = resolvePools(ippool, fieldOf(field, SPIDERPOOL_IPPOOL), index, out);
  // SpiderSubnet auto pools: Spiderpool creates the NIC's pools from these annotations.
  const subnetPools = annotations[SPIDERPOOL_SUBNET] !== undefined || annotations[SPIDERPOOL_SUBNETS] !== undefined;

  // Resolve networks.
  const nics: PodNic[] = [];
  const state: NicState = { spiderpoolIndex: 0, fallback: undefined };
  for (let i = 0; i < attachments.length; i++) {
    nics.push(attachmentNic(attachments[i], index, podNamespace, field, ippools, named, ippoolsPresent, ippoolPresent, ippool, subnetPools,
      state, out));
  }
  if (ippools && complete && !named) {
    // Spiderpool numbers unnamed items: item 0 is eth0, item i the i-th element of k8s.v1.cni.cncf.io/networks.
    let extra = 0;
    for (let i = 0; i < attachments.length; i++) if (!attachments[i].isDefault) extra++;
    for (let i = extra + 1; i < ippools.length; i++) {
      const p = ippools[i];
      if (p.ipv4.length + p.ipv6.length > 0) {
        out.push(finding(RULES.ippoolsMissingNic, `${fieldOf(field, SPIDERPOOL_IPPOOLS)}[${i}]`,
          `item ${i + 1} has no NIC: the pod has eth0 and ${extra} additional network(s), so Spiderpool refuses it ("no matched multus object for NIC '${i}'")`,
          'remove the extra item, or name each item\'s "interface"'));
      }
    }
  }
  // (without Multus networks the pod has only eth0, whatever IPAM serves it)
  if (ippools && named) {
    // A listed interface that no NIC has is most likely a typo. (the NICs are the attachments', one each, in order)
    for (let i = 0; i < ippools.length; i++) {
      const p = ippools[i];
      if (p.interface !== undefined && !isPodInterface(attachments, p.interface) && complete && !skipped?.has(i)) {
        out.push(finding(RULES.ippoolsMissingNic, `${fieldOf(field, SPIDERPOOL_IPPOOLS)}[${i}].interface`, `interface "${p.interface}" is not an interface of the pod (${podInterfaceNames(attachments)}), so Spiderpool refuses the pod ("no matched multus object for NIC")`,
          'use the interface names of the pod\'s networks (net1, net2, ... by position, unless named)'));
      }
    }
  }
  addAll(out, checkPodNics(nics, { pools: index.pools }));
  if (nicsOut) addAll(nicsOut, nics);
  return out;
}

/**
 * The annotations {@link checkPodAnnotations} reads: its result is a function of these values (with the pod's
 * namespace, the annotations' field and the manifest set), and of nothing else in the map. Keep in step with it.
 */
const READ_ANNOTATIONS = [
  MULTUS_NETWORK_STATUS, MULTUS_DEFAULT_NETWORK, MULTUS_NETWORKS, SPIDERPOOL_IPPOOLS, SPIDERPOOL_IPPOOL, SPIDERPOOL_SUBNET, SPIDERPOOL_SUBNETS,
];

/**
 * {@link checkPodAnnotations}' results in one manifest set, filed by what the check reads: the annotations' field,
 * the pod's namespace and the value of each of {@link READ_ANNOTATIONS} (absent or a string). Equal inputs, one
 * result. The values are map keys level by level, not parts of one key string: an annotation text is hashed where
 * it is (a long concatenated key would be copied into one block, then hashed, for every pod).
 */
export class PodAnnotationsMemo<T> {
  private readonly root = new Map<string, Map<unknown, unknown>>();
  private leaf: Map<unknown, unknown> | undefined = undefined;
  private leafKey: unknown = undefined;

  /**
   * The result filed for these inputs. Undefined when there is none yet: {@link file} then files one for the same
   * inputs. Also undefined, and {@link file} a no-op, when the map is not a plain object or a value read is neither
   * absent nor a string (such a pod is checked on its own).
   */
  public find(annotations: unknown, podNamespace: string, field: string): T | undefined {
    this.leaf = undefined;
    if (!isPlainObject(annotations)) return undefined;
    // (the levels: field, namespace, which annotations are present (bits), then the present ones' values in order)
    let present = 0;
    for (let i = 0; i < READ_ANNOTATIONS.length; i++) {
      const v: unknown = annotations[READ_ANNOTATIONS[i]];
      if (v === undefined) continue;
      if (typeof v !== 'string') return undefined;
      present += 2 ** i;
    }
    let level = this.root.get(field);
    if (level === undefined) this.root.set(field, (level = new Map()));
    level = descend(level, podNamespace);
    let key: unknown = present;
    for (let i = 0; i < READ_ANNOTATIONS.length; i++) {
      const v: unknown = annotations[READ_ANNOTATIONS[i]];
      if (v === undefined) continue;
      level = descend(level, key);
      key = v;
    }
    this.leaf = level;
    this.leafKey = key;
    return level.get(key) as T | undefined;
  }

  /** Files `result` for the inputs of the last {@link find} that found none. */
  public file(result: T): void {
    if (this.leaf !== undefined) this.leaf.set(this.leafKey, result);
    this.leaf = undefined;
  }
}

/** The map filed under `key` in `level`, made when there is none. */
function descend(level: Map<unknown, unknown>, key: unknown): Map<unknown, unknown> {
  let next = level.get(key) as Map<unknown, unknown> | undefined;
  if (next === undefined) level.set(key, (next = new Map()));
  return next;
}

/**
 * `namespace/name`, the key of the network in the manifest index: the annotation `text` itself when it is exactly that
 * (its hash is known: the memo read it), else joined from the parts (a flat string: a concatenation of 13 or more
 * characters is a rope, which the lookup would first copy into one block).
 */
function refOf(namespace: string, name: string, text: unknown): string {
  if (typeof text === 'string' && text.length === namespace.length + 1 + name.length && text.charCodeAt(namespace.length) === 47 /* "/" */
    && text.startsWith(namespace) && text.endsWith(name)) {
    return text;
  }
  return [namespace, '/', name].join('');
}

/** The field of annotation `key` in the annotations map at `field`. */
function fieldOf(field: string, key: string): string {
  // (the maps' fields are a few per kind, the keys constants: each field string made once, not once per pod)
  let byKey = FIELDS.get(field);
  if (byKey === undefined) {
    if (FIELDS.size >= 64) FIELDS.clear(); // (bounded: callers may pass fields of their own)
    FIELDS.set(field, (byKey = new Map()));
  }
  let text = byKey.get(key);
  if (text === undefined) byKey.set(key, (text = `${field}[${key}]`));
  return text;
}

/** Annotation fields by the annotations map's field and the annotation key. */
const FIELDS = new Map<string, Map<string, string>>();

/** Whether some item of a pool annotation names its interface. */
function anyNamed(list: readonly PoolSelection[]): boolean {
  for (let i = 0; i < list.length; i++) if (list[i].interface !== undefined) return true;
  return false;
}

/** Whether the pod (its attachments, and eth0) has interface `name`. */
function isPodInterface(attachments: readonly Attachment[], name: string): boolean {
  if (name === 'eth0') return true;
  for (let i = 0; i < attachments.length; i++) if (attachments[i].iface === name) return true;
  return false;
}

/** The pod's interfaces as a message lists them: its attachments' in order, then eth0, each once. */
function podInterfaceNames(attachments: readonly Attachment[]): string {
  return [...new Set([...attachments.map(a => a.iface), 'eth0'])].join(', ');
}

/** What the NICs of one pod share while they are resolved in order. */
interface NicState {
  /** Position of the next Spiderpool NIC (unnamed pool annotation items go by it). */
  spiderpoolIndex: number;
  /** The namespace's and the cluster's fallback pool families (read when first needed). */
  fallback: ReadonlySet<IpFamily> | undefined;
}

/** One attachment as a NIC: its network looked up, its pools from the pod's annotations or the network's. */
function attachmentNic(a: Attachment, index: ManifestIndex, podNamespace: string, field: string, ippools: readonly PoolSelection[] | undefined,
  named: boolean, ippoolsPresent: boolean, ippoolPresent: boolean, ippool: PoolSelection | undefined, subnetPools: boolean,
  state: NicState, out: Finding[]): PodNic {
  const net = index.networks.get(a.ref);
  if (!net) {
    const bare = a.isDefault && a.selection.namespace === undefined ? ` (a bare default-network name is looked up in ${MULTUS_NAMESPACE})` : '';
    out.push(finding(RULES.podUnknownNetwork, a.field, `network ${a.ref} is not defined by any NetworkAttachmentDefinition or SpiderMultusConfig in the manifests${bare}`,
      `define ${a.ref}, or reference an existing network as "namespace/name"`));
    return { interface: a.iface, network: a.ref, kind: 'unknown', isDefault: a.isDefault, spiderpool: false, families: [], ipv4Pools: [], ipv6Pools: [], defaultRoutes: a.selection.defaultRoute, macvlan: false };
  }
  if (net.needsPodAddresses && a.isDefault) {
    // Multus drops per-pod ips on the default network (MV099), so nothing can give this NIC an address
    out.push(finding(RULES.podAddresses, a.field, `${a.ref} has static IPAM without fixed addresses, so the default network's NIC "${a.iface}" gets no address (Multus passes per-pod ips to additional networks only)`,
      `give ${a.ref} fixed addresses in its static IPAM config, or use it as an additional network with "ips" in k8s.v1.cni.cncf.io/networks`));
  } else if (net.needsPodAddresses && a.selection.ips === undefined) {
    out.push(finding(RULES.podAddresses, a.field, `${a.ref} has static IPAM without fixed addresses, so NIC "${a.iface}" gets no address unless the pod requests one`,
      `add "ips": ["<address>/<prefix>"] to the ${a.ref} entry (JSON form of k8s.v1.cni.cncf.io/networks)`));
  }
  if (net.capabilities) {
    checkCapability(a, net, 'ips', out);
    checkCapability(a, net, 'mac', out);
  }
  let v4 = net.ipv4Pools;
  let v6 = net.ipv6Pools;
  const families: IpFamily[] = [];
  if (v4.length > 0) families.push(4);
  if (v6.length > 0) families.push(6);
  if (net.spiderpool) {
    let sel: PoolSelection | undefined;
    if (ippools) {
      sel = named ? ippools.find(p => p.interface === a.iface) : ippools[state.spiderpoolIndex];
      if (named && !sel) {
        out.push(finding(RULES.ippoolsMissingNic, fieldOf(field, SPIDERPOOL_IPPOOLS), `Spiderpool NIC "${a.iface}" (${a.ref}) is not listed`,
          `add {"interface": "${a.iface}", "ipv4": [...], "ipv6": [...]} to the list`));
      }
    } else if (!ippoolsPresent && ippool) {
      sel = ippool;
    }
    state.spiderpoolIndex++;
    if (sel) {
      if (families.length === 2 && (sel.ipv4.length === 0) !== (sel.ipv6.length === 0)) {
        // Spiderpool does not require every family of the network here (its check is disabled upstream).
        const missing = sel.ipv4.length === 0 ? 4 : 6;
        out.push(finding(RULES.podOneFamilyDualStack, a.field, `NIC "${a.iface}" of dual-stack ${a.ref} selects only IPv${missing === 4 ? 6 : 4} pools, so it gets no IPv${missing} address (Spiderpool accepts this)`,
          `add "ipv${missing}": ["<pool>"] for "${a.iface}" in the pool annotation if the NIC should be dual-stack`));
        families.splice(families.indexOf(missing), 1);
      }
      v4 = sel.ipv4;
      v6 = sel.ipv6;
    } else if (subnetPools) {
      families.length = 0;
      v4 = SUBNET_POOLS;
      v6 = NO_POOLS;
    } else if (!ippoolsPresent && !ippoolPresent && families.length === 0) {
      const fallback = (state.fallback ??= index.defaultFamilies(podNamespace));
      if (fallback.size > 0) {
        // Namespace or cluster default pools serve NICs that select nothing.
        families.push(...fallback);
        v4 = fallback.has(4) ? DEFAULT_POOLS : NO_POOLS;
        v6 = fallback.has(6) ? DEFAULT_POOLS : NO_POOLS;
      }
    }
  }
  return {
    interface: a.iface,
    network: a.ref,
    kind: net.kind,
    isDefault: a.isDefault,
    spiderpool: net.spiderpool,
    families,
    ipv4Pools: v4,
    ipv6Pools: v6,
    macvlan: net.macvlan,
    master: net.master,
    mode: net.mode,
    routeHelper: net.routeHelper,
    defaultRoutes: a.selection.defaultRoute,
  };
}

/** A per-pod request (`ips`, `mac`) of a network whose plugin does not declare the capability. */
function checkCapability(a: Attachment, net: NetworkInfo, cap: 'ips' | 'mac', out: Finding[]): void {
  if (a.selection[cap] === undefined || net.capabilities![cap]) return;
  out.push(finding(RULES.annotationCapabilities, `${a.field}.${cap}`, `${a.ref}'s plugin does not declare "capabilities": {"${cap}": true}, so the requested ${cap} is ignored`,
    `add "capabilities": {"${cap}": true} to the plugin in ${a.ref}'s config`));
}

/** The pool lists of NICs served by SpiderSubnet auto pools, by the fallback pools, or by none (shared, never changed). */
const SUBNET_POOLS: readonly string[] = Object.freeze(['(SpiderSubnet)']);
const DEFAULT_POOLS: readonly string[] = Object.freeze(['(default)']);
const NO_POOLS: readonly string[] = Object.freeze([]);

/** Spiderpool's HasWildcardInStr: "?", "*", or both "[" and "]". */
export function hasPoolWildcard(name: string): boolean {
  return name.includes('?') || name.includes('*') || (name.includes('[') && name.includes(']'));
}

/**
 * A pool-name pattern as Go's filepath.Match reads it ("*", "?", "[...]" classes with "^" and ranges, "\\"
 * escapes; no "/" matched), as a RegExp; undefined when the pattern is malformed (ErrBadPattern).
 */
export function poolPatternRegExp(pattern: string): RegExp | undefined {
  let re = '^';
  const esc = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, m => `\\${m}`);
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '\\') {
      if (i + 1 >= pattern.length) return undefined;
      re += esc(pattern[++i]);
    } else if (c === '[') {
      let j = i + 1;
      let cls = '[';
      if (pattern[j] === '^') {
        cls += '^';
        j++;
      }
      let ranges = 0;
      for (;;) {
        if (j >= pattern.length) return undefined;
        if (pattern[j] === ']' && ranges > 0) break;
        const lo = readClassChar(pattern, j);
        if (!lo) return undefined;
        j = lo.next;
        let item = esc(lo.char);
        if (pattern[j] === '-') {
          const hi = readClassChar(pattern, j + 1);
          if (!hi) return undefined;
          j = hi.next;
          item = `${esc(lo.char)}-${esc(hi.char)}`;
          if (lo.char > hi.char) return undefined;
        }
        cls += item;
        ranges++;
      }
      re += `${cls}]`;
      i = j;
    } else {
      re += esc(c);
    }
  }
  return new RegExp(`${re}$`);
}

function readClassChar(p: string, j: number): { char: string; next: number } | undefined {
  if (j >= p.length || p[j] === '-' || p[j] === ']') return undefined;
  if (p[j] === '\\') return j + 1 < p.length ? { char: p[j + 1], next: j + 2 } : undefined;
  return { char: p[j], next: j + 1 };
}

/**
 * One pool selection as Spiderpool resolves it: wildcards expanded over the set's pools of the family (in the
 * set's order), every name a pool of the set (MV110), no pool twice (MV111).
 */
function resolvePools(sel: PoolSelection, field: string, index: ManifestIndex, out: Finding[]): PoolSelection {
  const ipv4 = resolvePoolNames(sel.ipv4, 4, field, index, out);
  const ipv6 = resolvePoolNames(sel.ipv6, 6, field, index, out);
  if (index.onSelect) {
    for (let i = 0; i < ipv4.length; i++) index.onSelect(ipv4[i]);
    for (let i = 0; i < ipv6.length; i++) index.onSelect(ipv6[i]);
  }
  return { interface: sel.interface, ipv4, ipv6 };
}

/** The pool names of one family of a selection, resolved (see {@link resolvePools}). */
function resolvePoolNames(names: readonly string[], family: IpFamily, field: string, index: ManifestIndex, out: Finding[]): readonly string[] {
  const key = `ipv${family}`;
  if (!names.some(hasPoolWildcard)) {
    for (const name of names) {
      if (!index.pools.has(name)) {
        out.push(finding(RULES.podUnknownPool, `${field}.${key}`, `pool "${name}" is not defined by any SpiderIPPool in the manifests (Spiderpool fails the pod's IP allocation unless the cluster has it)`,
          `define SpiderIPPool "${name}", or select an existing pool`));
      }
    }
    if (names.length > 1) checkDuplicatePools(names, `${field}.${key}`, out);
    return names; // (the parsed list itself: nothing changes it)
  }
  const expanded: string[] = [];
  for (const name of names) {
    if (!hasPoolWildcard(name)) {
      if (!index.pools.has(name)) {
        out.push(finding(RULES.podUnknownPool, `${field}.${key}`, `pool "${name}" is not defined by any SpiderIPPool in the manifests (Spiderpool fails the pod's IP allocation unless the cluster has it)`,
          `define SpiderIPPool "${name}", or select an existing pool`));
      }
      expanded.push(name);
      continue;
    }
    const re = poolPatternRegExp(name);
    if (!re) {
      out.push(finding(RULES.ippoolAnnotation, `${field}.${key}`, `"${name}" is not a valid wildcard (Go's filepath.Match: syntax error in pattern), so Spiderpool refuses the annotation`,
        'use "*", "?" and complete "[a-z]" classes only, e.g. "vlan100-*"'));
      continue;
    }
    const matched = [...index.pools.entries()].filter(([n, p]) => p.family === family && re.test(n)).map(([n]) => n);
    if (matched.length === 0) {
      out.push(finding(RULES.podUnknownPool, `${field}.${key}`, `wildcard "${name}" matches no IPv${family} SpiderIPPool of the manifests, so Spiderpool has no pool to allocate from`,
        'define a matching pool, or fix the pattern'));
    }
    expanded.push(...matched);
  }
  checkDuplicatePools(expanded, `${field}.${key}`, out);
  return expanded;
}

function checkDuplicatePools(names: readonly string[], field: string, out: Finding[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      out.push(finding(RULES.annotationDuplicatePool, field, `pool "${name}" is selected twice for one NIC (after wildcard expansion), so Spiderpool refuses the allocation ("duplicate IPPool")`,
        `list "${name}" once`));
      return;
    }
    seen.add(name);
  }
}

/** Appends `from` to `to` (most lists are empty: no spread call for them). */
function addAll<T>(to: T[], from: readonly T[]): void {
  for (let i = 0; i < from.length; i++) to.push(from[i]);
}
