import { Cidr, IpAddress, checkDns1123Label, checkInterfaceName, checkMacAddress } from '../net';
import { Finding, RULES, finding } from './catalog';
import { describe, isPlainObject } from './ip-pool';

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

  const selections: NetworkSelection[] = [];
  const items = value.split(',');
  let ok = true;
  items.forEach((raw, i) => {
    const item = raw.trim();
    const at = `${field}[${i}]`;
    if (item.length === 0) {
      ok = false;
      out.push(finding(RULES.annotationSyntax, at, `element ${i + 1} of ${describe(value)} is empty`, 'remove the stray ","; write "ns/name@ifname, ns/name2"'));
      return;
    }
    const slash = item.split('/');
    if (slash.length > 2) {
      ok = false;
      out.push(finding(RULES.annotationSyntax, at, `"${item}" has more than one "/"`, 'write "namespace/name" with one "/"'));
      return;
    }
    const rest = slash[slash.length - 1];
    const atSign = rest.split('@');
    if (atSign.length > 2) {
      ok = false;
      out.push(finding(RULES.annotationSyntax, at, `"${item}" has more than one "@"`, 'write "namespace/name@interface" with one "@"'));
      return;
    }
    const namespace = slash.length === 2 ? slash[0] : undefined;
    const name = atSign[0];
    const iface = atSign.length === 2 ? atSign[1] : undefined;
    for (const [what, part] of [['namespace', namespace], ['name', name]] as const) {
      if (part === undefined) continue;
      const problem = checkDns1123Label(part);
      if (problem) {
        ok = false;
        out.push(finding(RULES.networkName, `${at}.${what}`, `${what} "${part}" in "${item}" ${problem}`, 'write "namespace/name" with DNS-1123 label parts'));
      }
    }
    if (iface !== undefined) {
      const problem = checkInterfaceName(iface) ?? checkDns1123Label(iface);
      if (problem) {
        ok = false;
        out.push(finding(RULES.podInterfaceName, `${at}.interface`, `interface "${iface}" in "${item}" ${problem}`,
          'in the short form use a DNS-1123 label of at most 15 characters (e.g. "net1"), or switch to the JSON form'));
      }
    }
    selections.push({ name, namespace, interface: iface });
  });
  return { value: ok ? selections : undefined, findings: out };
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
  parsed.forEach((el: unknown, i: number) => {
    const at = `${field}[${i}]`;
    const before = out.length;
    if (!isPlainObject(el)) {
      out.push(finding(RULES.annotationSyntax, at, `element ${describe(el)} is not an object`, 'write each element as {"name": ..., "namespace": ...}'));
      ok = false;
      return;
    }
    if (typeof el.name !== 'string' || el.name.length === 0) {
      out.push(finding(RULES.annotationSyntax, `${at}.name`, el.name === undefined ? 'the element has no "name"' : `name ${describe(el.name)} is not a non-empty string`,
        'give the NAD name in "name" and its namespace in "namespace"'));
    } else if (el.name.includes('/')) {
      const [ns, ...rest] = el.name.split('/');
      out.push(finding(RULES.annotationNameWithSlash, `${at}.name`, `name "${el.name}" is not split at "/" in the JSON form, so Multus looks for a NAD literally named "${el.name}"`,
        `write "name": "${rest.join('/')}", "namespace": "${ns}"`));
    } else {
      const problem = checkDns1123Label(el.name);
      if (problem) out.push(finding(RULES.networkName, `${at}.name`, `name "${el.name}" ${problem}`, 'use the NAD\'s name (a DNS-1123 label)'));
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
    if (out.length > before) {
      ok = false;
      return;
    }
    selections.push({
      name: el.name,
      namespace: el.namespace,
      interface: el.interface,
      ips: el.ips,
      mac: el.mac,
      defaultRoute: el['default-route'],
    });
  });
  return { value: ok ? selections : undefined, findings: out };
}

/** The default network: exactly one selection; a bare name resolves in Multus' namespace (kube-system). */
export function parseDefaultNetwork(value: unknown, field: string): Parsed<NetworkSelection> {
  const parsed = parseNetworkSelection(value, field);
  const out = [...parsed.findings];
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
  if (sel.interface !== undefined && sel.interface !== 'eth0') {
    out.push(finding(RULES.podInterfaceName, field, `the default network is always eth0, "${sel.interface}" is ignored`, 'drop the interface from the default network'));
  }
  return { value: sel, findings: out };
}

/** One pool selection of `ipam.spidernet.io/ippool(s)`. */
export interface PoolSelection {
  readonly interface?: string;
  readonly ipv4: readonly string[];
  readonly ipv6: readonly string[];
}

