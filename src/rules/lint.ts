// (from the modules themselves, not the net index: a call through the index's re-export is a getter call per use)
import { AddressPolicyModel, AddressPoolModel, ReservedIpModel, addressPolicyOfManifest, addressedInterfaces, checkAddressConflicts, checkReservedIp, reservedByFamily } from './addresses';
import { Finding, NODE_NETWORK_POLICY_RULES, RuleInfo, Severity, RULES, finding } from './catalog';
import { checkCrdSchema } from './crd-schema';
import { ParsedPool, PoolsBySubnet, checkIpPool, checkPoolOverlaps, isPlainObject } from './ip-pool';
import { checkSpiderMultusConfig } from './multus-config';
import { NetworkInfo, ParsedNad, checkNetworkAttachmentDefinition } from './network-attachment';
import { NNCP_RULES_DECIDED, checkNodeNetworkConfigurationPolicy } from './nmstate';
import { LabelSelectorModel } from './node-selection';
import { checkObjectShape } from './object-shape';
import { ObjectIdentityIndex, duplicateObjectFinding } from './objects';
import { ManifestIndex, PodAnnotationsMemo, checkPodAnnotations } from './pod-annotations';
import { PodNic, PoolInfo } from './pod-networks';
import {
  carriedNncpModels, hostPolicyOfManifest, networkMasterOf, poolPlacement, warnPercentOfPool, workloadOfManifest,
  POD_TEMPLATE_ROOTS,
} from './workload-manifests';
import { CapacityStatusRow, HostPolicyModel, NetworkMasterModel, PoolModel, WorkloadModel, analyzeWorkloads, poolSupply } from './workloads';
import { IpAddress, IpFamily } from '../net/address';
import { Cidr } from '../net/cidr';
import { RangeSet } from '../net/range';

/** The object a lint result is about. */
export interface ObjectRef {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** One finding of the linter, self-contained (for text and JSON output). */
export interface LintFinding {
  /** Rule id, e.g. `MV004`. */
  readonly rule: string;
  readonly severity: Severity;
  /** The field at fault (path inside the object). */
  readonly field: string;
  readonly message: string;
  readonly fix: string;
  /** Documentation link of the rule. */
  readonly docs: string;
  readonly object: ObjectRef;
}

/** The findings for one linted object. */
export interface LintResult {
  /** Position of the object in the input array. */
  readonly index: number;
  /** Position inside a `List`'s items, when the object came from one. */
  readonly item?: number;
  readonly object: ObjectRef;
  readonly findings: LintFinding[];
}

/** Options of {@link lintManifestSet}. */
export interface LintOptions {
  /**
   * Capacity warning threshold (MV171), percent of a pool's addresses; a pool's
   * `capacity.cdk8s-macvlan.io/warn-percent` annotation overrides it.
   * @default 90
   */
  readonly capacityWarnPercent?: number;
  /**
   * How messages name another object's place (e.g. the first of two objects with one name).
   * @default `document <index + 1>` and ` item <item + 1>` for an item of a List
   */
  readonly describeLocation?: (index: number, item?: number) => string;
}

/** Lint results and the address capacity table of the manifest set. */
export interface LintReport {
  readonly results: LintResult[];
  /** One row per SpiderIPPool: allocatable addresses, peak demand, the workloads behind it. */
  readonly capacity: CapacityStatusRow[];
}

/** Pod-template locations of the workload kinds: path to the template's metadata (`lint` and synth-time validation). */
export const POD_TEMPLATE_PATHS: { readonly [kind: string]: readonly string[] } = Object.fromEntries(
  Object.entries(POD_TEMPLATE_ROOTS).map(([kind, root]) => [kind, [...root, 'metadata']]));

/**
 * Marks a workload object (synth-time validation: a cdk8s-plus workload with an autoscaler whose object the
 * library does not see) whose replica count an autoscaler sets. A symbol: never part of a manifest.
 */
export const AUTOSCALED = Symbol.for('cdk8s-macvlan.autoscaled');

/** The field of each workload kind's pod template annotations (for findings). */
const ANNOTATIONS_FIELD: { readonly [kind: string]: string } = Object.fromEntries(
  Object.entries(POD_TEMPLATE_PATHS).map(([kind, path]) => [kind, `${path.join('.')}.annotations`]));

/** Appends `from` to an entry's findings (most lists are empty: no spread call, no copy for them). */
function addFindings(e: Entry, from: readonly Finding[]): void {
  if (from.length === 0) return;
  if (e.findings === NO_FINDINGS_YET) e.findings = [];
  for (let i = 0; i < from.length; i++) e.findings.push(from[i]);
}

/** Kinds whose pod template the linter checks. */
export const WORKLOAD_KINDS = Object.keys(POD_TEMPLATE_PATHS);

const SPIDERPOOL_DEFAULT_V4 = 'ipam.spidernet.io/default-ipv4-ippool';
const SPIDERPOOL_DEFAULT_V6 = 'ipam.spidernet.io/default-ipv6-ippool';

/** No findings yet: the entries share it until their first finding (most objects never get one). */
const NO_FINDINGS_YET: Finding[] = Object.freeze([]) as unknown as Finding[];

/** One object of the set, with its findings. */
class Entry {
  /** Its findings: {@link NO_FINDINGS_YET} until the first ({@link addFinding}). */
  public findings: Finding[];
  /** Its MV160 findings, when it has any (reported last, see {@link addCrdSchemaFindings}). */
  public schema: readonly Finding[] | undefined = undefined;
  private objectRef: ObjectRef | undefined = undefined;

