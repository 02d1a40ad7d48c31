/**
 * The workload rules' models read from plain manifests (`lint`): workloads, pools, host policies and network
 * masters. Never throws on malformed input: what does not have the expected shape is left out.
 */
import { AddressPolicyModel, addressPolicyOfManifest } from './addresses';
import { Finding, RULES, finding } from './catalog';
import { describe, isPlainObject } from './ip-pool';
import { MULTUS_DEFAULT_NETWORK, MULTUS_NETWORKS } from './multus-annotations';
import { nadMasterField } from './network-attachment';
import { LabelSelectorModel, NODE_NAME_FIELD, NodePlacement, NodeRequirement } from './node-selection';
import { PodNic } from './pod-networks';
import {
  CAPACITY_WARN_ANNOTATION, HostInterfaceModel, HostPolicyModel, NODE_COUNT_ANNOTATION, NetworkMasterModel, WorkloadModel, WorkloadScale,
} from './workloads';

/**
 * Where each workload kind holds its pod template (the object with `metadata` and `spec`; a Pod is its own
 * template). The one table both paths below derive from.
 */
export const POD_TEMPLATE_ROOTS: { readonly [kind: string]: readonly string[] } = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Path of the pod spec per kind that runs pods (a PodTemplate object runs none). */
export const POD_SPEC_PATHS: { readonly [kind: string]: readonly string[] } = Object.fromEntries(
  Object.entries(POD_TEMPLATE_ROOTS).filter(([kind]) => kind !== 'PodTemplate').map(([kind, root]) => [kind, [...root, 'spec']]));

function at(obj: unknown, path: readonly string[]): any {
  let v: any = obj;
  for (const k of path) v = isPlainObject(v) ? v[k] : undefined;
  return v;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function stringMap(v: unknown): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  if (!isPlainObject(v)) return out;
  // (the keys, not entries: no pair per key)
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length; i++) {
    const x = v[keys[i]];
    if (typeof x === 'string') out[keys[i]] = x;
  }
  return out;
}

/** {@link stringMap}, shared and frozen when empty (most pod specs have no nodeSelector: one object for all). */
function readonlyStringMap(v: unknown): { readonly [key: string]: string } {
  return isPlainObject(v) ? stringMap(v) : NO_STRINGS;
}

const NO_STRINGS: { readonly [key: string]: string } = Object.freeze({});

function requirements(list: unknown, key?: string): NodeRequirement[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isPlainObject).filter(r => typeof r.key === 'string' && typeof r.operator === 'string').map(r => ({
    key: key ?? r.key,
    operator: r.operator,
    values: Array.isArray(r.values) ? r.values.filter((x: unknown): x is string => typeof x === 'string') : undefined,
  }));
}

/** Where a pod spec's pods may run: nodeSelector, required node affinity terms, nodeName. */
export function placementOfPodSpec(spec: unknown): NodePlacement {
  const terms = at(spec, NODE_SELECTOR_TERMS);
  const requiredTerms = Array.isArray(terms) ? terms.filter(isPlainObject).map(t => [
    ...requirements(t.matchExpressions),
    ...requirements(t.matchFields).filter(r => r.key === 'metadata.name').map(r => Object.assign({}, r, { key: NODE_NAME_FIELD })),
  ]) : undefined;
  const nodeName = isPlainObject(spec) && typeof spec.nodeName === 'string' && spec.nodeName.length > 0 ? spec.nodeName : undefined;
  return { nodeSelector: readonlyStringMap(isPlainObject(spec) ? spec.nodeSelector : undefined), requiredTerms, nodeName };
}

/** Where a pod spec's required node affinity terms are. */
const NODE_SELECTOR_TERMS = ['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'];
/** Where a rolling update's maxSurge is, in a strategy. */
const MAX_SURGE = ['rollingUpdate', 'maxSurge'];