function parsePoolSelection(el: unknown, at: string, out: Finding[]): PoolSelection | undefined {
  if (!isPlainObject(el)) {
    out.push(finding(RULES.ippoolAnnotation, at, `${describe(el)} is not a JSON object`, 'write {"interface": "net1", "ipv4": ["pool-v4"], "ipv6": ["pool-v6"]}'));
    return undefined;
  }
  let ok = true;
  if (el.interface !== undefined) {
    const problem = typeof el.interface === 'string' ? checkInterfaceName(el.interface) : 'is not a string';
    if (problem) {
      ok = false;
      out.push(finding(RULES.ippoolAnnotation, `${at}.interface`, `interface ${describe(el.interface)} ${problem}`, 'name the pod interface, e.g. "net1"'));
    }
  }
  for (const key of ['ipv4', 'ipv6']) {
    const v = el[key];
    if (v !== undefined && !(Array.isArray(v) && v.every(x => typeof x === 'string' && x.length > 0))) {
      ok = false;
      out.push(finding(RULES.ippoolAnnotation, `${at}.${key}`, `${key} ${describe(v)} is not a JSON array of pool names`, `write "${key}": ["<pool name>"]`));
    }
  }
  for (const legacy of ['ipv4pools', 'ipv6pools']) {
    if (el[legacy] !== undefined) {
      ok = false;
      out.push(finding(RULES.ippoolAnnotation, `${at}.${legacy}`, `"${legacy}" is the pre-v0.4 key`, `write "${legacy.slice(0, 4)}" instead`));
    }
  }
  if (!ok) return undefined;
  return { interface: el.interface, ipv4: el.ipv4 ?? [], ipv6: el.ipv6 ?? [] };
}

function parseJson(value: unknown, field: string, out: Finding[], example: string): { ok: boolean; json?: unknown } {
  if (typeof value !== 'string') {
    out.push(finding(RULES.ippoolAnnotation, field, `${describe(value)} is not a string`, 'annotation values are strings: quote the JSON'));
    return { ok: false };
  }
  try {
    return { ok: true, json: JSON.parse(value) };
  } catch (e) {
    out.push(finding(RULES.ippoolAnnotation, field, `is not valid JSON: ${(e as Error).message}`, `write JSON such as ${example}`));
    return { ok: false };
  }
}

/** `ipam.spidernet.io/ippool`: one object `{"ipv4": [...], "ipv6": [...]}` applied to every Spiderpool NIC. */
export function parseIppoolAnnotation(value: unknown, field: string): Parsed<PoolSelection> {
  const out: Finding[] = [];
  const { ok, json } = parseJson(value, field, out, '{"ipv4": ["pool-v4"], "ipv6": ["pool-v6"]}');
  if (!ok) return { findings: out };
  if (Array.isArray(json)) {
    out.push(finding(RULES.ippoolAnnotation, field, 'is a JSON array, but ipam.spidernet.io/ippool takes one object',
      'use ipam.spidernet.io/ippools for a per-interface list, or write one object {"ipv4": [...]}'));
    return { findings: out };
  }
  const sel = parsePoolSelection(json, field, out);
  return { value: sel, findings: out };
}

/**
 * `ipam.spidernet.io/ippools`: a JSON array of `{"interface", "ipv4", "ipv6", "cleangateway"}`; every item
 * names its interface or none does, and no interface is listed twice.
 */
export function parseIppoolsAnnotation(value: unknown, field: string): Parsed<PoolSelection[]> {
  const out: Finding[] = [];
  const { ok, json } = parseJson(value, field, out, '[{"interface": "eth0", "ipv4": ["pool-v4"]}]');
  if (!ok) return { findings: out };
  if (!Array.isArray(json)) {
    out.push(finding(RULES.ippoolAnnotation, field, 'is not a JSON array', `wrap the object in brackets: [${describe(json)}]`));
    return { findings: out };
  }
  const items: PoolSelection[] = [];
  let good = true;
  json.forEach((el: unknown, i: number) => {
    const sel = parsePoolSelection(el, `${field}[${i}]`, out);
    if (sel) items.push(sel); else good = false;
  });
  if (!good) return { findings: out };
  const named = items.filter(s => s.interface !== undefined).length;
  if (named > 0 && named < items.length) {
    out.push(finding(RULES.ippoolAnnotation, field, `${named} of ${items.length} items name an interface`,
      'give every item an "interface" (or none of them)'));
    return { findings: out };
  }
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const iface = items[i].interface;
    if (iface === undefined) continue;
    if (seen.has(iface)) {
      out.push(finding(RULES.ippoolsDuplicate, `${field}[${i}].interface`, `interface "${iface}" is listed more than once`, 'list each interface once'));
    }
    seen.add(iface);
  }
  return { value: items, findings: out };
}
