import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { placementVersion, podSpecPointer, recordedNodeSelector } from '../networks/placement-record';
import { AUTOSCALED, POD_TEMPLATE_PATHS } from '../rules';
import { annotationsVersion } from '../validation/versions';

function call(obj: any, method: string): any {
  try {
    return obj && typeof obj[method] === 'function' ? obj[method]() : undefined;
  } catch {
    return undefined;
  }
}

function plain(v: any): any {
  // cdk8s-plus PercentOrAbsolute keeps the count or "NN%" in `value`
  return v !== null && typeof v === 'object' && 'value' in v ? v.value : v;
}

/**
 * The workload as the rules read it, without rendering it: its identity (apiVersion, kind, name, namespace) from
 * its ApiObject; what the workload rules read (replicas and rollout surge as cdk8s-plus writes them, the node
 * selector the library wrote, the scheduling, hostNetwork, a DaemonSet's node count), from its public state and
 * the cheap renderers cdk8s-plus 2.x has for those fields; and the pod template annotations a PodNetworks set
 * writes. The rules then read it with the very readers `lint` uses on a manifest. `api` is the workload's ApiObject
 * ({@link workloadApiObject}; undefined: a structural workload without one, checked as a Pod).
 */
export function podTemplateObject(target: IConstruct, api: ApiObject | undefined, annotations: { [key: string]: string }): Record<string, any> {
  const t = target as any;
  const kind = api?.kind ?? 'Pod';
  const metadata: Record<string, any> = { name: api?.name ?? target.node.id };
  if (api?.metadata.namespace !== undefined) metadata.namespace = api.metadata.namespace;
  const obj: Record<string, any> = { apiVersion: api?.apiVersion ?? 'v1', kind, metadata };
  const spec: Record<string, any> = {};
  if (kind === 'Deployment') {
    // cdk8s-plus writes 2 replicas unless told otherwise
    if (!t.hasAutoscaler) spec.replicas = t.replicas ?? 2;
    const strategy = call(t.strategy, '_toKube');
    if (strategy) spec.strategy = { type: strategy.type, rollingUpdate: { maxSurge: plain(strategy.rollingUpdate?.maxSurge) } };
  } else if (kind === 'StatefulSet' || kind === 'ReplicaSet') {
    if (!t.hasAutoscaler) spec.replicas = t.replicas ?? 1;
  } else if (kind === 'DaemonSet') {
    const own = api?.metadata.toJson().annotations;
    if (own) metadata.annotations = own; // the node count VlanTopology.placeWorkload records
  }
  if (kind !== 'Pod') obj.spec = spec;
  // an autoscaler owns the replica count (its object is not one the library sees): the peak is unknown
  if (t.hasAutoscaler === true) Object.defineProperty(obj, AUTOSCALED, { value: true });

  // the pod template's metadata (`metadata` for a Pod, `spec.template.metadata` for a Deployment, ...)
  const templatePath = POD_TEMPLATE_PATHS[kind] ?? POD_TEMPLATE_PATHS.Pod;
  let at = obj;
  for (let i = 0; i < templatePath.length - 1; i++) at = (at[templatePath[i]] ??= {});
  const last = templatePath[templatePath.length - 1];
  // (Object.assign, not `{ ...x, key }`: V8 gives every object of such a literal a hidden class of its own)
  at[last] = at[last] === undefined ? { annotations } : Object.assign({}, at[last], { annotations });

  // the pod spec: where the pods may run, and hostNetwork
  const podSpec: Record<string, any> = {};
  const selector = recordedNodeSelector(target);
  if (Object.keys(selector).length > 0) podSpec.nodeSelector = selector;
  // (cdk8s-plus renders neither an affinity nor a nodeName while its scheduling lists are empty: not rendered then)
  if (!unscheduled(t.scheduling)) {
    const scheduling = call(t.scheduling, '_toKube') ?? {};
    if (scheduling.affinity) podSpec.affinity = scheduling.affinity;
    if (scheduling.nodeName) podSpec.nodeName = scheduling.nodeName;
  }
  if (t.hostNetwork === true) podSpec.hostNetwork = true;
  if (Object.keys(podSpec).length > 0) {
    let parent = obj;
    const keys = podSpecKeys(kind);
    for (let i = 0; i < keys.length - 1; i++) parent = (parent[keys[i]] ??= {});
    parent[keys[keys.length - 1]] = Object.assign({}, parent[keys[keys.length - 1]], podSpec);
  }
  return obj;
}

