// (from the modules themselves, not the net index: a call through the index's re-export is a getter call per use)
import { Finding, RULES, finding } from './catalog';
import { describe, isPlainObject } from './ip-pool';
import { IpAddress } from '../net/address';
import { Cidr } from '../net/cidr';
import { checkDns1123Label, checkDns1123Subdomain, checkInterfaceName, checkMacAddress } from '../net/names';

/** Multus: the pod's eth0 network. */
export const MULTUS_DEFAULT_NETWORK = 'v1.multus-cni.io/default-network';
/** Multus: additional networks. */
export const MULTUS_NETWORKS = 'k8s.v1.cni.cncf.io/networks';
/** Multus: written by Multus after the pod starts. */
export const MULTUS_NETWORK_STATUS = 'k8s.v1.cni.cncf.io/network-status';
/** Spiderpool: one pool selection for every Spiderpool NIC. */
export const SPIDERPOOL_IPPOOL = 'ipam.spidernet.io/ippool';
/** Spiderpool: pool selection per NIC. */
export const SPIDERPOOL_IPPOOLS = 'ipam.spidernet.io/ippools';
/** Spiderpool: SpiderSubnet auto pools, one selection for every NIC. */
export const SPIDERPOOL_SUBNET = 'ipam.spidernet.io/subnet';
/** Spiderpool: SpiderSubnet auto pools per NIC. */
export const SPIDERPOOL_SUBNETS = 'ipam.spidernet.io/subnets';

/** One element of a Multus network selection annotation. */
export interface NetworkSelection {
  /** NAD name. */
  readonly name: string;
  /** Namespace as written (undefined when not written). */
  readonly namespace?: string;
  /** Requested interface name (undefined: Multus numbers it). */
  readonly interface?: string;
  /** Requested IPs (IP or CIDR strings). */
  readonly ips?: readonly string[];
  /** Requested MAC. */
  readonly mac?: string;
  /** Gateways for which this attachment takes the default route. */
  readonly defaultRoute?: readonly string[];
}

/** Result of parsing one annotation: what parsed, and what is wrong. */
export interface Parsed<T> {
  /** Undefined when the annotation as a whole is rejected (Multus/Spiderpool would fail the pod). */
  readonly value?: T;
  readonly findings: Finding[];
}