  constructor(public readonly obj: Record<string, any>, private readonly plain: boolean, public readonly index: number,
    public readonly item: number | undefined, shape: readonly Finding[]) {
    // (a list with findings is the shape check's own, fresh one)
    this.findings = shape.length > 0 ? shape as Finding[] : NO_FINDINGS_YET;
  }

  /** The object's reference (built when first read: only results with findings and a few rules read it). */
  public get ref(): ObjectRef {
    if (this.objectRef === undefined) this.objectRef = this.plain ? refOf(this.obj) : NOT_AN_OBJECT;
    return this.objectRef;
  }
}

/** Whether `list` has a subnet written as `c` is. */
function hasSubnet(list: readonly Cidr[], c: Cidr): boolean {
  const text = c.toString();
  for (let i = 0; i < list.length; i++) if (list[i] === c || list[i].toString() === text) return true;
  return false;
}

/** Whether one of `findings` is of `rule`. */
function hasRule(findings: readonly Finding[], rule: RuleInfo): boolean {
  for (let i = 0; i < findings.length; i++) if (findings[i].rule === rule) return true;
  return false;
}


/** Adds one finding to an entry. */
function addFinding(e: Entry, f: Finding): void {
  if (e.findings === NO_FINDINGS_YET) e.findings = [];
  e.findings.push(f);
}

/**
 * Runs every rule over a set of plain Kubernetes objects (as parsed from YAML/JSON or synthesized by
 * cdk8s): the shape kubectl needs (every value an object with apiVersion, kind and well-typed metadata),
 * SpiderIPPools (each, and overlaps across them), SpiderMultusConfigs, NetworkAttachmentDefinitions,
 * NodeNetworkConfigurationPolicies (bond and VLAN interfaces) and the pod template of every workload kind,
 * resolving pods' networks and pools across the set. `List` objects are unpacked. Returns one result per
 * value (in input order; a value that is not an object gets a result with its MV150 finding). Never throws
 * on malformed input.
 */
export function lintManifests(objects: readonly unknown[], options: LintOptions = {}): LintResult[] {
  return lintManifestSet(objects, options).results;
}

/** {@link lintManifests} with the address capacity table. */
export function lintManifestSet(objects: readonly unknown[], options: LintOptions = {}): LintReport {
  const pass = passOver(objects, options);
  const capacity = pass.run();
  const entries = pass.entries;
  const results: LintResult[] = new Array(entries.length);
  for (let i = 0; i < entries.length; i++) results[i] = resultOf(entries[i]);
  return { results, capacity };
}

/** The findings of an {@link ObjectsLinter}: only the objects that have some, and a reference to any object. */
export interface ObjectsLint {
  /** One result per object with findings, in input order (objects without findings have none). */
  readonly withFindings: readonly LintResult[];
  /** The capacity table (empty when not asked for). */
  readonly capacity: CapacityStatusRow[];
  /** The reference of the object at input position `index` (undefined: no such object). */
  refAt(index: number): ObjectRef | undefined;
}

/**
 * {@link lintManifestSet} for the synth-time validation, fed one object at a time (never a `List`): the same rules
 * and findings, without a result per object (most have none).
 */
export interface ObjectsLinter {
  /** Adds the next object (its input position is the number of objects added before it). */
  add(obj: unknown): void;
  /** Runs the rules across the objects added. */
  finish(): ObjectsLint;
}

/**
 * An {@link ObjectsLinter} that takes each object as it is built: its own checks run at once, while it is in the
 * CPU's cache (synth-time validation builds tens of thousands of objects). `withCapacity`: build the capacity table.
 */
export function objectsLinter(options: LintOptions = {}, withCapacity = true): ObjectsLinter {
  return new PassLinter(new LintPass(options, withCapacity));
}

/** What {@link checkPodAnnotations} gave for one pod's annotations. */
class PodResult {
  constructor(readonly findings: readonly Finding[], readonly nics: readonly PodNic[]) {}
}

/** {@link objectsLinter}'s linter (a class: its callers see one call target in every pass). */
class PassLinter implements ObjectsLinter {
  private count = 0;

  constructor(private readonly pass: LintPass) {}

  public add(obj: unknown): void {
    addObject(this.pass, obj, this.count++);
  }

