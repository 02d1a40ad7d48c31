import { IConstruct } from 'constructs';

/**
 * The part of a pod's metadata that {@link IPodNetworks.applyTo} uses: the `ApiObjectMetadataDefinition` of
 * every cdk8s-plus 2.x Pod and pod template has it.
 */
export interface IPodMetadata {
  /**
   * Adds an annotation to the pod (or pod template) metadata.
   * @param key the annotation key
   * @param value the annotation value
   */
  addAnnotation(key: string, value: string): void;
  /** The metadata as it will be synthesized (read for annotations already set). */
  toJson(): any;
}

/**
 * A construct with pod metadata: a Pod, or a workload with a pod template (Deployment, StatefulSet, DaemonSet,
 * Job, ...) of any cdk8s-plus 2.x (`cdk8s-plus-28` ... `cdk8s-plus-33`). A structural type, so a workload of
 * another cdk8s-plus version than the one this library is built against is accepted as well.
 */
export interface IPodWorkload extends IConstruct {
  /** The metadata of the pods the construct creates. */
  readonly podMetadata: IPodMetadata;
}