/** The scale fields of a workload manifest; `replicasOverride` is an autoscaler's maxReplicas. */
export function scaleOfManifest(obj: Record<string, any>, replicasOverride?: number): WorkloadScale {
  const spec = isPlainObject(obj.spec) ? obj.spec : {};
  switch (obj.kind) {
    case 'Deployment': {
      const strategy = isPlainObject(spec.strategy) ? spec.strategy : {};
      const surge = at(strategy, MAX_SURGE);
      return {
        replicas: replicasOverride ?? (spec.replicas === undefined || spec.replicas === null ? undefined : spec.replicas),
        rollingUpdate: strategy.type !== 'Recreate',
        maxSurge: typeof surge === 'number' || typeof surge === 'string' ? surge : undefined,
      };
    }
    case 'StatefulSet':
    case 'ReplicaSet':
    case 'ReplicationController':
      return { replicas: replicasOverride ?? (spec.replicas === undefined || spec.replicas === null ? undefined : spec.replicas) };
    case 'Job':
      return { parallelism: num(spec.parallelism), completions: num(spec.completions) };
    case 'CronJob':
      return { parallelism: num(at(spec, ['jobTemplate', 'spec', 'parallelism'])), completions: num(at(spec, ['jobTemplate', 'spec', 'completions'])) };
    case 'DaemonSet': {
      const declared = at(obj, ['metadata', 'annotations', NODE_COUNT_ANNOTATION]);
      const nodes = typeof declared === 'string' && /^\d+$/.test(declared.trim()) ? Number(declared.trim()) : undefined;
      const strategy = isPlainObject(spec.updateStrategy) ? spec.updateStrategy : {};
      const surge = strategy.type === 'OnDelete' ? 0 : at(strategy, MAX_SURGE);
      return { nodeCount: nodes, maxSurge: typeof surge === 'number' || typeof surge === 'string' ? surge : undefined };
    }
    default:
      return {};
  }
}

/** The pod spec's field per kind that runs pods (`spec.template.spec`, ...), for findings. */
const POD_SPEC_FIELDS: { readonly [kind: string]: string } = Object.fromEntries(
  Object.entries(POD_SPEC_PATHS).map(([kind, path]) => [kind, path.join('.')]));

/**
 * The workload model of a manifest whose pod template carries `nics` (undefined for kinds without pods), made for
 * `entry` (the model's first field: one object per workload, the rules read these across the whole set).
 * `autoscaled`: an autoscaler the manifest set does not show owns the replica count.
 */
export function workloadOfManifest<E>(entry: E, obj: Record<string, any>, nics: readonly PodNic[], templateAnnotations: unknown,
  replicasOverride?: number, autoscaled = false): (WorkloadModel & { readonly entry: E }) | undefined {
  const path = typeof obj.kind === 'string' && Object.prototype.hasOwnProperty.call(POD_SPEC_PATHS, obj.kind) ? POD_SPEC_PATHS[obj.kind] : undefined;
  if (!path) return undefined;
  const spec = at(obj, path);
  const ann = isPlainObject(templateAnnotations) ? templateAnnotations : undefined;
  const scale = scaleOfManifest(obj, replicasOverride);
  return {
    entry,
    kind: obj.kind,
    namespace: typeof obj.metadata?.namespace === 'string' ? obj.metadata.namespace : 'default',
    name: typeof obj.metadata?.name === 'string' ? obj.metadata.name : '(no name)',
    scale: autoscaled ? Object.assign({}, scale, { autoscaled: true }) : scale,
    placement: placementOfPodSpec(spec),
    hostNetwork: isPlainObject(spec) && spec.hostNetwork === true,
    podSpecField: POD_SPEC_FIELDS[obj.kind],
    networkAnnotations: ann === undefined ? NO_KEYS : networkAnnotationsOf(ann),
    // (the NICs themselves: a PodNic is a WorkloadNic, and nothing changes them)
    nics,
  };
}

/** The Multus annotation keys a pod template carries. */
function networkAnnotationsOf(ann: Record<string, any>): readonly string[] {
  const d = ann[MULTUS_DEFAULT_NETWORK] !== undefined;
  const n = ann[MULTUS_NETWORKS] !== undefined;
  return d && n ? [MULTUS_DEFAULT_NETWORK, MULTUS_NETWORKS] : d ? DEFAULT_NETWORK_KEY : n ? NETWORKS_KEY : NO_KEYS;
}

