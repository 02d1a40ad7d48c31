import { Finding, RULES, finding } from './catalog';
import { describe, isPlainObject } from './ip-pool';
// (from the modules themselves, not the net index: a call through the index's re-export is a getter call per use)
import { IpAddress } from '../net/address';
import { Cidr } from '../net/cidr';
import { checkDns1123Label, checkDns1123Subdomain, checkInterfaceName, checkUnicastMacPrefix } from '../net/names';

/** The plain shape of a NetworkAttachmentDefinition manifest that the rules read. */
export interface PlainNad {
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  readonly spec?: { readonly config?: string };
}

const MACVLAN_MODES = ['bridge', 'private', 'vepa', 'passthru'];
/** CNI spec versions the reference plugins know. */
export const KNOWN_CNI_VERSIONS = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'];

/** Which macvlan use a network is made for (from its route helper), or unknown. */
export type NetworkKind = 'standalone' | 'overlay' | 'unknown';

/** What the pod rules need to know about a network, whether it comes from a NAD or a SpiderMultusConfig. */
export interface NetworkInfo {
  /** `ns/name`. */
  readonly ref: string;
  /** The kind of object that defines it. */
  readonly source: 'NetworkAttachmentDefinition' | 'SpiderMultusConfig';
  /** standalone: coordinator underlay or spidernet `veth`; overlay: coordinator overlay or `router`. */
  readonly kind: NetworkKind;
  /** The main plugin is macvlan. */
  readonly macvlan: boolean;
  /** IPAM is Spiderpool. */
  readonly spiderpool: boolean;
  /** A coordinator (not disabled) or the veth/router plugin runs after the main plugin. */
  readonly routeHelper: boolean;
  /** Default pools of the network's Spiderpool IPAM. */
  readonly ipv4Pools: readonly string[];
  readonly ipv6Pools: readonly string[];
  /** The macvlan master, when the main plugin is macvlan. */
  readonly master?: string;
  /** The macvlan mode (`bridge` when unset), when the main plugin is macvlan. */
  readonly mode?: string;
  /** Static IPAM without fixed addresses that declares the `ips` capability: each pod NIC must request its address. */
  readonly needsPodAddresses?: boolean;
  /** Capabilities the main plugin declares; undefined when not known (generated configs). */
  readonly capabilities?: { readonly ips: boolean; readonly mac: boolean };
}

/** What the rules learn from a NAD's config. */
export interface ParsedNad extends NetworkInfo {
  /** The config's plugin list (a single-plugin config becomes a list of one). */
  readonly plugins: ReadonlyArray<Record<string, any>>;
  /** The config is a plugin list (`"plugins": [...]`), not a single plugin. */
  readonly configIsList: boolean;
  /**
   * Where each of `plugins` is in the config's list, when some entry of that list is not a plugin object (a field
   * names a plugin by its place in the config).
   * @default - `plugins` is the config's own list: plugin i is at i
   */
  readonly pluginIndex?: readonly number[];
  /**
   * The first macvlan or ipvlan plugin with a `master` (of `plugins`): its type, master and the master's field.
   * @default - none
   */
  readonly masterPlugin?: NadMasterPlugin;
  /** The field prefix of the default pools (`<ipam field>.default_ipv`) of the first plugin with an ipam (the first plugin's when none has one). */
  readonly poolsPrefix: string;
}

/** A NAD's macvlan or ipvlan master: the plugin type, the master interface, the master's field in the NAD. */
export interface NadMasterPlugin {
  readonly plugin: 'macvlan' | 'ipvlan';
  readonly master: string;
  readonly field: string;
}

/** What the rules learn from a NAD's config alone (all but the NAD's name and namespace). */
type ConfigNetwork = Omit<ParsedNad, 'ref' | 'source'>;

/**
 * The NAD rules' result on a config object alone: its findings (in order) and the network it defines (undefined
 * when the config is not a plugin object or list the rules can read).
 */
export interface NadConfigCheck {
  readonly findings: readonly Finding[];
  readonly network: ConfigNetwork | undefined;
}

/**
 * Where an object the library builds itself carries its NAD config already parsed (a {@link NadConfigText}): the
 * construct has the config object it wrote `spec.config` from, and the rules then read that object instead of
 * parsing the text again (at fabric scale the parse was the NAD check's main cost). Not a global symbol: only the
 * library sets it, never a manifest; non-enumerable on the object, so nothing that copies or writes objects sees it.
 */
export const NAD_CONFIG: unique symbol = Symbol('cdk8s-macvlan.nad-config');

/**
 * A NAD config's text and, when parsing the text gives an object equal to it in every respect the rules can
 * observe, that object, with the NAD rules' result on it. Made only by {@link renderNadConfig}; the rules only read
 * `value`, never write it.
 */