  public finish(): ObjectsLint {
    const capacity = this.pass.run();
    const entries = this.pass.entries;
    const withFindings: LintResult[] = [];
    for (let i = 0; i < entries.length; i++) if (entries[i].findings.length > 0) withFindings.push(resultOf(entries[i]));
    return {
      withFindings,
      capacity,
      refAt: at => (entries[at]?.index === at ? entries[at] : entries.find(e => e.index === at))?.ref,
    };
  }
}

/** Adds one input value: its items, for a `List`. */
function addObject(pass: LintPass, obj: unknown, index: number): void {
  if (isPlainObject(obj) && typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) {
    obj.items.forEach((it: unknown, j: number) => pass.addEntry(it, index, j));
  } else {
    pass.addEntry(obj, index);
  }
}

function passOver(objects: readonly unknown[], options: LintOptions): LintPass {
  const pass = new LintPass(options, true);
  const list: readonly unknown[] = Array.isArray(objects) ? objects : [];
  for (let index = 0; index < list.length; index++) {
    if (!(index in list)) continue; // (holes skipped, as forEach does)
    addObject(pass, list[index], index);
  }
  return pass;
}

/** `T` with its fields assignable (a model the pass completes later). */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A pool as the pass keeps it: its parsed plan and the entry it came from. */
type PoolPlan = ParsedPool & Writable<AddressPoolModel> & { entry: Entry };
/** A network's default pools, with the field they are listed under (`${prefix}4${suffix}` for IPv4). */
interface NetworkDef { readonly entry: Entry; readonly net: NetworkInfo; readonly prefix: string; readonly suffix: string }

/**
 * One run of {@link lintManifestSet}: the objects, then one step per kind, each a method called once per object
 * (a once-per-call function of many long loops runs mostly unoptimized in V8, since each loop waits for an
 * on-stack replacement of the whole function; a small per-object step is optimized after a few objects).
 */
class LintPass {
  public readonly entries: Entry[] = [];
  private readonly byKind = new Map<unknown, Entry[]>();
  /** The pools by name (the pod rules' index, and the subnets of the networks' pools). */
  private readonly poolIndex = new Map<string, PoolRecord>();
  private readonly plans: PoolPlan[] = [];
  /** The plans filed by subnet (the overlap and the address rules). */
  private readonly poolsBySubnet = new PoolsBySubnet<PoolPlan>();
  private readonly clusterDefaults = new Set<IpFamily>();
  private readonly reservedModels: ReservedIpModel[] = [];
  private reserved: Map<IpFamily, RangeSet> = new Map();
  private readonly poolModels: Array<Writable<PoolModel> & { entry: Entry }> = [];
  /** The pools' nodeAffinity models, by the object each was made from (pools that share one share its model). */
  private readonly affinities = new Map<object, LabelSelectorModel>();
  /** The objects by identity (MV097). */
  private readonly identities = new ObjectIdentityIndex<Entry>();
  /** The entries of the workload kinds, in input order. */
  private readonly workloadEntries: Entry[] = [];
  /** The entries with MV160 findings. */
  private readonly schemaEntries: Entry[] = [];
  private readonly networks = new Map<string, NetworkInfo>();
  private readonly masters: Array<NetworkMasterModel & { entry: Entry }> = [];
  private readonly networkDefs: NetworkDef[] = [];
  private readonly hostPolicies: Array<HostPolicyModel & { entry: Entry }> = [];
  private readonly addressPolicies: Array<AddressPolicyModel & { entry: Entry }> = [];
  private readonly interfaceSubnets = new Map<string, Cidr[]>();
  private readonly autoscaled = new Map<string, number>();
  /** Pool names a network or a pod selects (the networks' added only when a pool is empty). */
  private readonly selected = new Set<string>();
  /** The pools with an MV004 finding (no allocatable address). */
  private readonly emptyPools: PoolPlan[] = [];
  private readonly workloads: Array<WorkloadModel & { entry: Entry }> = [];
  /** The pod annotation results of the pass (findings and NICs are only read). */
  private readonly pods = new PodAnnotationsMemo<PodResult>();
  private index?: ManifestIndex;

  /** `withCapacity`: build the capacity table (the findings are the same without it). */
  constructor(private readonly options: LintOptions, private readonly withCapacity: boolean) {}

