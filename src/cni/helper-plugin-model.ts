/**
 * Internal: what a helper plugin is made of, and its rendering. Not part of the public API: users build helpers
 * with the factories of StandaloneHelperPlugin / OverlayHelperPlugin.
 */
import { CoordinatorOptions } from './coordinator-options';
import type { HelperPluginType, OverlayHelperPlugin, SpidernetHelperOptions, StandaloneHelperPlugin } from './helper-plugins';

/**
 * A route helper chained after macvlan, of either kind. Internal: users only ever hold one of the two classes, which are
 * distinct types, so a standalone network's helper cannot be given to an overlay network (or the other way round).
 */
export type HelperPlugin = StandaloneHelperPlugin | OverlayHelperPlugin;

/** What a helper plugin is made of (built by the factories of {@link StandaloneHelperPlugin} / {@link OverlayHelperPlugin}). */
export interface HelperPluginModel {
  /** Which helper. */
  readonly type: HelperPluginType;
  /**
   * Coordinator options (coordinator only).
   * @default - none
   */
  readonly coordinator?: CoordinatorOptions;
  /**
   * Spidernet veth/router options (those helpers only).
   * @default - none
   */
  readonly spidernet?: SpidernetHelperOptions;
}

const MODELS = new WeakMap<HelperPlugin, HelperPluginModel>();

/** Records the model of a helper built by one of the factories. */
export function registerHelperModel(helper: HelperPlugin, model: HelperPluginModel): void {
  MODELS.set(helper, model);
}

/** The model of a helper built by one of the factories (undefined for anything else). */
export function helperPluginModel(helper: unknown): HelperPluginModel | undefined {
  return helper !== null && typeof helper === 'object' ? MODELS.get(helper as HelperPlugin) : undefined;
}

/** Renders the legacy spidernet veth/router plugin in a fixed key order. */
export function spidernetPlugin(type: 'veth' | 'router', o: SpidernetHelperOptions): Record<string, unknown> {
  return {
    type,
    service_hijack_subnet: [...o.serviceHijackSubnets],
    overlay_hijack_subnet: [...o.overlayHijackSubnets],
    additional_hijack_subnet: [...(o.additionalHijackSubnets ?? [])],
    migrate_route: o.migrateRoute ?? -1,
    rp_filter: { set_host: true, value: o.hostRpFilter ?? 0 },
    skip_call: false,
  };
}