export class NadConfigText {
  /**
   * {@link checkNadConfig} of `value`, made with it (both never change): the NAD check of an object carrying this
   * text is this result and the object's own name checks. Checked when the config is written, while its objects
   * are in the CPU's cache: at fabric scale, reading thousands of configs back at synth cost more than the checks.
   * (Its two parts are fields of this object, a shared empty list when there are no findings: the synth-time check
   * reads as few objects as it can.)
   */
  public readonly findings: readonly Finding[];
  /** The network `value` defines, as the NAD rules read it (undefined when it cannot define one, or `value` is undefined). */
  public readonly network: ConfigNetwork | undefined;

  /** @internal */
  constructor(public readonly text: string, public readonly value: Readonly<Record<string, unknown>> | undefined) {
    if (value === undefined) {
      this.findings = NO_FINDINGS;
      this.network = undefined;
    } else {
      const findings: Finding[] = [];
      this.network = checkConfigInto(value, findings);
      this.findings = findings.length > 0 ? findings : NO_FINDINGS;
    }
  }
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/**
 * Serializes a NAD config (`JSON.stringify`, keys in their order) and keeps `config` as its parsed form when it
 * is plain JSON data, i.e. when `JSON.parse` of the text gives an object of the same keys, in the same order, the
 * same values, types and prototypes: no `undefined`, function or symbol values, no `-0`, `NaN` or infinities, no
 * holes, accessors, non-enumerable or symbol keys, other prototypes or `toJSON`. Otherwise the rules parse the
 * text. `config` must not be changed afterwards (the caller builds it for this and keeps it to itself).
 */
export function renderNadConfig(config: Record<string, unknown>): NadConfigText {
  const text = JSON.stringify(config);
  return new NadConfigText(text, isPlainObject(config) && isJsonData(config) ? config : undefined);
}

/** Whether `v` is what `JSON.parse(JSON.stringify(v))` gives back (deeply, see {@link renderNadConfig}). */
function isJsonData(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0);
    case 'object':
      if (v === null) return true;
      return Array.isArray(v) ? isJsonArray(v) : isJsonObject(v);
    default:
      return false;
  }
}

function isJsonArray(a: unknown[]): boolean {
  if (Object.getPrototypeOf(a) !== Array.prototype || typeof (a as { toJSON?: unknown }).toJSON === 'function') return false;
  // own keys: the indices 0..n-1 (no holes, nothing else but length), each a plain enumerable value
  const keys = Reflect.ownKeys(a);
  if (keys.length !== a.length + 1) return false;
  for (let i = 0; i < a.length; i++) {
    if (!isDataProperty(a, i) || !isJsonData(a[i])) return false;
  }
  return true;
}

function isJsonObject(o: object): boolean {
  if (Object.getPrototypeOf(o) !== Object.prototype || typeof (o as { toJSON?: unknown }).toJSON === 'function') return false;
  const keys = Reflect.ownKeys(o);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (typeof k !== 'string' || !isDataProperty(o, k) || !isJsonData((o as Record<string, unknown>)[k])) return false;
  }
  return true;
}

const OBJECT_PROTO = Object.prototype as unknown as {
  hasOwnProperty(k: PropertyKey): boolean;
  propertyIsEnumerable(k: PropertyKey): boolean;
  __lookupGetter__(k: PropertyKey): unknown;
  __lookupSetter__(k: PropertyKey): unknown;
};

/**
 * Whether `o` has `k` as an own, enumerable data property (no getter or setter): what a property descriptor tells,
 * without one allocated per key (this runs over every key of every network's config).
 */
function isDataProperty(o: object, k: string | number): boolean {
  return OBJECT_PROTO.hasOwnProperty.call(o, k) && OBJECT_PROTO.propertyIsEnumerable.call(o, k)
    && OBJECT_PROTO.__lookupGetter__.call(o, k) === undefined && OBJECT_PROTO.__lookupSetter__.call(o, k) === undefined;
}

/** The checked config the library's object carries for `text` (its own object, only read), if any. */
function carriedCheck(nad: object, text: string): NadConfigText | undefined {
  const carried = (nad as { [NAD_CONFIG]?: unknown })[NAD_CONFIG];
  return carried instanceof NadConfigText && carried.text === text && carried.value !== undefined ? carried : undefined;
}

/**
 * Checks a NAD: its name (a DNS-1123 label, so the short annotation form works), that `spec.config` is
 * JSON whose `name` is the NAD's name, cniVersion, every plugin's `type`, the macvlan plugin's `master`,
 * `mode`, `mtu` and `ipam`, and the coordinator's options. Never throws.
 */