  /**
   * Adds an object and runs every step on it that needs no other object (in input order). All of them run here,
   * while the object is in the CPU's cache: the pass reads tens of thousands of objects, and reading each one again
   * later costs more than most checks.
   */
  public addEntry(obj: unknown, index: number, item?: number): void {
    const plain = isPlainObject(obj);
    const e = new Entry(plain ? obj : {}, plain, index, item, checkObjectShape(obj));
    this.entries.push(e);
    this.addIdentity(e);
    this.addToKind(e);
    const schema = checkCrdSchema(e.obj);
    if (schema.length > 0) {
      e.schema = schema;
      this.schemaEntries.push(e);
    }
    if (typeof e.obj.kind === 'string' && Object.prototype.hasOwnProperty.call(POD_TEMPLATE_PATHS, e.obj.kind)) this.workloadEntries.push(e);
    switch (e.obj.kind) {
      case 'SpiderReservedIP': this.addReservedIp(e); break;
      case 'SpiderIPPool': this.addPool(e); break;
      case 'NetworkAttachmentDefinition': this.addNetworkAttachment(e); break;
      case 'NodeNetworkConfigurationPolicy': this.addHostPolicy(e); break;
      case 'HorizontalPodAutoscaler': this.addAutoscaler(e); break;
      default: break;
    }
  }

  private locationOf(index: number, item?: number): string {
    const custom = typeof this.options?.describeLocation === 'function' ? this.options.describeLocation(index, item) : undefined;
    return typeof custom === 'string' ? custom : `document ${index + 1}${item !== undefined ? ` item ${item + 1}` : ''}`;
  }

  private ofKind(kind: string): readonly Entry[] {
    return this.byKind.get(kind) ?? NO_ENTRIES;
  }

  /** Runs every rule; returns the capacity table (the findings are the entries'). */
  public run(): CapacityStatusRow[] {
    // (each object's own checks ran when it was added: the object shape, the same object twice, its schema, the
    // reserved addresses, pools, NADs, host policies and autoscalers)

    // Reserved addresses: what they keep from every pool of their family.
    this.reserved = reservedByFamily(this.reservedModels);
    // Pools: their supply (without the reserved addresses), then across the set.
    for (let i = 0; i < this.poolModels.length; i++) this.addSupply(this.poolModels[i], this.plans[i]);
    for (const [plan, findings] of checkPoolOverlaps(this.plans, this.poolsBySubnet)) addFindings(plan.entry, findings);
    checkSpiderSubnets(this.ofKind('SpiderSubnet'), this.plans);

    // Networks: NADs (added with their objects), then the NADs SpiderMultusConfigs generate.
    const configs = this.ofKind('SpiderMultusConfig');
    for (let i = 0; i < configs.length; i++) this.addMultusConfig(configs[i]);
    // A network's default pools must be of the family they are listed under.
    for (let i = 0; i < this.networkDefs.length; i++) {
      const def = this.networkDefs[i];
      this.checkFamily(def, 4, def.net.ipv4Pools);
      this.checkFamily(def, 6, def.net.ipv6Pools);
    }

    // Addresses: reserved ones in pools, routers allocatable, node addresses against pools, subnets and each other.
    // (the subnets only of the interfaces some policy gives a static address to, the only ones the rules read: most
    // sets have none, and a fabric has thousands of networks)
    const addressed = addressedInterfaces(this.addressPolicies);
    if (addressed.size > 0) {
      for (let i = 0; i < this.masters.length; i++) if (addressed.has(this.masters[i].master)) this.addMasterSubnets(this.masters[i]);
    }
    const conflicts = checkAddressConflicts({
      pools: this.plans,
      reserved: this.reservedModels,
      policies: this.addressPolicies,
      interfaceSubnets: this.interfaceSubnets,
      reservedByFamily: this.reserved,
      poolsBySubnet: this.poolsBySubnet,
    });
    addAllFindings(conflicts.pools);
    addAllFindings(conflicts.policies);

    // Namespace default pools.
    const namespaceDefaults = new Map<string, Set<IpFamily>>();
    for (const e of this.ofKind('Namespace')) {
      const ann = isPlainObject(e.obj.metadata?.annotations) ? e.obj.metadata.annotations : {};
      const set = new Set<IpFamily>();
      if (typeof ann[SPIDERPOOL_DEFAULT_V4] === 'string' && ann[SPIDERPOOL_DEFAULT_V4].length > 0) set.add(4);
      if (typeof ann[SPIDERPOOL_DEFAULT_V6] === 'string' && ann[SPIDERPOOL_DEFAULT_V6].length > 0) set.add(6);
      if (typeof e.ref.name === 'string') namespaceDefaults.set(e.ref.name, set);
    }
    // (what the pods select matters only when some pool is empty)
    const selected = this.emptyPools.length > 0 ? this.selected : undefined;
    this.index = new PassIndex(this.networks, this.poolIndex, this.clusterDefaults, namespaceDefaults, selected);

    // Workloads.
    for (let i = 0; i < this.workloadEntries.length; i++) this.addWorkload(this.workloadEntries[i]);

    // A pool without allocatable addresses fails only the NICs that select it: unselected, it is a warning.
    // (the pools the networks select are gathered only when some pool is empty: most sets have none)
    if (this.emptyPools.length > 0) {
      for (let i = 0; i < this.networkDefs.length; i++) this.addSelected(this.networkDefs[i].net);
      for (let i = 0; i < this.emptyPools.length; i++) this.relaxUnusedEmptyPool(this.emptyPools[i]);
    }

    // Capacity, placement, host interface conflicts, hostNetwork pods: across the whole set.
    const analysis = analyzeWorkloads({
      workloads: this.workloads,
      pools: this.poolModels,
      hostPolicies: this.hostPolicies,
      networks: this.masters,
      warnPercent: this.options.capacityWarnPercent,
      capacity: this.withCapacity,
    });
    addAllFindings(analysis.workloads);
    addAllFindings(analysis.pools);
    addAllFindings(analysis.hostPolicies);
    addAllFindings(analysis.networks);

    // Custom resources against their upstream CRD schema (MV160); a field another rule already explains is not
    // reported twice.
    for (let i = 0; i < this.schemaEntries.length; i++) addCrdSchemaFindings(this.schemaEntries[i]);

    return analysis.capacity;
  }