/** Multus reads the value as JSON as soon as it contains one of these characters. */
export function isJsonSelection(value: string): boolean {
  return /[[{"]/.test(value);
}

/**
 * Parses `k8s.v1.cni.cncf.io/networks` (or the default-network annotation) the way Multus does: the short
 * form `ns/name@ifname, name2` or, as soon as the value contains `[`, `{` or `"`, a JSON array of
 * selection objects. Never throws. `field` is the annotation's path, used in findings.
 */
export function parseNetworkSelection(value: unknown, field: string): Parsed<NetworkSelection[]> {
  const out: Finding[] = [];
  if (typeof value !== 'string') {
    out.push(finding(RULES.annotationSyntax, field, `${describe(value)} is not a string`, 'annotation values are strings: quote the value'));
    return { findings: out };
  }
  if (isJsonSelection(value)) return parseJsonSelection(value, field, out);
  // Multus: an empty annotation means no additional networks.
  if (value.length === 0) return { value: [], findings: out };

  // Multus' parsePodNetworkObjectName: split at "/" and "@", trimming the spaces around each part.
  const selections: NetworkSelection[] = [];
  const items = value.split(',');
  let ok = true;
  for (let i = 0; i < items.length; i++) {
    const sel = parseShortSelection(items[i].trim(), i, value, `${field}[${i}]`, out);
    if (sel) selections.push(sel); else ok = false;
  }
  return { value: ok ? selections : undefined, findings: out };
}

/** Element `i` of the short form (trimmed): its selection, or undefined with its findings in `out`. */
function parseShortSelection(item: string, i: number, value: string, at: string, out: Finding[]): NetworkSelection | undefined {
  if (item.length === 0) {
    out.push(finding(RULES.annotationSyntax, at, `element ${i + 1} of ${describe(value)} is empty: Multus reads it as a network with an empty name, and the pod fails to start when that network is loaded`,
      'remove the stray ","; write "ns/name@ifname, ns/name2"'));
    return undefined;
  }
  const slash = item.split('/');
  if (slash.length > 2) {
    out.push(finding(RULES.annotationSyntax, at, `"${item}" has more than one "/" (Multus refuses the annotation)`, 'write "namespace/name" with one "/"'));
    return undefined;
  }
  const rest = slash[slash.length - 1];
  const atSign = rest.split('@');
  if (atSign.length > 2) {
    out.push(finding(RULES.annotationSyntax, at, `"${item}" has more than one "@" (Multus refuses the annotation)`, 'write "namespace/name@interface" with one "@"'));
    return undefined;
  }
  const ns = slash.length === 2 ? slash[0].trim() : '';
  const namespace = ns.length > 0 ? ns : undefined;
  const name = atSign[0].trim();
  const ifname = atSign.length === 2 ? atSign[1].trim() : '';
  const iface = ifname.length > 0 ? ifname : undefined;
  // (two calls rather than a loop over a literal list: this runs for every network of every pod)
  let ok = checkLabelPart('namespace', namespace, item, at, out);
  ok = checkLabelPart('name', name, item, at, out) && ok;
  if (iface !== undefined) {
    const problem = checkInterfaceName(iface);
    if (problem) {
      ok = false;
      out.push(finding(RULES.podInterfaceName, `${at}.interface`, `interface "${iface}" in "${item}" ${problem}`,
        'use a name of at most 15 bytes without "/", ":" or spaces (e.g. "net1")'));
    }
  }
  return ok ? { name, namespace, interface: iface } : undefined;
}

/** The namespace or name part of a short-form element: a DNS-1123 label (false, with a finding, when not). */
function checkLabelPart(what: 'namespace' | 'name', part: string | undefined, item: string, at: string, out: Finding[]): boolean {
  if (part === undefined) return true;
  const problem = checkDns1123Label(part);
  if (!problem) return true;
  out.push(finding(RULES.networkName, `${at}.${what}`, `${what} "${part}" in "${item}" ${problem} (Multus refuses the annotation)`, 'write "namespace/name" with DNS-1123 label parts'));
  return false;
}

function parseJsonSelection(value: string, field: string, out: Finding[]): Parsed<NetworkSelection[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (e) {
    out.push(finding(RULES.annotationSyntax, field, `looks like JSON (it contains [, { or ") but does not parse: ${(e as Error).message}`,
      'write a JSON array such as [{"name": "net", "namespace": "kube-system", "interface": "net1"}]: double quotes, no trailing commas'));
    return { findings: out };
  }
  if (!Array.isArray(parsed)) {
    out.push(finding(RULES.annotationSyntax, field, `is JSON ${isPlainObject(parsed) ? 'object' : describe(parsed)}, but Multus expects a JSON array`,
      isPlainObject(parsed) ? `wrap it in brackets: [${describe(parsed)}]` : 'write a JSON array of objects with "name" (and "namespace", "interface", ...)'));
    return { findings: out };
  }
  const selections: NetworkSelection[] = [];
  let ok = true;
  // (a function per element, not a closure per annotation: this runs for every pod)
  for (let i = 0; i < parsed.length; i++) {
    const sel = parseJsonSelectionElement(parsed[i], `${field}[${i}]`, out);
    if (sel) selections.push(sel); else ok = false;
  }
  return { value: ok ? selections : undefined, findings: out };
}

/** One element of the JSON form: its selection, or undefined with its findings in `out`. */
function parseJsonSelectionElement(el: unknown, at: string, out: Finding[]): NetworkSelection | undefined {
  const before = out.length;
  if (!isPlainObject(el)) {
    out.push(finding(RULES.annotationSyntax, at, `element ${describe(el)} is not an object`, 'write each element as {"name": ..., "namespace": ...}'));
    return undefined;
  }
  if (typeof el.name !== 'string' || el.name.length === 0) {
    out.push(finding(RULES.annotationSyntax, `${at}.name`, el.name === undefined ? 'the element has no "name"' : `name ${describe(el.name)} is not a non-empty string`,
      'give the NAD name in "name" and its namespace in "namespace"'));
  } else if (el.name.includes('/')) {
    const [ns, ...rest] = el.name.split('/');
    out.push(finding(RULES.annotationNameWithSlash, `${at}.name`, `name "${el.name}" is not split at "/" in the JSON form, so Multus looks for a NAD literally named "${el.name}"`,
      `write "name": "${rest.join('/')}", "namespace": "${ns}"`));
  } else {
    // the JSON form takes any NAD name (Multus does not check it; a name no NAD can have fails the pod at start)
    const problem = checkDns1123Subdomain(el.name);
    if (problem) out.push(finding(RULES.networkName, `${at}.name`, `name "${el.name}" ${problem}, so no NAD can have it and the pod fails to start`, 'use the NAD\'s name (a DNS-1123 subdomain)'));
  }
  if (el.namespace !== undefined) {
    const problem = typeof el.namespace === 'string' ? checkDns1123Label(el.namespace) : 'is not a string';
    if (problem) out.push(finding(RULES.networkName, `${at}.namespace`, `namespace ${describe(el.namespace)} ${problem}`, 'use the NAD\'s namespace (a DNS-1123 label)'));
  }
  if (el.interface !== undefined) {
    const problem = typeof el.interface === 'string' ? checkInterfaceName(el.interface) : 'is not a string';
    if (problem) {
      out.push(finding(RULES.podInterfaceName, `${at}.interface`, `interface ${describe(el.interface)} ${problem}`,
        'choose a name of at most 15 bytes without "/", ":" or spaces, e.g. "net1"'));
    }
  }
  if (el.ips !== undefined) {
    if (!Array.isArray(el.ips)) {
      out.push(finding(RULES.annotationIps, `${at}.ips`, `ips ${describe(el.ips)} is not a JSON array (Multus rejects the whole annotation)`,
        `write "ips": [${typeof el.ips === 'string' ? JSON.stringify(el.ips) : '"10.0.0.5/24"'}]`));
    } else {
      el.ips.forEach((ip: unknown, j: number) => {
        if (typeof ip !== 'string' || !(IpAddress.tryParse(ip) || Cidr.tryParse(ip))) {
          out.push(finding(RULES.annotationIps, `${at}.ips[${j}]`, `${describe(ip)} is not an IP or CIDR`, 'write an address such as "10.0.0.5/24" or "fd00::5/64"'));
        }
      });
    }
  }
  if (el['default-route'] !== undefined) {
    const dr = el['default-route'];
    if (!Array.isArray(dr) || dr.some(g => typeof g !== 'string' || !IpAddress.tryParse(g))) {
      out.push(finding(RULES.annotationIps, `${at}.default-route`, `default-route ${describe(dr)} is not an array of gateway IPs`,
        'write "default-route": ["10.0.0.1"] (one gateway per IP family)'));
    }
  }
  if (el.mac !== undefined) {
    const problem = typeof el.mac === 'string' ? checkMacAddress(el.mac) : 'is not a string';
    if (problem) out.push(finding(RULES.annotationMac, `${at}.mac`, `mac ${describe(el.mac)} ${problem}`, 'write the MAC as "02:42:ac:11:00:02"'));
  }
  if (out.length > before) return undefined;
  return {
    name: el.name,
    namespace: el.namespace,
    // Multus still reads the pre-v3.2 key "interfaceRequest" when "interface" is not given
    interface: el.interface ?? (typeof el.interfaceRequest === 'string' && el.interfaceRequest.length > 0 ? el.interfaceRequest : undefined),
    ips: el.ips,
    mac: el.mac,
    defaultRoute: el['default-route'],
  };
}

/**
 * MV061 on a networks annotation rendered by PodNetworks: the per-pod `ips` as Multus reads them (the rest of
 * that annotation comes from values the constructs check themselves).
 */
export function checkRequestedIps(value: string, field: string): Finding[] {
  return parseNetworkSelection(value, field).findings.filter(f => f.rule === RULES.annotationIps);
}

/** The per-pod requests Multus drops on the default network. */
const RUNTIME_REQUESTS = ['ips', 'mac'] as const;

/** The default network: exactly one selection; a bare name resolves in Multus' namespace (kube-system). */
export function parseDefaultNetwork(value: unknown, field: string): Parsed<NetworkSelection> {
  const parsed = parseNetworkSelection(value, field);
  const out = parsed.findings; // (the parse's own list)
  if (!parsed.value) return { findings: out };
  if (parsed.value.length !== 1) {
    out.push(finding(RULES.defaultNetworkSingle, field, `names ${parsed.value.length} networks`,
      'name exactly one network ("ns/name") here; put further networks in k8s.v1.cni.cncf.io/networks'));
    return { findings: out };
  }
  const sel = parsed.value[0];
  if (sel.namespace === undefined) {
    out.push(finding(RULES.defaultNetworkBareName, field, `"${sel.name}" has no namespace, so Multus looks it up in its own namespace (kube-system), not the pod's`,
      `write "kube-system/${sel.name}" or "<namespace>/${sel.name}"`));
  }
  // Multus loads the default network as its master plugin and adds per-pod runtime requests (ips, mac) only to
  // the other delegates (mergeCNIRuntimeConfig skips a MasterPlugin): here they are dropped without a word.
  for (const key of RUNTIME_REQUESTS) {
    if (sel[key] === undefined) continue;
    out.push(finding(RULES.defaultNetworkRuntimeRequests, `${field}.${key}`,
      `${key} ${describe(sel[key])} is ignored: Multus applies a per-pod "${key}" to additional networks only, never to the default network`,
      key === 'ips'
        ? 'give the default network its addresses (static IPAM "addresses" in its config, or a Spiderpool pool holding them, selected in ipam.spidernet.io/ippools), or attach the network as an additional NIC in k8s.v1.cni.cncf.io/networks with "ips"'
        : 'remove mac, or attach the network as an additional NIC in k8s.v1.cni.cncf.io/networks with "mac"'));
  }
  // An interface requested for the default network names the pod's primary NIC (Multus' IfnameRequest).
  return { value: sel, findings: out };
}

/** One pool selection of `ipam.spidernet.io/ippool(s)`. */
export interface PoolSelection {
  readonly interface?: string;
  readonly ipv4: readonly string[];
  readonly ipv6: readonly string[];
}

/** The fields of Spiderpool's annotation items (Go's JSON decoder matches keys case-insensitively). */
const POOL_ITEM_KEYS = ['interface', 'ipv4', 'ipv6', 'cleangateway'];

function parsePoolSelection(el: unknown, at: string, out: Finding[], withCleanGateway: boolean): PoolSelection | undefined {
  if (!isPlainObject(el)) {
    out.push(finding(RULES.ippoolAnnotation, at, `${describe(el)} is not a JSON object (Spiderpool refuses the annotation)`, 'write {"interface": "net1", "ipv4": ["pool-v4"], "ipv6": ["pool-v6"]}'));
    return undefined;
  }
  // Go's decoder: keys match fields case-insensitively, unknown keys are ignored, the last of two spellings wins.
  // (the fields in locals, not an object per item: this runs for every item of every pod)
  let iface: unknown = undefined;
  let ipv4: unknown = undefined;
  let ipv6: unknown = undefined;
  let cleanGateway: unknown = undefined;
  // the first key of each pre-v0.4 spelling
  let legacy4: string | undefined;
  let legacy6: string | undefined;
  const keys = Object.keys(el);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const lower = key.toLowerCase();
    if (lower === 'ipv4pools') legacy4 ??= key;
    else if (lower === 'ipv6pools') legacy6 ??= key;
    if (!POOL_ITEM_KEYS.includes(lower) || (lower === 'cleangateway' && !withCleanGateway)) continue;
    if (key !== lower) {
      out.push(finding(RULES.annotationKeyCase, `${at}.${key}`, `Spiderpool reads "${key}" as "${lower}" (Go's JSON decoder matches keys case-insensitively), but other tools do not`,
        `write "${lower}"`));
    }
    const value = el[key];
    if (lower === 'interface') iface = value;
    else if (lower === 'ipv4') ipv4 = value;
    else if (lower === 'ipv6') ipv6 = value;
    else cleanGateway = value;
  }
  let ok = true;
  if (iface !== undefined && iface !== null) {
    const problem = typeof iface === 'string' ? checkInterfaceName(iface) : 'is not a string (Spiderpool refuses the annotation)';
    if (problem) {
      ok = false;
      out.push(finding(RULES.ippoolAnnotation, `${at}.interface`, `interface ${describe(iface)} ${problem}`, 'name the pod interface, e.g. "net1"'));
    }
  }
  ok = checkPoolNames('ipv4', ipv4, at, out) && ok;
  ok = checkPoolNames('ipv6', ipv6, at, out) && ok;
  if (cleanGateway !== undefined && cleanGateway !== null && typeof cleanGateway !== 'boolean') {
    ok = false;
    out.push(finding(RULES.ippoolAnnotation, `${at}.cleangateway`, `cleangateway ${describe(cleanGateway)} is not a JSON boolean (Spiderpool refuses the annotation)`,
      `write "cleangateway": ${cleanGateway === 'true' ? 'true' : cleanGateway === 'false' ? 'false' : 'true or false'} without quotes`));
  }
  if (legacy4 !== undefined) {
    ok = false;
    out.push(legacyPoolKey(legacy4, 'ipv4pools', at));
  }
  if (legacy6 !== undefined) {
    ok = false;
    out.push(legacyPoolKey(legacy6, 'ipv6pools', at));
  }
  if (!ok) return undefined;
  return {
    interface: typeof iface === 'string' && iface.length > 0 ? iface : undefined,
    ipv4: (ipv4 ?? NO_NAMES) as readonly string[],
    ipv6: (ipv6 ?? NO_NAMES) as readonly string[],
  };
}

/** No pools of a family (shared: nothing changes a parsed list). */
const NO_NAMES: readonly string[] = Object.freeze([]);

/** `ipv4` or `ipv6` of an item: absent, null or a list of pool names (false, with a finding, when not). */
function checkPoolNames(key: 'ipv4' | 'ipv6', v: unknown, at: string, out: Finding[]): boolean {
  if (v === undefined || v === null || isNameList(v)) return true;
  out.push(finding(RULES.ippoolAnnotation, `${at}.${key}`, `${key} ${describe(v)} is not a JSON array of pool names${Array.isArray(v) && v.every(x => typeof x === 'string') ? '' : ' (Spiderpool refuses the annotation)'}`,
    `write "${key}": ["<pool name>"]`));
  return false;
}

/** Whether `v` is an array of non-empty strings. */
function isNameList(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string' || v[i].length === 0) return false;
  return true;
}

/** The finding of a pre-v0.4 key (`ipv4pools`, `ipv6pools`) written as `key`. */
function legacyPoolKey(key: string, legacy: 'ipv4pools' | 'ipv6pools', at: string): Finding {
  return finding(RULES.ippoolAnnotation, `${at}.${key}`, `"${key}" is the pre-v0.4 key: Spiderpool ignores it, so this item selects no ${legacy.slice(0, 4).toUpperCase().replace('IPV', 'IPv')} pool`,
    `write "${legacy.slice(0, 4)}" instead`);
}

/** What {@link parseJson} returns for a value that is not a JSON string (its finding is in `out`). */
const NOT_JSON: unique symbol = Symbol('not JSON');

/** The annotation value as JSON, or {@link NOT_JSON} with a finding. */
function parseJson(value: unknown, field: string, out: Finding[], example: string): unknown {
  if (typeof value !== 'string') {
    out.push(finding(RULES.ippoolAnnotation, field, `${describe(value)} is not a string`, 'annotation values are strings: quote the JSON'));
    return NOT_JSON;
  }
  try {
    return JSON.parse(value);
  } catch (e) {
    out.push(finding(RULES.ippoolAnnotation, field, `is not valid JSON: ${(e as Error).message}`, `write JSON such as ${example}`));
    return NOT_JSON;
  }
}

/** `ipam.spidernet.io/ippool`: one object `{"ipv4": [...], "ipv6": [...]}` applied to every Spiderpool NIC. */
export function parseIppoolAnnotation(value: unknown, field: string): Parsed<PoolSelection> {
  const out: Finding[] = [];
  const json = parseJson(value, field, out, '{"ipv4": ["pool-v4"], "ipv6": ["pool-v6"]}');
  if (json === NOT_JSON) return { findings: out };
  if (Array.isArray(json)) {
    out.push(finding(RULES.ippoolAnnotation, field, 'is a JSON array, but ipam.spidernet.io/ippool takes one object',
      'use ipam.spidernet.io/ippools for a per-interface list, or write one object {"ipv4": [...]}'));
    return { findings: out };
  }
  if (json === null) return { value: { ipv4: [], ipv6: [] }, findings: out };
  const sel = parsePoolSelection(json, field, out, false);
  return { value: sel, findings: out };
}

/**
 * `ipam.spidernet.io/ippools`: a JSON array of `{"interface", "ipv4", "ipv6", "cleangateway"}`; every item
 * names its interface or none does, and no interface is listed twice.
 */
export function parseIppoolsAnnotation(value: unknown, field: string): Parsed<PoolSelection[]> {
  const out: Finding[] = [];
  const json = parseJson(value, field, out, '[{"interface": "eth0", "ipv4": ["pool-v4"]}]');
  if (json === NOT_JSON) return { findings: out };
  if (json !== null && !Array.isArray(json)) {
    out.push(finding(RULES.ippoolAnnotation, field, 'is not a JSON array (Spiderpool refuses the annotation)', `wrap the object in brackets: [${describe(json)}]`));
    return { findings: out };
  }
  if (json === null || json.length === 0) {
    out.push(finding(RULES.ippoolAnnotation, field, `is ${describe(json)}: Spiderpool refuses an ippools annotation without items ("value requires at least one item")`,
      'list one item per Spiderpool NIC, e.g. [{"interface": "net1", "ipv4": ["pool-v4"]}], or remove the annotation'));
    return { findings: out };
  }
  const items: PoolSelection[] = [];
  let good = true;
  for (let i = 0; i < json.length; i++) {
    const sel = parsePoolSelection(json[i], `${field}[${i}]`, out, true);
    if (sel) items.push(sel); else good = false;
  }
  if (!good) return { findings: out };
  let named = 0;
  for (let i = 0; i < items.length; i++) if (items[i].interface !== undefined) named++;
  if (named > 0 && named < items.length) {
    out.push(finding(RULES.ippoolAnnotation, field, `${named} of ${items.length} items name an interface (Spiderpool refuses the annotation: "NIC should be either all specified or all unspecified")`,
      'give every item an "interface" (or none of them)'));
    return { findings: out };
  }
  // (one item: nothing listed twice)
  if (items.length === 1) return { value: items, findings: out };
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const iface = items[i].interface;
    if (iface === undefined) continue;
    if (seen.has(iface)) {
      out.push(finding(RULES.ippoolsDuplicate, `${field}[${i}].interface`, `interface "${iface}" is listed more than once (Spiderpool refuses the annotation)`, 'list each interface once'));
    }
    seen.add(iface);
  }
  return { value: items, findings: out };
}