export function checkNetworkAttachmentDefinition(nad: PlainNad): { findings: Finding[]; parsed?: ParsedNad } {
  const out: Finding[] = [];
  const meta: Record<string, any> = isPlainObject(nad?.metadata) ? nad.metadata : EMPTY;
  const name = typeof meta.name === 'string' ? meta.name : '';
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : 'default';
  checkNetworkObjectName(name, 'metadata.name', 'the NetworkAttachmentDefinition name', out);
  // (the NADs of an app share a few namespaces: the last one found a label is not checked again)
  const nsProblem = namespace === lastLabelNamespace ? undefined : checkDns1123Label(namespace);
  if (nsProblem === undefined) lastLabelNamespace = namespace;
  if (nsProblem) {
    out.push(finding(RULES.networkName, 'metadata.namespace', `"${namespace}" ${nsProblem}`, 'use an existing namespace name'));
  }

  const rawConfig = isPlainObject(nad?.spec) ? nad.spec.config : undefined;
  if (rawConfig === undefined || rawConfig === null || rawConfig === '') {
    // Multus then loads the config named like the NAD from the node's CNI configuration directory.
    out.push(finding(RULES.nadWithoutSpec, 'spec.config', `${isPlainObject(nad?.spec) ? 'spec.config is empty' : 'the NAD has no spec'}, so Multus reads a CNI config named "${name}" from each node's CNI directory (upstream accepts it; the linter cannot check that config)`,
      'write the CNI config JSON into spec.config, unless every node really carries the config file'));
    return {
      findings: out,
      parsed: { ref: `${namespace}/${name}`, source: 'NetworkAttachmentDefinition', plugins: [], configIsList: false, poolsPrefix: 'spec.config.ipam.default_ipv', kind: 'unknown', macvlan: false, spiderpool: false, routeHelper: true, ipv4Pools: [], ipv6Pools: [] },
    };
  }
  if (typeof rawConfig !== 'string') {
    out.push(finding(RULES.nadConfig, 'spec.config', rawConfig === undefined ? 'is missing' : `is ${describe(rawConfig)}, not a string`,
      'write spec.config as a string holding the CNI config JSON (YAML: `config: |` followed by the JSON)'));
    return { findings: out };
  }
  // (the library's own NAD carries the object it wrote the text from, equal to what parsing gives, checked)
  let network: ConfigNetwork | undefined;
  const carried = carriedCheck(nad, rawConfig);
  if (carried !== undefined) {
    for (let i = 0; i < carried.findings.length; i++) out.push(carried.findings[i]);
    network = carried.network;
  } else {
    let config: unknown;
    try {
      config = JSON.parse(rawConfig);
    } catch (e) {
      out.push(finding(RULES.nadConfig, 'spec.config', `is not valid JSON (${(e as Error).message})`, 'write spec.config as a JSON object'));
      return { findings: out };
    }
    network = checkConfigInto(config, out);
  }
  if (network === undefined) return { findings: out };
  // (one object of one shape per NAD: the config's part is shared by every pass, the NAD's reference is its own)
  return {
    findings: out,
    parsed: {
      ref: `${namespace}/${name}`,
      source: 'NetworkAttachmentDefinition',
      plugins: network.plugins,
      configIsList: network.configIsList,
      pluginIndex: network.pluginIndex,
      masterPlugin: network.masterPlugin,
      poolsPrefix: network.poolsPrefix,
      kind: network.kind,
      macvlan: network.macvlan,
      master: network.master,
      mode: network.mode,
      spiderpool: network.spiderpool,
      routeHelper: network.routeHelper,
      ipv4Pools: network.ipv4Pools,
      ipv6Pools: network.ipv6Pools,
      capabilities: network.capabilities,
      needsPodAddresses: network.needsPodAddresses,
    },
  };
}

/**
 * The NAD rules on a parsed `spec.config` alone (everything {@link checkNetworkAttachmentDefinition} checks after
 * the NAD's name and namespace, and the network it learns): its findings in order, and the network (undefined
 * when the config cannot define one). Never throws.
 */
export function checkNadConfig(config: unknown): NadConfigCheck {
  const findings: Finding[] = [];
  const network = checkConfigInto(config, findings);
  return { findings, network };
}