  /**
   * The same object twice: the later one overwrites the earlier when applied (a NAD and the NAD a
   * SpiderMultusConfig generates count as the same object). Reported right after the object's shape findings.
   */
  private addIdentity(e: Entry): void {
    const obj = e.obj;
    if (typeof obj.kind !== 'string' || !isPlainObject(obj.metadata) || typeof obj.metadata.name !== 'string') return;
    const ns = typeof obj.metadata.namespace === 'string' && obj.metadata.namespace !== '' ? obj.metadata.namespace : undefined;
    const first = this.identities.add(typeof obj.apiVersion === 'string' ? obj.apiVersion : undefined, obj.kind, ns, obj.metadata.name, e);
    if (first === undefined) return;
    addFinding(e, duplicateObjectFinding(obj.kind, ns, obj.metadata.name, `${this.locationOf(first.index, first.item)} (${first.obj.kind})`));
  }

  private addToKind(e: Entry): void {
    const list = this.byKind.get(e.obj.kind);
    if (list) list.push(e); else this.byKind.set(e.obj.kind, [e]);
  }

  private addReservedIp(e: Entry): void {
    const { findings, parsed } = checkReservedIp(e.obj);
    addFindings(e, findings);
    this.reservedModels.push(parsed);
  }

  private addPool(e: Entry): void {
    const { findings, parsed } = checkIpPool(e.obj);
    addFindings(e, findings);
    const warn = warnPercentOfPool(e.obj);
    addFindings(e, warn.findings);
    const poolFamily = parsed.subnet?.family ?? parsed.allocatable?.family;
    const placement = poolPlacement(e.obj, this.affinities);
    this.poolModels.push({
      entry: e,
      name: parsed.name,
      family: poolFamily,
      supply: undefined, // (when every reserved address is known: run())
      warnPercent: warn.percent,
      subnet: parsed.subnet?.toString(),
      nodeAffinity: placement.nodeAffinity,
      nodeName: placement.nodeName,
    });
    const spec = isPlainObject(e.obj.spec) ? e.obj.spec : {};
    // (one record per pool for the overlap and the address rules)
    const plan: PoolPlan = {
      entry: e,
      name: parsed.name,
      subnet: parsed.subnet,
      allocatable: parsed.allocatable,
      gateway: parsed.gateway,
      gatewayRouter: gatewayRouterOf(spec, parsed.gateway),
      routeRouters: routeRoutersOf(spec),
      reservedShared: undefined, // (found with the supply, in run())
    };
    this.plans.push(plan);
    this.poolsBySubnet.add(plan);
    if (hasRule(findings, RULES.poolEmpty)) this.emptyPools.push(plan);
    const family: IpFamily | undefined = parsed.subnet?.family ?? (spec.ipVersion === 4 || spec.ipVersion === 6 ? spec.ipVersion : undefined);
    const multusName = !Array.isArray(spec.multusName) ? undefined : stringsOf(spec.multusName);
    // (one record per name: the last pool's family and multusName, the first pool's subnet that parses)
    const known = this.poolIndex.get(parsed.name);
    if (known === undefined) {
      this.poolIndex.set(parsed.name, new PoolRecord(family, multusName, parsed.subnet));
    } else {
      known.family = family;
      known.multusName = multusName;
      if (known.subnet === undefined) known.subnet = parsed.subnet;
    }
    if (spec.default === true && family !== undefined) this.clusterDefaults.add(family);
  }

  private addNetworkAttachment(e: Entry): void {
    const { findings, parsed } = checkNetworkAttachmentDefinition(e.obj);
    addFindings(e, findings);
    if (!parsed) return;
    // (the master and the pools' field from the NAD check, which has them from its walk over the plugins: the
    // plugin configs are not read again)
    const m = parsed.masterPlugin;
    if (m) this.masters.push({ entry: e, ref: parsed.ref, plugin: m.plugin, master: m.master, field: m.field });
    // (kept without the parsed plugin configs: they die young instead of surviving the whole pass; the parse
    // result is this NAD's own object, the config's part of it shared)
    (parsed as Writable<ParsedNad>).plugins = NO_PLUGINS;
    const info: NetworkInfo = parsed;
    this.networks.set(parsed.ref, info);
    this.networkDefs.push({ entry: e, net: info, prefix: parsed.poolsPrefix, suffix: '_ippool' });
  }

