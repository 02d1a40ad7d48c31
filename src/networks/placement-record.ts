import { IConstruct } from 'constructs';

/** nodeSelector entries the library added to a workload's pod spec (VlanTopology.placeWorkload), by workload. */
const addedNodeSelectors = new WeakMap<IConstruct, { [key: string]: string }>();

/** Records a nodeSelector written into the workload's pod spec by the library. */
export function recordNodeSelector(target: IConstruct, selector: { [key: string]: string }): void {
  addedNodeSelectors.set(target, { ...(addedNodeSelectors.get(target) ?? {}), ...selector });
}

/** The nodeSelector the library wrote for the workload so far. */
export function recordedNodeSelector(target: IConstruct): { [key: string]: string } {
  return { ...(addedNodeSelectors.get(target) ?? {}) };
}

/** Path (JSON pointer) of the pod spec inside a workload's manifest, by kind. */
export function podSpecPointer(kind: string): string {
  if (kind === 'Pod') return '/spec';
  if (kind === 'CronJob') return '/spec/jobTemplate/spec/template/spec';
  return '/spec/template/spec';
}