/** {@link checkNadConfig}, its findings added to `out`. */
function checkConfigInto(config: any, out: Finding[]): ConfigNetwork | undefined {
  if (!isPlainObject(config)) {
    out.push(finding(RULES.nadConfig, 'spec.config', 'is not a JSON object', 'write a CNI config object or plugin list'));
    return undefined;
  }
  // A config "name" other than the NAD's is fine: Multus keys the attachment by the NAD, and Spiderpool itself
  // writes such NADs (cni.spidernet.io/cniconfig-name).
  if (config.cniVersion === undefined) {
    out.push(finding(RULES.nadCniVersion, 'spec.config.cniVersion', 'cniVersion is not set, so each runtime picks its own default',
      'set "cniVersion": "0.3.1" (or "1.0.0"; "1.1.0" needs CNI plugins >= 1.6)'));
  } else if (!KNOWN_CNI_VERSIONS.includes(config.cniVersion)) {
    out.push(finding(RULES.nadCniVersion, 'spec.config.cniVersion', `cniVersion ${describe(config.cniVersion)} is not a CNI spec version`,
      `use one of ${KNOWN_CNI_VERSIONS.join(', ')}`));
  }

  const isList = config.plugins !== undefined;
  if (isList && (!Array.isArray(config.plugins) || config.plugins.length === 0)) {
    out.push(finding(RULES.nadConfig, 'spec.config.plugins', 'plugins is not a non-empty list',
      'write "plugins": [{"type": "macvlan", ...}, ...] or a single plugin config without "plugins"'));
    return undefined;
  }
  const plugins: Array<Record<string, any>> = isList ? config.plugins : [config];
  // (one walk over the plugins: each one's checks, and what the lines below ask of them; no closure per NAD)
  // (the plugins that are objects: the list itself unless one is not, made only then)
  let typed: Array<Record<string, any>> | undefined;
  let typedIndex: number[] | undefined;
  // Spiderpool's ifacer (creating the bond/VLAN master) runs before the main plugin.
  let firstMain: Record<string, any> | undefined;
  let coordinator: Record<string, any> | undefined;
  let chainsVeth = false;
  let chainsRouter = false;
  // libcni hands a runtime capability to every plugin of the chain that declares it (tuning takes "mac")
  let declaresIps = false;
  let declaresMac = false;
  // (the first macvlan/ipvlan plugin with a master, and the first plugin with an ipam: places in the typed list)
  let masterAt = -1;
  let ipamAt = -1;
  let typedCount = 0;
  for (let i = 0; i < plugins.length; i++) {
    // (holes are skipped, as forEach skips them)
    if (!(i in plugins)) {
      if (typed === undefined) [typed, typedIndex] = [plugins.slice(0, i), indicesTo(i)];
      continue;
    }
    const p = plugins[i];
    if (!isPlainObject(p) || typeof p.type !== 'string' || p.type.length === 0) {
      out.push(finding(RULES.nadConfig, `${pluginField(isList, i)}.type`, 'the plugin has no "type"', 'name the CNI plugin binary in "type", e.g. "macvlan"'));
    } else if (p.type === 'macvlan') {
      checkMacvlanPlugin(p, isList, i, out);
    } else if (p.type === 'coordinator') {
      checkCoordinatorOptions(p, pluginField(isList, i), 'plugin', out);
    }
    if (!isPlainObject(p)) {
      if (typed === undefined) [typed, typedIndex] = [plugins.slice(0, i), indicesTo(i)];
      continue;
    }
    if (typed !== undefined) {
      typed.push(p);
      typedIndex!.push(i);
    }
    const type = p.type;
    if (masterAt < 0 && (type === 'macvlan' || type === 'ipvlan') && typeof p.master === 'string') masterAt = typedCount;
    if (ipamAt < 0 && p.ipam !== undefined) ipamAt = typedCount;
    typedCount++;
    if (firstMain === undefined && type !== 'ifacer') firstMain = p;
    if (coordinator === undefined && type === 'coordinator') coordinator = p;
    if (type === 'veth') chainsVeth = true;
    if (type === 'router') chainsRouter = true;
    if (isPlainObject(p.capabilities)) {
      if (p.capabilities.ips === true) declaresIps = true;
      if (p.capabilities.mac === true) declaresMac = true;
    }
  }
  const main: Record<string, any> = firstMain ?? EMPTY;
  const coordinatorMode = coordinator ? (coordinator.mode ?? 'auto') : undefined;
  const ipam: Record<string, any> = isPlainObject(main.ipam) ? main.ipam : EMPTY;
  if (coordinator && coordinatorMode !== 'disable' && coordinatorMode !== 'disabled' && (main.ipam === undefined || (isPlainObject(main.ipam) && main.ipam.type === undefined))) {
    const i = (typed ?? plugins).indexOf(coordinator);
    out.push(finding(RULES.coordinatorWithoutIpam, `${pluginField(isList, plugins.indexOf(coordinator) >= 0 ? plugins.indexOf(coordinator) : i)}.type`,
      'the coordinator runs on a NIC without IPAM, and it needs the NIC\'s IP address to tell its family ("no usable IP addresses"), so the pod never starts (upstream admits it: NAD contents are read only at pod start)',
      'remove the coordinator from a layer-2-only network, or give the main plugin an IPAM'));
  }
  const caps: Record<string, any> = isPlainObject(main.capabilities) ? main.capabilities : EMPTY;
  const list = typed ?? plugins;
  let masterPlugin: NadMasterPlugin | undefined;
  if (masterAt >= 0) {
    const m = list[masterAt];
    masterPlugin = { plugin: m.type, master: m.master, field: nadMasterField(list.length, isList, typedIndex?.[masterAt] ?? masterAt) };
  }
  // (the pools' field: of the first plugin with an ipam, the first plugin's when none has one)
  const at = ipamAt >= 0 ? ipamAt : 0;
  return {
    plugins: list,
    configIsList: isList,
    pluginIndex: typedIndex,
    masterPlugin,
    poolsPrefix: !isList ? 'spec.config.ipam.default_ipv' : ipamPoolsPrefix(typedIndex?.[at] ?? at),
    kind: classifyNetwork(coordinatorMode, chainsVeth, chainsRouter),
    macvlan: main.type === 'macvlan',
    master: main.type === 'macvlan' && typeof main.master === 'string' ? main.master : undefined,
    mode: main.type === 'macvlan' ? (typeof main.mode === 'string' ? main.mode : 'bridge') : undefined,
    spiderpool: ipam.type === 'spiderpool',
    routeHelper: (coordinator !== undefined && coordinatorMode !== 'disable' && coordinatorMode !== 'disabled') || chainsVeth || chainsRouter,
    ipv4Pools: stringList(ipam.default_ipv4_ippool),
    ipv6Pools: stringList(ipam.default_ipv6_ippool),
    capabilities: declaresIps ? (declaresMac ? CAPS_IPS_MAC : CAPS_IPS) : (declaresMac ? CAPS_MAC : CAPS_NONE),
    needsPodAddresses: ipam.type === 'static' && ipam.addresses === undefined && caps.ips === true,
  };
}

