import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { IpPool } from './ip-pool';

/** A workload's NIC on a network, as a PodNetworks set attached it (internal: VlanTopology's workloads and diagram). */
export interface NetworkUse {
  /** The workload construct. */
  readonly workload: IConstruct;
  /** Its Kubernetes kind (`Pod` when it has no ApiObject of its own). */
  readonly kind: string;
  /** Its object name. */
  readonly name: string;
  /** Its namespace, when set. */
  readonly namespace?: string;
  /** The NIC as the set resolves it now (pools can still be added to the network until synth). */
  readonly nic: () => { readonly interfaceName: string; readonly pools: readonly IpPool[] };
}

/** The uses of each network, in the order the sets were applied. */
const uses = new WeakMap<IConstruct, NetworkUse[]>();

/** Records that `workload` got a NIC on `network` (called by IPodNetworks.applyTo). */
export function recordNetworkUse(network: IConstruct, workload: IConstruct, nic: NetworkUse['nic']): void {
  let api: ApiObject | undefined;
  try {
    api = ApiObject.of(workload);
  } catch {
    api = undefined; // a structural workload without an ApiObject
  }
  const use: NetworkUse = { workload, kind: api?.kind ?? 'Pod', name: api?.name ?? workload.node.id, namespace: api?.metadata.namespace, nic };
  const list = uses.get(network);
  if (list) list.push(use);
  else uses.set(network, [use]);
}

/** The workloads attached to `network` so far. */
export function networkUses(network: IConstruct): readonly NetworkUse[] {
  return uses.get(network) ?? [];
}
