import { Construct } from 'constructs';
import { MacvlanError } from '../errors';
import { describeValue } from '../shape';
import { IPodMetadata, IPodWorkload } from './workload';

/** JavaScript callers (and casts) reach this without the compiler: refuse anything that is not a pod workload. */
export function requirePodWorkload(target: unknown, where: string): IPodWorkload {
  const meta = Construct.isConstruct(target) ? (target as { podMetadata?: unknown }).podMetadata : undefined;
  if (meta && typeof (meta as IPodMetadata).addAnnotation === 'function' && typeof (meta as IPodMetadata).toJson === 'function') {
    return target as IPodWorkload;
  }
  const what = target === null ? 'null'
    : Construct.isConstruct(target) ? `${target.constructor.name} at ${target.node.path}, which has no pod metadata`
      : typeof target === 'object' ? 'a plain object' : describeValue(target);
  throw new MacvlanError({
    field: where,
    message: `expects a Pod or a workload with a pod template, got ${what}`,
    fix: 'pass a cdk8s-plus Pod, Deployment, StatefulSet, DaemonSet or Job (any cdk8s-plus 2.x)',
    constructPath: Construct.isConstruct(target) ? target.node.path : undefined,
  });
}