/**
 * The field of the master of the plugin at `place` in a NAD's config (`count`: how many plugin objects it has;
 * `isList`: the config is a plugin list).
 */
export function nadMasterField(count: number, isList: boolean, place: number): string {
  return count > 1 || isList ? `spec.config.plugins[${place}].master` : 'spec.config.master';
}

/** `spec.config.plugins[i].ipam.default_ipv` of a list's first plugins (made once, not per NAD). */
const IPAM_POOLS_PREFIXES: readonly string[] = Array.from({ length: 8 }, (_, i) => `spec.config.plugins[${i}].ipam.default_ipv`);

/** The field prefix of the default pools of plugin `i` of a plugin list. */
function ipamPoolsPrefix(i: number): string {
  return i < IPAM_POOLS_PREFIXES.length ? IPAM_POOLS_PREFIXES[i] : `spec.config.plugins[${i}].ipam.default_ipv`;
}

/**
 * A NAD's name (or the name of the NAD a SpiderMultusConfig generates): the API server takes any DNS-1123
 * subdomain (an error otherwise); only a DNS-1123 label can be written in the short annotation form (a warning).
 */
export function checkNetworkObjectName(name: string, field: string, what: string, out: Finding[]): void {
  // (a label is a subdomain too: the common case is one check)
  if (checkDns1123Label(name) === undefined) return;
  const problem = checkDns1123Subdomain(name);
  if (problem) {
    out.push(finding(RULES.nadName, field, `"${name}" (${what}) ${problem}, so the API server refuses it`,
      'use lower-case letters, digits and "-" only, at most 63 characters'));
    return;
  }
  const labelProblem = checkDns1123Label(name);
  if (labelProblem) {
    out.push(finding(RULES.nadNameNotLabel, field, `"${name}" (${what}) ${labelProblem}: the API server accepts it, but Multus' short form "ns/name@if" only takes labels`,
      'use lower-case letters, digits and "-" only, at most 63 characters, or reference the network in the JSON form of k8s.v1.cni.cncf.io/networks'));
  }
}

/**
 * standalone when the coordinator runs in underlay mode or spidernet's `veth` is chained; overlay when
 * the coordinator runs in overlay mode or `router` is chained; otherwise unknown (auto mode, no helper).
 */
export function classifyNetwork(coordinatorMode: unknown, chainsVeth: boolean, chainsRouter: boolean): NetworkKind {
  if (coordinatorMode === 'underlay' || chainsVeth) return 'standalone';
  if (coordinatorMode === 'overlay' || chainsRouter) return 'overlay';
  return 'unknown';
}

/** The strings of a list (the list itself when it holds nothing else: it comes from the NAD's own parse). */
function stringList(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return v.filter((x): x is string => typeof x === 'string');
  return v;
}

/** A plugin's field: `spec.config` for a single-plugin config, `spec.config.plugins[i]` in a list. */
function pluginField(isList: boolean, i: number): string {
  if (!isList) return 'spec.config';
  return i < PLUGIN_FIELDS.length ? PLUGIN_FIELDS[i] : `spec.config.plugins[${i}]`;
}

/** The fields of a list's first plugins and their ipam (strings made once, not per NAD). */
const PLUGIN_FIELDS: readonly string[] = Array.from({ length: 8 }, (_, i) => `spec.config.plugins[${i}]`);
const PLUGIN_IPAM_FIELDS: readonly string[] = PLUGIN_FIELDS.map(f => `${f}.ipam`);