const NO_KEYS: readonly string[] = Object.freeze([]);
const DEFAULT_NETWORK_KEY: readonly string[] = Object.freeze([MULTUS_DEFAULT_NETWORK]);
const NETWORKS_KEY: readonly string[] = Object.freeze([MULTUS_NETWORKS]);

/** The capacity warning threshold a pool's annotation sets, with a finding when the value is not a percentage. */
export function warnPercentOfPool(obj: Record<string, any>): { percent?: number; findings: Finding[] } {
  const raw = at(obj, ['metadata', 'annotations', CAPACITY_WARN_ANNOTATION]);
  if (raw === undefined) return NO_WARN_PERCENT;
  const text = typeof raw === 'number' ? String(raw) : raw;
  const value = typeof text === 'string' && /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (value > 0 && value <= 100) return { percent: value, findings: [] };
  return {
    findings: [finding(RULES.capacityWarning, `metadata.annotations[${CAPACITY_WARN_ANNOTATION}]`,
      `${describe(raw)} is not a percentage above 0 and at most 100, so the default threshold applies`, 'write a number such as "80"')],
  };
}

/** No threshold of its own, nothing to report (most pools: one shared result). */
const NO_WARN_PERCENT: { percent?: number; findings: Finding[] } = Object.freeze({ findings: Object.freeze([]) as unknown as Finding[] });

/**
 * A SpiderIPPool's nodeAffinity / nodeName. `affinities`: the models made so far in one pass, by the nodeAffinity
 * object they were made from (the pools of a rack share one; nothing changes it during a pass): one model each.
 */
export function poolPlacement(obj: Record<string, any>, affinities?: Map<object, LabelSelectorModel>):
{ nodeAffinity?: LabelSelectorModel; nodeName?: string[] } {
  const spec = isPlainObject(obj.spec) ? obj.spec : {};
  const aff = isPlainObject(spec.nodeAffinity) ? spec.nodeAffinity : undefined;
  let nodeAffinity = aff !== undefined ? affinities?.get(aff) : undefined;
  if (aff !== undefined && nodeAffinity === undefined) {
    nodeAffinity = { matchLabels: stringMap(aff.matchLabels), matchExpressions: requirements(aff.matchExpressions) };
    affinities?.set(aff, nodeAffinity);
  }
  return {
    nodeAffinity,
    nodeName: Array.isArray(spec.nodeName) ? spec.nodeName.filter((x: unknown): x is string => typeof x === 'string') : undefined,
  };
}

/** The interfaces a NodeNetworkConfigurationPolicy brings up (interfaces with state: absent left out). */
export function hostPolicyOfManifest(obj: Record<string, any>): HostPolicyModel {
  const spec = isPlainObject(obj.spec) ? obj.spec : {};
  const list = at(spec, ['desiredState', 'interfaces']);
  const interfaces: HostInterfaceModel[] = [];
  const items: unknown[] = Array.isArray(list) ? list : [];
  // (a loop and one object per interface: a policy can list thousands)
  for (let index = 0; index < items.length; index++) {
    if (!(index in items)) continue; // (holes skipped, as forEach does)
    const i = items[index];
    if (!isPlainObject(i) || typeof i.name !== 'string' || i.state === 'absent') continue;
    const la = isPlainObject(i['link-aggregation']) ? i['link-aggregation'] : undefined;
    const ports = la === undefined ? undefined : Array.isArray(la.port) ? la.port : Array.isArray(la.slaves) ? la.slaves : undefined;
    const vlan = isPlainObject(i.vlan) ? i.vlan : undefined;
    interfaces.push(new HostInterface(
      i.name,
      typeof i.type === 'string' ? i.type : undefined,
      ports === undefined || ports.length === 0 ? NO_PORTS : ports.filter((x: unknown): x is string => typeof x === 'string'),
      vlan !== undefined && typeof vlan['base-iface'] === 'string' ? vlan['base-iface'] : undefined,
      vlan !== undefined && Number.isInteger(vlan.id) ? vlan.id : undefined,
      index,
    ));
  }
  return { name: typeof obj.metadata?.name === 'string' ? obj.metadata.name : '(no name)', nodeSelector: stringMap(spec.nodeSelector), interfaces };
}

