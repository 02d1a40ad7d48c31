import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
import { OPEN_OBJECT, checkConstructorArgs, obj, req } from '../shape';

/** Props of {@link SpiderMultusConfig}. */
export interface SpiderMultusConfigProps {
  /** Object metadata (namespaced: the generated NAD gets the same name and namespace). */
  readonly metadata: ApiObjectMetadata;
  /**
   * The spec as the CRD spells it (`cniType`, `macvlan`, `coordinator`, ...).
   */
  readonly spec: { [key: string]: any };
}

/** The props' shape (the metadata is cdk8s', what the spec says is for the rules). */
const PROPS_SHAPE = obj('SpiderMultusConfigProps', { metadata: req(OPEN_OBJECT), spec: req(OPEN_OBJECT) });

/**
 * A Spiderpool `SpiderMultusConfig` (`spiderpool.spidernet.io/v2beta1`), from which Spiderpool's
 * controller generates a NetworkAttachmentDefinition of the same name.
 */
export class SpiderMultusConfig extends ApiObject {
  /** Group, version and kind. */
  public static readonly GVK: GroupVersionKind = { apiVersion: 'spiderpool.spidernet.io/v2beta1', kind: 'SpiderMultusConfig' };

  constructor(scope: Construct, id: string, props: SpiderMultusConfigProps) {
    checkConstructorArgs(scope, id, props, PROPS_SHAPE, 'new k8s.SpiderMultusConfig()');
    // (fields listed, not spread: V8 gives each object of a `{ ...x, key }` literal a hidden class of its own)
    super(scope, id, {
      apiVersion: SpiderMultusConfig.GVK.apiVersion,
      kind: SpiderMultusConfig.GVK.kind,
      metadata: props.metadata,
      spec: props.spec,
    });
  }
}
