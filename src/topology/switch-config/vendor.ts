/**
 * The public surface of the switch configurations: `SwitchVendor.huaweiVrp()`, `.ciscoNxos()`,
 * `.aristaEos()`, and the {@link SwitchConfig} texts `VlanTopology.switchConfig()` returns (the fabric renders
 * its plan with `renderSwitchConfigs()` of ./render.ts).
 */
import { oneOf, checkShape, obj, opt } from '../../shape';
import { FirstHopRedundancy } from '../switches';
import { renderAristaEos } from './arista-eos';
import { renderCiscoNxos } from './cisco-nxos';
import { SwitchView } from './common';
import { renderHuaweiVrp } from './huawei-vrp';

/** Options of a vendor whose first-hop protocols differ from the others'. */
export interface SwitchVendorOptions {
  /**
   * The first-hop redundancy protocol of MLAG pairs on this vendor, overriding the plan's
   * (`SwitchesProps.firstHopRedundancy`): e.g. HSRP on Cisco NX-OS for dual-stack VLANs, VARP on Arista EOS,
   * VARP on Huawei VRP for the M-LAG dual-active gateway (the gateway address and one virtual MAC on both
   * switches, which CloudEngine documents for M-LAG instead of VRRP).
   * @default - the plan's protocol; on Huawei VRP an M-LAG pair whose plan says VRRP (the plan's default) is refused
   * until this option says which gateway to write (VARP, as documented, or VRRP explicitly)
   */
  readonly firstHopRedundancy?: FirstHopRedundancy;
}

const OPTIONS = obj('SwitchVendorOptions', {
  firstHopRedundancy: opt(oneOf('FirstHopRedundancy', FirstHopRedundancy as unknown as { [key: string]: string })),
});

/** The configuration text of one switch. */
export interface SwitchConfig {
  /** The rack. */
  readonly rack: string;
  /** The switch (a stack: its first member, the stack's one configuration). */
  readonly switchName: string;
  /** The vendor, e.g. `huawei-vrp`. */
  readonly vendor: string;
  /** A file name for the text: `<switch>.<vendor>.cfg`. */
  readonly fileName: string;
  /** The configuration. */
  readonly text: string;
}

/** The switch operating system to write configurations for. */
export class SwitchVendor {
  /**
   * Huawei VRP (CloudEngine): Eth-Trunk, VLANIF, M-LAG, and VRRP / VRRP6 or (`FirstHopRedundancy.VARP`) the M-LAG dual-active gateway.
   * CloudEngine V300R023C00 documents VRRP as not supported on M-LAG: for an M-LAG pair, say which gateway to write
   * with `options.firstHopRedundancy` (the plan's VRRP alone is refused).
   */
  public static huaweiVrp(options: SwitchVendorOptions = {}): SwitchVendor {
    checkShape(options, OPTIONS, { call: 'SwitchVendor.huaweiVrp()' }, 'options');
    return new SwitchVendor('huawei-vrp', v => renderHuaweiVrp(v), options.firstHopRedundancy);
  }

  /** Cisco NX-OS (Nexus): port channels, SVIs, vPC, VRRP (IPv4) or HSRP version 2 (IPv4 and IPv6). */
  public static ciscoNxos(options: SwitchVendorOptions = {}): SwitchVendor {
    checkShape(options, OPTIONS, { call: 'SwitchVendor.ciscoNxos()' }, 'options');
    return new SwitchVendor('cisco-nxos', v => renderCiscoNxos(v), options.firstHopRedundancy);
  }

  /** Arista EOS: port channels, SVIs, MLAG, VRRP or VARP. */
  public static aristaEos(options: SwitchVendorOptions = {}): SwitchVendor {
    checkShape(options, OPTIONS, { call: 'SwitchVendor.aristaEos()' }, 'options');
    return new SwitchVendor('arista-eos', v => renderAristaEos(v), options.firstHopRedundancy);
  }

  /** The vendor's name, e.g. `huawei-vrp`. */
  public readonly name: string;
  /** @internal */
  public readonly _render: (view: SwitchView) => string;
  /** @internal */
  public readonly _firstHop?: FirstHopRedundancy;

  private constructor(name: string, render: (view: SwitchView) => string, firstHop: FirstHopRedundancy | undefined) {
    this.name = name;
    this._render = render;
    this._firstHop = firstHop;
  }
}
