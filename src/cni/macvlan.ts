import { MacvlanMode } from './macvlan-mode';

/** The macvlan plugin entry of a CNI plugin list (plain data, knows nothing of cdk8s). */
export interface MacvlanPluginModel {
  readonly master: string;
  readonly mode: MacvlanMode;
  /** 0 or undefined: inherit the master's MTU. */
  readonly mtu?: number;
  readonly ipam: Record<string, unknown>;
  readonly capabilities?: { readonly ips?: boolean; readonly mac?: boolean };
}

/** Renders the macvlan plugin object in a fixed key order. */
export function macvlanPlugin(model: MacvlanPluginModel): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: 'macvlan',
    master: model.master,
    mode: model.mode,
  };
  if (model.mtu !== undefined && model.mtu !== 0) out.mtu = model.mtu;
  if (model.capabilities && (model.capabilities.ips || model.capabilities.mac)) {
    const caps: Record<string, boolean> = {};
    if (model.capabilities.ips) caps.ips = true;
    if (model.capabilities.mac) caps.mac = true;
    out.capabilities = caps;
  }
  out.ipam = model.ipam;
  return out;
}
