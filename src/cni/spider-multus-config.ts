/**
 * SpiderMultusConfig (cniType macvlan) as this library writes it, and the NetworkAttachmentDefinition config
 * Spiderpool's controller generates from one, following Spiderpool's documented generation rules:
 * plugin order `ifacer` (when a VLAN id or several masters are set), `macvlan` (always bridge mode),
 * the `chainCNIJsonData` plugins, then `coordinator` (unless `enableCoordinator: false`); `cniVersion` from the
 * `multus.spidernet.io/cni-version` annotation (default 0.3.1), the NAD name from `multus.spidernet.io/cr-name`
 * (default the SpiderMultusConfig's name).
 */
import { MacvlanError } from '../errors';
import { DEFAULT_CNI_VERSION } from './conflist';
import { coordinatorPluginFromSpec } from './coordinator';

export const SMC_CNI_VERSION_ANNOTATION = 'multus.spidernet.io/cni-version';
export const SMC_CR_NAME_ANNOTATION = 'multus.spidernet.io/cr-name';

/** Spiderpool ifacer: creates a bond of several masters and/or a VLAN sub-interface at pod start. */
export interface IfacerModel {
  readonly interfaces: readonly string[];
  readonly vlanId?: number;
  readonly bond?: { readonly name: string; readonly mode: number; readonly options?: string };
}

/** The master the generated macvlan plugin uses: `<bond or first master>[.<vlanID>]`. */
export function ifacerMaster(masters: readonly string[], vlanId?: number, bondName?: string): string {
  const base = masters.length > 1 && bondName ? bondName : masters[0] ?? '';
  return vlanId ? `${base}.${vlanId}` : base;
}

/** The ifacer plugin object in a fixed key order. */
export function ifacerPlugin(m: IfacerModel): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'ifacer', interfaces: [...m.interfaces] };
  if (m.vlanId) out.vlanID = m.vlanId;
  if (m.bond) {
    const bond: Record<string, unknown> = { name: m.bond.name, mode: m.bond.mode };
    if (m.bond.options) bond.options = m.bond.options;
    out.bond = bond;
  }
  return out;
}

/** Whether Spiderpool puts `ifacer` first in the generated chain. */
export function needsIfacer(masters: readonly string[], vlanId?: number): boolean {
  return (vlanId ?? 0) > 0 || masters.length > 1;
}

/**
 * The NAD config (as an object) Spiderpool generates from a plain SpiderMultusConfig with cniType macvlan.
 * Throws on a SpiderMultusConfig that is not macvlan.
 */
export function generateNadConfigFromSpiderMultusConfig(smc: any): { name: string; namespace: string; config: Record<string, unknown> } {
  const spec = smc?.spec ?? {};
  if (spec.cniType !== 'macvlan') {
    throw new MacvlanError({ field: 'spec.cniType', message: `only cniType macvlan is modelled, got ${JSON.stringify(spec.cniType)}`, fix: 'pass a SpiderMultusConfig with cniType macvlan' });
  }
  const annotations = smc.metadata?.annotations ?? {};
  const name: string = annotations[SMC_CR_NAME_ANNOTATION] ?? smc.metadata?.name;
  const mv = spec.macvlan ?? {};
  const masters: string[] = mv.master ?? [];
  const plugins: Array<Record<string, unknown>> = [];
  if (needsIfacer(masters, mv.vlanID)) plugins.push(ifacerPlugin({ interfaces: masters, vlanId: mv.vlanID, bond: mv.bond }));
  const macvlan: Record<string, unknown> = { type: 'macvlan', master: ifacerMaster(masters, mv.vlanID, mv.bond?.name), mode: 'bridge' };
  if (mv.mtu) macvlan.mtu = mv.mtu;
  if (!spec.disableIPAM) {
    const ipam: Record<string, unknown> = { type: 'spiderpool' };
    if (mv.ippools?.ipv4?.length) ipam.default_ipv4_ippool = [...mv.ippools.ipv4];
    if (mv.ippools?.ipv6?.length) ipam.default_ipv6_ippool = [...mv.ippools.ipv6];
    macvlan.ipam = ipam;
  }
  plugins.push(macvlan);
  for (const chained of spec.chainCNIJsonData ?? []) plugins.push(JSON.parse(chained));
  if (spec.enableCoordinator !== false) plugins.push(coordinatorPluginFromSpec(spec.coordinator));
  return {
    name,
    namespace: smc.metadata?.namespace ?? 'default',
    config: { cniVersion: annotations[SMC_CNI_VERSION_ANNOTATION] ?? DEFAULT_CNI_VERSION, name, plugins },
  };
}