/** The capabilities a chain declares: one shared, frozen record per combination (not one per NAD, kept the whole pass). */
const CAPS_NONE: NonNullable<NetworkInfo['capabilities']> = Object.freeze({ ips: false, mac: false });
const CAPS_IPS: NonNullable<NetworkInfo['capabilities']> = Object.freeze({ ips: true, mac: false });
const CAPS_MAC: NonNullable<NetworkInfo['capabilities']> = Object.freeze({ ips: false, mac: true });
const CAPS_IPS_MAC: NonNullable<NetworkInfo['capabilities']> = Object.freeze({ ips: true, mac: true });

/** A shared empty object for the reads of what a NAD leaves out (never written). */
const EMPTY: Record<string, any> = Object.freeze({});

/** The namespace of the last NAD whose namespace was a DNS-1123 label. */
let lastLabelNamespace: string | undefined;

function checkMacvlanPlugin(plugin: Record<string, any>, isList: boolean, index: number, out: Finding[]): void {
  const field = pluginField(isList, index);
  if (plugin.master !== undefined) {
    const problem = typeof plugin.master === 'string' ? checkInterfaceName(plugin.master) : 'is not a string';
    if (problem) {
      out.push(finding(RULES.macvlanMaster, `${field}.master`, `master ${describe(plugin.master)} ${problem}`,
        'name the host interface exactly as it exists on every node (at most 15 bytes, e.g. "bond0.100")'));
    }
  }
  if (plugin.mode !== undefined && !MACVLAN_MODES.includes(plugin.mode)) {
    out.push(finding(RULES.macvlanMode, `${field}.mode`, `mode ${describe(plugin.mode)} is not a macvlan mode`,
      `use one of ${MACVLAN_MODES.join(', ')} (lower case)`));
  }
  if (plugin.mtu !== undefined && !(Number.isInteger(plugin.mtu) && plugin.mtu >= 0)) {
    out.push(finding(RULES.macvlanMtu, `${field}.mtu`, `mtu ${describe(plugin.mtu)} is not a non-negative integer`,
      'use 0 (inherit the master\'s MTU) or a positive MTU no larger than the master\'s'));
  }
  if (plugin.ipam === undefined) {
    out.push(finding(RULES.nadIpamMissing, `${field}.ipam`, 'the macvlan plugin has no ipam, so pod NICs on it get no IP address',
      'add "ipam": {"type": "spiderpool", ...} (or "ipam": {} on purpose for a layer-2-only NIC)'));
  } else {
    checkIpamConfig(plugin.ipam, isList && index < PLUGIN_IPAM_FIELDS.length ? PLUGIN_IPAM_FIELDS[index] : `${field}.ipam`, out, true);
  }
}

/** Checks the shape of an IPAM config (spiderpool, static, host-local, whereabouts, dhcp). */
export function checkIpamConfig(ipam: unknown, field: string, out: Finding[], onMacvlan: boolean): void {
  if (!isPlainObject(ipam)) {
    out.push(finding(RULES.ipamConfig, field, `ipam ${describe(ipam)} is not an object`, 'write ipam as a JSON object ({} for no IPAM)'));
    return;
  }
  switch (ipam.type) {
    case undefined:
      if (Object.keys(ipam).length > 0) badIpam(out, field, '.type', 'ipam has settings but no "type"', 'name the IPAM plugin in "type" (e.g. "spiderpool"), or write {} for no IPAM');
      break;
    case 'spiderpool':
      // (two plain reads, not a literal list of keys per NAD)
      checkPoolNames(ipam.default_ipv4_ippool, 'default_ipv4_ippool', field, out);
      checkPoolNames(ipam.default_ipv6_ippool, 'default_ipv6_ippool', field, out);
      break;
    case 'static': {
      const addresses = ipam.addresses;
      if (addresses !== undefined && !Array.isArray(addresses)) {
        badIpam(out, field, '.addresses', `addresses ${describe(addresses)} is not a list`, 'write "addresses": [{"address": "10.0.0.5/24", "gateway": "10.0.0.1"}]');
        break;
      }
      (addresses ?? []).forEach((a: any, i: number) => {
        if (!isPlainObject(a) || typeof a.address !== 'string' || !Cidr.tryParse(a.address)) {
          badIpam(out, field, `.addresses[${i}].address`, `address ${describe(isPlainObject(a) ? a.address : a)} is not an IP in CIDR form`,
            'write the address with its prefix, e.g. "10.0.0.5/24" (static IPAM requires the CIDR)');
        } else if (a.gateway !== undefined && (typeof a.gateway !== 'string' || !IpAddress.tryParse(a.gateway))) {
          badIpam(out, field, `.addresses[${i}].gateway`, `gateway ${describe(a.gateway)} is not an IP address`, 'write the gateway as a plain IP');
        }
      });
      break;
    }
    case 'host-local':
      if (onMacvlan) {
        out.push(finding(RULES.hostLocalIpam, `${field}.type`,
          'host-local keeps its allocations per node, so pods on different nodes get the same IPs on the shared macvlan segment',
          'use cluster-wide IPAM: "spiderpool" (or "whereabouts")'));
      }
      if (ipam.ranges !== undefined && !(Array.isArray(ipam.ranges) && ipam.ranges.every((r: unknown) => Array.isArray(r)))) {
        badIpam(out, field, '.ranges', 'ranges is not a list of range sets (a list of lists)', 'write "ranges": [[{"subnet": "10.0.0.0/24"}]]');
      }
      break;
    case 'whereabouts':
      if (ipam.range !== undefined && (typeof ipam.range !== 'string' || !Cidr.tryParse(ipam.range))) {
        badIpam(out, field, '.range', `range ${describe(ipam.range)} is not a CIDR`, 'write "range": "10.0.0.0/24"');
      }
      break;
    default:
      if (typeof ipam.type !== 'string' || ipam.type.length === 0) {
        badIpam(out, field, '.type', `type ${describe(ipam.type)} is not a plugin name`, 'name the IPAM plugin in "type"');
      }
  }
}