  private addMultusConfig(e: Entry): void {
    const { findings, network } = checkSpiderMultusConfig(e.obj);
    addFindings(e, findings);
    if (!network) return;
    this.networks.set(network.ref, network);
    const m = networkMasterOf(network.ref, e.obj);
    if (m) this.masters.push({ entry: e, ref: m.ref, plugin: m.plugin, master: m.master, field: m.field });
    this.networkDefs.push({ entry: e, net: network, prefix: 'spec.macvlan.ippools.ipv', suffix: '' });
  }

  private checkFamily(def: NetworkDef, family: IpFamily, names: readonly string[]): void {
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const pool = this.poolIndex.get(name);
      if (pool?.family !== undefined && pool.family !== family) {
        addFinding(def.entry, finding(RULES.poolFamilyMismatch, `${def.prefix}${family}${def.suffix}`, `pool "${name}" is IPv${pool.family} but is listed as an IPv${family} default pool`,
          `move "${name}" to the IPv${pool.family} list`));
      }
    }
  }

  private addHostPolicy(e: Entry): void {
    // (not for the library's own policy whose owner decides every policy rule from its props: the app's validation
    // drops those findings; unless the policy has schema findings, which are reported only where no other finding
    // explains the field)
    if (e.schema !== undefined || (e.obj as { [NNCP_RULES_DECIDED]?: unknown })[NNCP_RULES_DECIDED] !== NODE_NETWORK_POLICY_RULES) {
      addFindings(e, checkNodeNetworkConfigurationPolicy(e.obj));
    }
    // (the library's own policy carries its models, made with it: its interfaces are not read again)
    const carried = carriedNncpModels(e.obj);
    this.hostPolicies.push(Object.assign({ entry: e }, carried !== undefined ? carried.host : hostPolicyOfManifest(e.obj)));
    this.addressPolicies.push(Object.assign({ entry: e }, carried !== undefined ? carried.addresses : addressPolicyOfManifest(e.obj)));
  }

  /** A pool's supply, once every reserved address is known. */
  private addSupply(model: Writable<PoolModel>, plan: PoolPlan): void {
    if (!plan.allocatable) return;
    // (whether the pool shares a reserved address, found once for the supply and the address rules)
    const reserved = this.reserved.get(plan.allocatable.family);
    plan.reservedShared = reserved !== undefined && !plan.allocatable.isEmpty && plan.allocatable.intersects(reserved);
    model.supply = poolSupply(plan.allocatable, plan.gateway,
      plan.reservedShared && model.family !== undefined ? this.reserved.get(model.family) : undefined);
  }

  /** The subnets of a network's pools, on its master interface. */
  private addMasterSubnets(m: NetworkMasterModel): void {
    const net = this.networks.get(m.ref);
    if (!net) return;
    // (the master's list looked up once per network, not once per pool)
    const list = this.addInterfaceSubnets(this.interfaceSubnets.get(m.master), m.master, net.ipv4Pools);
    this.addInterfaceSubnets(list, m.master, net.ipv6Pools);
  }

  /** Adds the subnets of pools `names` to `master`'s `list` (made when missing); returns the list. */
  private addInterfaceSubnets(list: Cidr[] | undefined, master: string, names: readonly string[]): Cidr[] | undefined {
    for (let i = 0; i < names.length; i++) {
      const c = this.poolIndex.get(names[i])?.subnet;
      if (!c) continue;
      if (!list) this.interfaceSubnets.set(master, (list = [c])); else if (!hasSubnet(list, c)) list.push(c);
    }
    return list;
  }

  private addAutoscaler(e: Entry): void {
    const target = isPlainObject(e.obj.spec?.scaleTargetRef) ? e.obj.spec.scaleTargetRef : undefined;
    if (target && typeof target.kind === 'string' && typeof target.name === 'string' && typeof e.obj.spec.maxReplicas === 'number') {
      this.autoscaled.set(`${e.ref.namespace ?? 'default'}/${target.kind}/${target.name}`, e.obj.spec.maxReplicas);
    }
  }

  private addSelected(net: NetworkInfo): void {
    for (let i = 0; i < net.ipv4Pools.length; i++) this.selected.add(net.ipv4Pools[i]);
    for (let i = 0; i < net.ipv6Pools.length; i++) this.selected.add(net.ipv6Pools[i]);
  }

