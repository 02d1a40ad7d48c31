import { ApiObject, JsonPatch } from 'cdk8s';

/**
 * Cluster-scoped kinds (SpiderIPPool, NodeNetworkConfigurationPolicy) must not carry a namespace, but cdk8s
 * gives every ApiObject its chart's namespace: take it out again.
 */
export function dropChartNamespace(obj: ApiObject): void {
  if (obj.metadata.namespace !== undefined) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
}