/** An ipam finding at `field` + `sub`. */
function badIpam(out: Finding[], field: string, sub: string, message: string, fix: string): void {
  out.push(finding(RULES.ipamConfig, `${field}${sub}`, message, fix));
}

/** A Spiderpool IPAM's default pool list: absent, or a list of non-empty strings. */
function checkPoolNames(v: unknown, key: string, field: string, out: Finding[]): void {
  if (v === undefined) return;
  if (Array.isArray(v)) {
    let names = true;
    for (let i = 0; i < v.length; i++) if (i in v && (typeof v[i] !== 'string' || v[i].length === 0)) names = false; // (holes pass, as with every)
    if (names) return;
  }
  badIpam(out, field, `.${key}`, `${key} ${describe(v)} is not a list of pool names`, `write "${key}": ["<pool name>"]`);
}

const COORDINATOR_MODES_PLUGIN = ['auto', 'underlay', 'overlay', 'disable'];
const COORDINATOR_MODES_SMC = ['auto', 'underlay', 'overlay'];

/**
 * Coordinator options, in a NAD's coordinator plugin or a SpiderMultusConfig's `spec.coordinator`:
 * mode, podMACPrefix (unicast), txQueueLen >= 0, podRPFilter 0/1/2, vethMTU > 0, removed fields.
 */
export function checkCoordinatorOptions(c: Record<string, any>, field: string, where: 'plugin' | 'smc', out: Finding[]): void {
  const modes = where === 'plugin' ? COORDINATOR_MODES_PLUGIN : COORDINATOR_MODES_SMC;
  if (c.mode !== undefined && !modes.includes(c.mode)) {
    const fix = where === 'smc' && (c.mode === 'disabled' || c.mode === 'disable')
      ? 'set spec.enableCoordinator: false instead (the coordinator binary does not know "disabled") and remove coordinator.mode'
      : `use one of ${modes.join(', ')}`;
    badCoordinator(out, field, 'mode', `mode ${describe(c.mode)} is not a coordinator mode`, fix);
  }
  if (c.podMACPrefix !== undefined && c.podMACPrefix !== '') {
    const problem = typeof c.podMACPrefix === 'string' ? checkUnicastMacPrefix(c.podMACPrefix) : 'is not a string';
    if (problem) badCoordinator(out, field, 'podMACPrefix', `podMACPrefix ${describe(c.podMACPrefix)} ${problem}`, 'use a unicast prefix such as "0a:1b" (first octet even)');
  }
  if (c.txQueueLen !== undefined && !(Number.isInteger(c.txQueueLen) && c.txQueueLen >= 0)) {
    badCoordinator(out, field, 'txQueueLen', `txQueueLen ${describe(c.txQueueLen)} is not a non-negative integer`, 'use 0 (kernel default) or a positive queue length');
  }
  // a negative podRPFilter leaves the pod's rp_filter sysctl alone (Spiderpool accepts any negative value)
  if (c.podRPFilter !== undefined && !(Number.isInteger(c.podRPFilter) && (c.podRPFilter < 0 || c.podRPFilter <= 2))) {
    badCoordinator(out, field, 'podRPFilter', `podRPFilter ${describe(c.podRPFilter)} is not -1, 0, 1 or 2, so Spiderpool refuses it`, 'use 0 (off), 1 (strict), 2 (loose) or -1 (leave the sysctl alone)');
  }
  if (where === 'smc') checkCoordinatorAddresses(c, field, out);
  if (c.vethMTU !== undefined && !(Number.isInteger(c.vethMTU) && c.vethMTU > 0)) {
    badCoordinator(out, field, 'vethMTU', `vethMTU ${describe(c.vethMTU)} is not a positive integer`, 'use a positive MTU, e.g. 1500, or leave vethMTU out');
  }
  // (two plain reads, not a literal list of keys per coordinator)
  if (c.detectIPConflict !== undefined) removedCoordinatorField('detectIPConflict', field, out);
  if (c.detectGateway !== undefined) removedCoordinatorField('detectGateway', field, out);
}

