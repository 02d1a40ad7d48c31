/**
 * The workload rules' model of a cdk8s-plus workload, read from its public state and the few cheap internal
 * renderers cdk8s-plus 2.x has for the fields the rules need (the strategy, the scheduling), never from a full
 * render of the workload. The fields go through the same readers `lint` uses on manifests, so synth and `lint`
 * see the same workload.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { podSpecPointer, recordedNodeSelector } from '../networks/placement-record';
import { WorkloadModel, WorkloadNic, placementOfPodSpec, scaleOfManifest } from '../rules';

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

/** The model of a workload (or pod) construct carrying `nics` through the Multus annotations `networkAnnotations`. */
export function workloadModelOfConstruct(target: IConstruct, nics: readonly WorkloadNic[], networkAnnotations: readonly string[]): WorkloadModel {
  const t = target as any;
  let api: ApiObject | undefined;
  try {
    api = ApiObject.of(target);
  } catch {
    api = undefined;
  }
  const kind = api?.kind ?? 'Pod';
  const spec: Record<string, any> = {};
  if (kind === 'Deployment') {
    // cdk8s-plus writes 2 replicas unless told otherwise
    spec.replicas = t.hasAutoscaler ? undefined : t.replicas ?? 2;
    const strategy = call(t.strategy, '_toKube');
    if (strategy) spec.strategy = { type: strategy.type, rollingUpdate: { maxSurge: plain(strategy.rollingUpdate?.maxSurge) } };
  } else if (kind === 'StatefulSet' || kind === 'ReplicaSet') {
    spec.replicas = t.hasAutoscaler ? undefined : t.replicas ?? 1;
  }
  const annotations = kind === 'DaemonSet' ? api?.metadata.toJson().annotations : undefined;
  const scale = { ...scaleOfManifest({ kind, spec, metadata: { annotations } }), ...(t.hasAutoscaler ? { autoscaled: true } : {}) };
  const scheduling = call(t.scheduling, '_toKube') ?? {};
  const placement = placementOfPodSpec({ nodeSelector: recordedNodeSelector(target), affinity: scheduling.affinity, nodeName: scheduling.nodeName });
  return {
    kind,
    namespace: api?.metadata.namespace ?? 'default',
    name: api?.name ?? target.node.id,
    scale,
    placement,
    hostNetwork: t.hostNetwork === true,
    podSpecField: podSpecPointer(kind).slice(1).replace(/\//g, '.'),
    networkAnnotations,
    nics,
  };
}