  private addWorkload(e: Entry): void {
    const path = typeof e.obj.kind === 'string' && Object.prototype.hasOwnProperty.call(POD_TEMPLATE_PATHS, e.obj.kind) ? POD_TEMPLATE_PATHS[e.obj.kind] : undefined;
    if (!path) return;
    let meta: any = e.obj;
    for (let i = 0; i < path.length; i++) meta = isPlainObject(meta) ? meta[path[i]] : undefined;
    const annotations = isPlainObject(meta) ? meta.annotations : undefined;
    // (the namespace from the object: the entry's reference is made only for a finding)
    const namespace = namespaceOf(e.obj) ?? 'default';
    // (pods whose network annotations are alike, in one namespace, have one result: many workloads of an app share
    // their networks)
    const field = ANNOTATIONS_FIELD[e.obj.kind];
    let pod = this.pods.find(annotations, namespace, field);
    if (pod === undefined) {
      const found: PodNic[] = [];
      pod = new PodResult(checkPodAnnotations(annotations, namespace, field, this.index!, found), found);
      this.pods.file(pod);
    }
    addFindings(e, pod.findings);
    const nics = pod.nics;
    const model = workloadOfManifest(e, e.obj, nics, annotations, this.autoscaled.size > 0 ? this.autoscaled.get(`${namespace}/${e.obj.kind}/${e.ref.name}`) : undefined,
      (e.obj as { [AUTOSCALED]?: boolean })[AUTOSCALED] === true);
    if (model) this.workloads.push(model);
  }

  private relaxUnusedEmptyPool(plan: PoolPlan): void {
    if (this.selected.has(plan.name) || plan.entry.obj.spec?.default === true) return;
    const findings = plan.entry.findings;
    for (let i = 0; i < findings.length; i++) {
      if (findings[i].rule === RULES.poolEmpty) {
        findings[i] = finding(RULES.poolEmptyUnused, findings[i].field, `${findings[i].message}; no network or pod of the manifests selects it (Spiderpool accepts an empty pool)`, findings[i].fix);
      }
    }
  }
}


/** A pool name's record: what the pod rules know of the last pool of that name, and the first subnet of the name. */
class PoolRecord implements PoolInfo {
  constructor(public family: IpFamily | undefined, public multusName: readonly string[] | undefined,
    /** The subnet of the first pool of the name that has one (the interface subnet rules). */
    public subnet: Cidr | undefined) {}
}

/** The strings of a list: the list itself when it holds nothing else (holes pass, as with every). */
function stringsOf(list: readonly unknown[]): readonly string[] {
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'string' && i in list) return list.filter((x: unknown): x is string => typeof x === 'string');
  return list as readonly string[];
}

/**
 * What the pod rules look up across the set (a class, not a literal with closures per pass: the rules' calls of
 * its methods then see one target in every pass, and stay optimized).
 */
class PassIndex implements ManifestIndex {
  private readonly families = new Map<string, ReadonlySet<IpFamily>>();

  constructor(public readonly networks: ReadonlyMap<string, NetworkInfo>, public readonly pools: ReadonlyMap<string, PoolInfo>,
    private readonly clusterDefaults: ReadonlySet<IpFamily>, private readonly namespaceDefaults: ReadonlyMap<string, ReadonlySet<IpFamily>>,
    private readonly selected: Set<string> | undefined) {}

  public defaultFamilies(ns: string): ReadonlySet<IpFamily> {
    let families = this.families.get(ns);
    if (!families) this.families.set(ns, (families = new Set([...this.clusterDefaults, ...(this.namespaceDefaults.get(ns) ?? [])])));
    return families;
  }

  public onSelect(name: string): void {
    if (this.selected) this.selected.add(name);
  }
}

/** Appends the findings of a cross-object rule to the entries of the models they are about. */
function addAllFindings(map: ReadonlyMap<{ readonly entry: Entry }, readonly Finding[]>): void {
  for (const [model, findings] of map) addFindings(model.entry, findings);
}

function addCrdSchemaFindings(e: Entry): void {
  const schema = e.schema;
  if (schema === undefined) return;
  const explained = new Set(e.findings.map(f => f.field));
  for (const f of schema) if (!explained.has(f.field)) addFinding(e, f);
}


function resultOf(e: Entry): LintResult {
  return {
    index: e.index,
    item: e.item,
    object: e.ref,
    findings: e.findings.length === 0 ? [] : e.findings.map(f => ({
      rule: f.rule.id, severity: f.rule.severity, field: f.field, message: f.message, fix: f.fix, docs: f.rule.docs, object: e.ref,
    })),
  };
}

/** Only the error findings of lint results. */
export function lintErrorCount(results: readonly LintResult[]): number {
  return results.reduce((n, r) => n + r.findings.filter(f => f.severity === 'error').length, 0);
}

/** `Kind/name` or `Kind/namespace/name`. */
export function formatObjectRef(ref: ObjectRef): string {
  return ref.namespace !== undefined ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}

const NOT_AN_OBJECT: ObjectRef = { kind: '(not an object)', name: '(no name)' };
const NO_PLUGINS: ReadonlyArray<Record<string, any>> = Object.freeze([]);
const NO_ENTRIES: readonly Entry[] = Object.freeze([]);