/**
 * Where the library's own NodeNetworkConfigurationPolicy carries its models for the workload and address rules
 * ({@link NncpModels}): made with the object, which never changes afterwards, while its thousands of interfaces are
 * in the CPU's cache (read back at synth, they cost more than the models). Not a global symbol: only the library
 * sets it, never a manifest; non-enumerable, so nothing that copies or writes objects sees it.
 */
export const NNCP_MODELS: unique symbol = Symbol('cdk8s-macvlan.nncp-models');

/** {@link hostPolicyOfManifest} and {@link addressPolicyOfManifest} of one policy object, and its spec (only read). */
export class NncpModels {
  /** @internal */
  constructor(readonly spec: unknown, readonly host: HostPolicyModel, readonly addresses: AddressPolicyModel) {}
}

/**
 * Gives `obj` (a policy the library built, never changed afterwards) its models ({@link NNCP_MODELS}); returns it.
 */
export function withNncpModels<T extends Record<string, any>>(obj: T): T {
  return Object.defineProperty(obj, NNCP_MODELS, { value: new NncpModels(obj.spec, hostPolicyOfManifest(obj), addressPolicyOfManifest(obj)) });
}

/**
 * The models `obj` carries, if it is a policy the library built and its `spec` is still the very object they were
 * made from. Only the spec's identity is compared, not its contents: that stands for the contents because the
 * library builds the spec for this policy alone and never changes it afterwards; code that reaches the object and
 * replaces its spec is seen here, code that edits the spec in place is not.
 */
export function carriedNncpModels(obj: object): NncpModels | undefined {
  const carried = (obj as { [NNCP_MODELS]?: unknown })[NNCP_MODELS];
  return carried instanceof NncpModels && carried.spec === (obj as { spec?: unknown }).spec ? carried : undefined;
}

/** An interface of a host policy manifest (its field path made only when a finding asks for it). */
class HostInterface implements HostInterfaceModel {
  constructor(readonly name: string, readonly type: string | undefined, readonly ports: readonly string[], readonly vlanBase: string | undefined,
    readonly vlanId: number | undefined, private readonly index: number) {}

  public get field(): string {
    return `spec.desiredState.interfaces[${this.index}]`;
  }
}

const NO_PORTS: readonly string[] = Object.freeze([]);

/** The macvlan or ipvlan master of a NAD's plugin list or a SpiderMultusConfig. */
export function networkMasterOf(ref: string, obj: Record<string, any>, plugins?: ReadonlyArray<Record<string, any>>,
  configIsList?: boolean, pluginIndex?: readonly number[]): NetworkMasterModel | undefined {
  if (plugins) {
    const i = plugins.findIndex(p => (p.type === 'macvlan' || p.type === 'ipvlan') && typeof p.master === 'string');
    if (i < 0) return undefined;
    // (whether the config is a plugin list: from its parse when the caller has it, else parsed here)
    const list = plugins.length > 1 || (configIsList ?? Array.isArray(safePlugins(obj)));
    // (the plugin's place in the config's list, which may hold entries that are not plugins)
    const place = pluginIndex?.[i] ?? i;
    return { ref, plugin: plugins[i].type, master: plugins[i].master, field: nadMasterField(list ? 2 : 1, false, place) };
  }
  const spec = isPlainObject(obj.spec) ? obj.spec : {};
  for (const type of ['macvlan', 'ipvlan'] as const) {
    const block = isPlainObject(spec[type]) ? spec[type] : undefined;
    if (!block || !Array.isArray(block.master) || block.master.length === 0) continue;
    const bond = isPlainObject(block.bond) && typeof block.bond.name === 'string' ? block.bond.name : undefined;
    const base = block.master.length === 1 && typeof block.master[0] === 'string' ? block.master[0] : bond;
    if (base === undefined) return undefined;
    const master = Number.isInteger(block.vlanID) && block.vlanID > 0 ? `${base}.${block.vlanID}` : base;
    return { ref, plugin: type, master, field: `spec.${type}.master` };
  }
  return undefined;
}

function safePlugins(obj: Record<string, any>): unknown {
  try {
    return JSON.parse(obj.spec?.config)?.plugins;
  } catch {
    return undefined;
  }
}