/** The keys of {@link podSpecPointer}, split once per kind. */
const SPEC_KEYS = new Map<string, readonly string[]>();
function podSpecKeys(kind: string): readonly string[] {
  let keys = SPEC_KEYS.get(kind);
  if (!keys) SPEC_KEYS.set(kind, (keys = podSpecPointer(kind).split('/').filter(k => k !== '')));
  return keys;
}

/**
 * The workload's ApiObject, or undefined for a structural workload without one. (A workload's ApiObject is made
 * with it and never replaced, so its owner looks it up once, when it is first found.)
 */
export function workloadApiObject(target: IConstruct): ApiObject | undefined {
  try {
    return ApiObject.of(target);
  } catch {
    return undefined;
  }
}

/**
 * cdk8s-plus's scheduling lists, read by name (each only grows: attract, colocate, separate, spread; tolerate).
 * (Read for every workload at every pass: a load by a name taken from a list of names is a generic lookup, several
 * times slower than a load by a literal name; read by name, every object's version at 10,000 workloads takes about
 * half the time it took.)
 */
interface SchedulingLists {
  readonly _nodeAffinityPreferred?: unknown;
  readonly _nodeAffinityRequired?: unknown;
  readonly _podAffinityPreferred?: unknown;
  readonly _podAffinityRequired?: unknown;
  readonly _podAntiAffinityPreferred?: unknown;
  readonly _podAntiAffinityRequired?: unknown;
  readonly _tolerations?: unknown;
}

/** Whether every affinity list is there and empty. */
function noAffinity(s: SchedulingLists): boolean {
  return isEmptyList(s._nodeAffinityPreferred) && isEmptyList(s._nodeAffinityRequired) && isEmptyList(s._podAffinityPreferred)
    && isEmptyList(s._podAffinityRequired) && isEmptyList(s._podAntiAffinityPreferred) && isEmptyList(s._podAntiAffinityRequired);
}

/** How many entries the scheduling lists hold (a list that is not there counts 0). */
function scheduledCount(s: SchedulingLists): number {
  return listLength(s._nodeAffinityPreferred) + listLength(s._nodeAffinityRequired) + listLength(s._podAffinityPreferred)
    + listLength(s._podAffinityRequired) + listLength(s._podAntiAffinityPreferred) + listLength(s._podAntiAffinityRequired)
    + listLength(s._tolerations);
}

function isEmptyList(list: unknown): boolean {
  return Array.isArray(list) && list.length === 0;
}

function listLength(list: unknown): number {
  return Array.isArray(list) ? list.length : 0;
}

/**
 * Whether cdk8s-plus' scheduling of a workload is known to render no affinity and no nodeName: every affinity list
 * is there and empty, and no node is assigned. (A scheduling object of another shape is rendered.)
 */
export function unscheduled(scheduling: any): boolean {
  if (scheduling === null || typeof scheduling !== 'object' || scheduling._nodeName !== undefined) return false;
  return noAffinity(scheduling);
}

/**
 * Changes whenever what {@link podTemplateObject} reads of the workload's own state can have changed since
 * construction: a placement the library recorded, the scheduling calls made on cdk8s-plus' `scheduling` (read
 * from its lists without rendering them), a static node assignment, an autoscaler. Each of these only grows, so
 * their sum grows with any of them. (A workload of another construct library, without these fields, changes only
 * through the library's own records.)
 */
export function podPlacementVersion(target: IConstruct, api: ApiObject | undefined): number {
  const t = target as any;
  let v = placementVersion(target);
  if (t.hasAutoscaler === true) v += 1;
  // (a DaemonSet's object carries its own annotations)
  if (api !== undefined && api.kind === 'DaemonSet') v += annotationsVersion(api.metadata);
  const scheduling = t.scheduling;
  if (scheduling !== null && typeof scheduling === 'object') {
    v += scheduledCount(scheduling);
    if (typeof scheduling._nodeName === 'string') v += 1;
  }
  return v;
}