/** The object's namespace, as its reference has it. */
function namespaceOf(obj: Record<string, any>): string | undefined {
  const meta = obj.metadata;
  return isPlainObject(meta) && typeof meta.namespace === 'string' ? meta.namespace : undefined;
}

function refOf(obj: Record<string, any>): ObjectRef {
  const meta = isPlainObject(obj.metadata) ? obj.metadata : {};
  return {
    apiVersion: typeof obj.apiVersion === 'string' ? obj.apiVersion : undefined,
    kind: typeof obj.kind === 'string' ? obj.kind : '(no kind)',
    namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
    name: typeof meta.name === 'string' ? meta.name : '(no name)',
  };
}

/** A pool's gateway as a router, when it parses. */
function gatewayRouterOf(spec: Record<string, any>, parsedGateway: IpAddress | undefined): IpAddress | undefined {
  // (the pool check's gateway is the same address unless the text is an IPv4-mapped spelling, which it reads as Go does)
  const text = spec.gateway;
  if (typeof text !== 'string') return undefined;
  return parsedGateway && !(text.charCodeAt(0) === 58 && /^::ffff:/i.test(text)) ? parsedGateway : IpAddress.tryParse(text);
}

/** No routers (shared, frozen: most pools have no routes). */
const NO_ROUTERS: ReadonlyArray<{ ip: IpAddress; field: string }> = Object.freeze([]);

/** A pool's route next hops that parse, with their fields. */
function routeRoutersOf(spec: Record<string, any>): ReadonlyArray<{ ip: IpAddress; field: string }> {
  const routes = spec.routes;
  if (!Array.isArray(routes) || routes.length === 0) return NO_ROUTERS;
  const out: Array<{ ip: IpAddress; field: string }> = [];
  routes.forEach((r: unknown, i: number) => {
    const ip = isPlainObject(r) && typeof r.gw === 'string' ? IpAddress.tryParse(r.gw) : undefined;
    if (ip) out.push({ ip, field: `spec.routes[${i}].gw` });
  });
  return out;
}

/**
 * SpiderSubnets: the pool rules on each (canonical subnet, ips inside it, gateway, routes, removed spec.vlan),
 * no two overlapping, and every SpiderIPPool of a SpiderSubnet's subnet taking its ips from the SpiderSubnet's.
 */
export function checkSpiderSubnets(subnets: readonly Entry[], pools: ReadonlyArray<ParsedPool & { entry: Entry }>): void {
  if (subnets.length === 0) return;
  const parsed: Array<ParsedPool & { entry: Entry }> = [];
  for (const e of subnets) {
    const { findings, parsed: p } = checkIpPool(e.obj);
    // an empty SpiderSubnet is only a subnet without auto pools yet
    addFindings(e, findings.filter(f => f.rule !== RULES.poolEmpty && f.rule !== RULES.poolTooLarge)
      .map(f => finding(f.rule, f.field, f.message.replace(/SpiderIPPool/g, 'SpiderSubnet'), f.fix)));
    parsed.push({ entry: e, ...p });
  }
  const bySubnet = new Map<string, ParsedPool & { entry: Entry }>();
  for (const sn of parsed) {
    if (!sn.subnet) continue;
    const key = sn.subnet.toString();
    const first = bySubnet.get(key);
    if (first) {
      addFinding(sn.entry, finding(RULES.subnetPools, 'spec.subnet', `subnet ${key} is also the subnet of SpiderSubnet "${first.name}" (Spiderpool refuses overlapping SpiderSubnets)`,
        'keep one SpiderSubnet per subnet'));
    } else {
      bySubnet.set(key, sn);
    }
  }
  for (const [sn, findings] of checkPoolOverlaps([...bySubnet.values()])) {
    addFindings(sn.entry, findings.map(f => finding(RULES.subnetPools, f.field, `${f.message.replace(/SpiderIPPool/g, 'SpiderSubnet')} (Spiderpool refuses overlapping SpiderSubnets)`, 'use non-overlapping subnets')));
  }
  for (const pool of pools) {
    if (!pool.subnet || !pool.allocatable) continue;
    const sn = bySubnet.get(pool.subnet.toString());
    if (!sn?.allocatable) continue;
    const outside = pool.allocatable.subtract(sn.allocatable);
    if (!outside.isEmpty) {
      const list = outside.toStrings();
      addFinding(pool.entry, finding(RULES.subnetPools, 'spec.ips', `ips ${list.slice(0, 3).join(', ')}${list.length > 3 ? ', ...' : ''} are not in the ips of SpiderSubnet "${sn.name}" (${sn.subnet!.toString()}), so Spiderpool refuses the pool when SpiderSubnet is enabled`,
        `take the pool's ips from the SpiderSubnet's ips, or add them to SpiderSubnet "${sn.name}"`));
    }
  }
}
