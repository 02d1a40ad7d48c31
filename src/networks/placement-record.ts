import { IConstruct } from 'constructs';

/** nodeSelector entries the library added to a workload's pod spec (VlanTopology.placeWorkload), by workload. */
const addedNodeSelectors = new WeakMap<IConstruct, { [key: string]: string }>();

/** How often the library recorded a placement for the workload (validation reads it as the input's version). */
const versions = new WeakMap<IConstruct, number>();

/** Records a nodeSelector written into the workload's pod spec by the library (or another placement choice). */
export function recordNodeSelector(target: IConstruct, selector: { [key: string]: string }): void {
  // (a label map: its keys differ per workload anyway, and a spread keeps every key, "__proto__" too, as data)
  // eslint-disable-next-line no-restricted-syntax
  addedNodeSelectors.set(target, { ...(addedNodeSelectors.get(target) ?? {}), ...selector });
  versions.set(target, (versions.get(target) ?? 0) + 1);
}

/** Grows with every placement recorded for the workload. */
export function placementVersion(target: IConstruct): number {
  return versions.get(target) ?? 0;
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