/** A coordinator finding at `field`.`key`. */
function badCoordinator(out: Finding[], field: string, key: string, message: string, fix: string): void {
  out.push(finding(RULES.coordinatorOptions, `${field}.${key}`, message, fix));
}

function removedCoordinatorField(removed: string, field: string, out: Finding[]): void {
  out.push(finding(RULES.removedField, `${field}.${removed}`, `${removed} was removed from the coordinator in Spiderpool v1.0`,
    `remove ${removed} (IP conflict and gateway detection are Spiderpool agent settings now)`));
}

/** An address as Go's netip.ParseAddr takes it (no zone checks beyond the syntax): undefined when invalid. */
function parseAddr(text: unknown): IpAddress | undefined {
  return typeof text === 'string' && !text.includes('/') ? IpAddress.tryParse(text) : undefined;
}

/** An IP or a CIDR (Spiderpool's ParseIPOrCIDR: host bits allowed). */
function parseIpOrCidr(text: unknown): { family: 4 | 6 } | undefined {
  if (typeof text !== 'string') return undefined;
  if (!text.includes('/')) return parseAddr(text);
  const slash = text.indexOf('/');
  const ip = parseAddr(text.slice(0, slash));
  const bits = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(bits) || Number(bits) > (ip.family === 4 ? 32 : 128)) return undefined;
  return ip;
}

/** hijackCIDR, policyRoutes and vethLinkAddress of a SpiderMultusConfig coordinator (ValidateCoordinatorSpec). */
function checkCoordinatorAddresses(c: Record<string, any>, field: string, out: Finding[]): void {
  if (c.hijackCIDR !== undefined && c.hijackCIDR !== null) {
    if (!Array.isArray(c.hijackCIDR)) {
      badCoordinator(out, field, 'hijackCIDR', `hijackCIDR ${describe(c.hijackCIDR)} is not a list`, 'write hijackCIDR: ["10.233.0.0/18"]');
    } else {
      c.hijackCIDR.forEach((cidr: unknown, i: number) => {
        if (!parseIpOrCidr(cidr)) badCoordinator(out, field, `hijackCIDR[${i}]`, `${describe(cidr)} is not an IP or CIDR, so Spiderpool refuses it`, 'write a CIDR such as "10.233.0.0/18" or a single IP');
      });
    }
  }
  if (c.policyRoutes !== undefined && c.policyRoutes !== null) {
    if (!Array.isArray(c.policyRoutes)) {
      badCoordinator(out, field, 'policyRoutes', `policyRoutes ${describe(c.policyRoutes)} is not a list`, 'write policyRoutes: [{dst: "10.9.0.0/16", gw: "10.0.0.1"}]');
    } else {
      c.policyRoutes.forEach((r: unknown, i: number) => {
        const route = isPlainObject(r) ? r : {};
        const dst = parseIpOrCidr(route.dst);
        const gw = parseAddr(route.gw);
        if (!dst) {
          badCoordinator(out, field, `policyRoutes[${i}].dst`, `dst ${describe(route.dst)} is not an IP or CIDR, so Spiderpool refuses it`, 'write the destination as a CIDR, e.g. "10.9.0.0/16"');
        } else if (!gw) {
          badCoordinator(out, field, `policyRoutes[${i}].gw`, `gw ${describe(route.gw)} is not an IP address, so Spiderpool refuses it`, 'write the next hop as a plain IP');
        } else if (dst.family !== gw.family) {
          badCoordinator(out, field, `policyRoutes[${i}]`, `dst ${route.dst} is IPv${dst.family} but gw ${route.gw} is IPv${gw.family} (Spiderpool refuses routes mixing families)`, 'use a next hop of the destination\'s family');
        }
      });
    }
  }
  if (c.vethLinkAddress !== undefined && c.vethLinkAddress !== null && c.vethLinkAddress !== '' && !parseAddr(c.vethLinkAddress)) {
    badCoordinator(out, field, 'vethLinkAddress', `vethLinkAddress ${describe(c.vethLinkAddress)} is not an IP address, so Spiderpool refuses it`, 'write a plain IP such as "169.254.100.1", or leave it out');
  }
}

/** 0, 1, ..., n - 1. */
function indicesTo(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(i);
  return out;
}
