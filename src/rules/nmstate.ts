import { BOND_MODES, IpAddress, MTU_MAX, MTU_MIN, checkDns1123Subdomain, checkInterfaceName, isValidMtu } from '../net';
import { Finding, RULES, finding } from './catalog';
import { describe, isPlainObject } from './ip-pool';

/** The plain shape of a kubernetes-nmstate NodeNetworkConfigurationPolicy manifest that the rules read. */
export interface PlainNodeNetworkConfigurationPolicy {
  readonly metadata?: { readonly name?: string };
  readonly spec?: { readonly [key: string]: any };
}

const NMSTATE_BOND_MODES = BOND_MODES;

const XMIT_HASH_MODES = ['balance-xor', '802.3ad', 'balance-tlb'];
const PRIMARY_MODES = ['active-backup', 'balance-tlb', 'balance-alb'];
const NO_ARP_MODES = ['802.3ad', 'balance-tlb', 'balance-alb'];
const LACP_RATES = ['slow', 'fast', '0', '1'];
const XMIT_HASH_POLICIES = ['layer2', 'layer2+3', 'layer3+4', 'encap2+3', 'encap3+4', 'vlan+srcmac', '0', '1', '2', '3', '4', '5'];

/**
 * Where the library's own policy says that its owner decides every policy rule ({@link NODE_NETWORK_POLICY_RULES})
 * from its props and the app's validation does not report them from the object: the value is that very list
 * (the one the owner registers as decided). The linter then does not run {@link checkNodeNetworkConfigurationPolicy}
 * on the object, whose findings would all be dropped (unless a schema finding needs them to be explained). Not a
 * global symbol: only the library sets it, never a manifest; non-enumerable, so nothing that copies or writes
 * objects sees it.
 */
export const NNCP_RULES_DECIDED: unique symbol = Symbol('cdk8s-macvlan.nncp-rules-decided');

/** Where the interfaces of a policy live. */
export const NNCP_INTERFACES_FIELD = 'spec.desiredState.interfaces';

/**
 * How the fields of a policy are named in findings. `lint` names them as paths in the manifest; VlanTopology
 * names them after the props they come from (`bond.options.lacpRate`, `vlans[1].id`), so that no finding has
 * to be rewritten afterwards.
 */
export interface NncpFieldNames {
  /** Field `sub` (`''`, `.name`, `.link-aggregation.options.lacp_rate`, ...) of interface `index`. */
  interfaceField(index: number, sub: string): string;
  /** A field outside the interfaces (`metadata.name`, `spec.nodeSelector[key]`, `spec.maxUnavailable`, ...). */
  field(path: string): string;
}

/** Paths in the manifest. */
export const MANIFEST_FIELDS: NncpFieldNames = {
  interfaceField: (index, sub) => `${NNCP_INTERFACES_FIELD}[${index}]${sub}`,
  field: path => path,
};

/** One interface of the list (a class, not a literal with a closure per interface: a policy can list thousands). */
class Iface {
  constructor(readonly index: number, private readonly names: NncpFieldNames, readonly obj: Record<string, any>,
    readonly name: string | undefined, readonly type: string | undefined, readonly absent: boolean,
    /** The name is a string that Linux accepts. */
    readonly nameOk: boolean) {}

  /** The path of a field of this interface, below it (`''`, `.name`, `.link-aggregation.mode`). */
  public at(sub: string): string {
    return this.names.interfaceField(this.index, sub);
  }
}

/**
 * Checks a NodeNetworkConfigurationPolicy the way nmstate reads it: its name (a DNS-1123 subdomain), the spec (`nodeSelector`, `maxUnavailable`)
 * and `spec.desiredState.interfaces[]`: interface names (MV027), bonds (mode MV079, ports MV028 / MV080,
 * options for the mode MV029, link monitors MV030), VLANs (id MV026, base-iface MV082, reorder-headers MV081)
 * and MTUs (MV031, a VLAN's against its base interface when both are in the policy). Interfaces with
 * `state: absent` are only looked at as the base of a VLAN. Fields are paths such as
 * `spec.desiredState.interfaces[1].link-aggregation.options.lacp_rate`. Never throws.
 */
export function checkNodeNetworkConfigurationPolicy(nncp: PlainNodeNetworkConfigurationPolicy, names: NncpFieldNames = MANIFEST_FIELDS): Finding[] {
  const out: Finding[] = [];
  const policyName = isPlainObject(nncp?.metadata) ? nncp.metadata.name : undefined;
  const nameProblem = typeof policyName === 'string' ? checkDns1123Subdomain(policyName) : undefined;
  if (nameProblem) {
    out.push(finding(RULES.nncpSpec, names.field('metadata.name'), `policy name "${policyName}" ${nameProblem}`, 'use lower-case letters, digits, "-" and "."'));
  }
  const spec: Record<string, any> = isPlainObject(nncp?.spec) ? nncp.spec : {};
  checkSpec(spec, names, out);

  const desired = spec.desiredState;
  const list = isPlainObject(desired) ? desired.interfaces : undefined;
  if (list === undefined || list === null) return out;
  // kubernetes-nmstate's nmpolicy: "{{ capture.<name>.interfaces }}" stands for the interfaces a capture of
  // spec.capture selects on each node, known only there
  const template = typeof list === 'string' ? /^\s*\{\{\s*capture\.([^.\s}]+)[^}]*\}\}\s*$/.exec(list) : null;
  if (template) {
    const captures = isPlainObject(spec.capture) ? spec.capture : {};
    if (!Object.prototype.hasOwnProperty.call(captures, template[1])) {
      out.push(finding(RULES.nncpSpec, names.field(NNCP_INTERFACES_FIELD), `${describe(list)} uses capture "${template[1]}", which spec.capture does not define, so nmstate cannot resolve it`,
        `define "${template[1]}" under spec.capture, or list the interfaces`));
    }
    return out;
  }
  if (!Array.isArray(list)) {
    out.push(finding(RULES.nncpSpec, names.field(NNCP_INTERFACES_FIELD), `${describe(list)} is not a list`,
      'write interfaces as a list of interface objects, each with name, type and state'));
    return out;
  }

  const ifaces: Iface[] = [];
  for (let index = 0; index < list.length; index++) {
    if (!(index in list)) continue; // (holes skipped, as forEach does)
    const obj: unknown = list[index];
    if (!isPlainObject(obj)) {
      out.push(finding(RULES.topologyInterfaceName, names.interfaceField(index, ''), `${describe(obj)} is not an interface object`,
        'give each interface as an object with name, type and state'));
      continue;
    }
    const name = typeof obj.name === 'string' ? obj.name : undefined;
    const type = typeof obj.type === 'string' ? obj.type : undefined;
    ifaces.push(new Iface(index, names, obj, name, type, obj.state === 'absent', name !== undefined && checkInterfaceName(name) === undefined));
  }
  const byName = new Map<string, Iface>();
  for (let k = 0; k < ifaces.length; k++) {
    const i = ifaces[k];
    if (i.name !== undefined && !byName.has(i.name)) byName.set(i.name, i);
  }

  // the VLANs seen, by base interface and id
  const seenVlans = new Map<string, Map<number, Iface>>();
  for (let k = 0; k < ifaces.length; k++) {
    const i = ifaces[k];
    if (i.absent) continue;
    checkName(i, byName, out);
    checkMtu(i, out);
    if (i.type === 'bond') checkBond(i, out);
    if (i.type === 'vlan') checkVlan(i, byName, seenVlans, out);
  }
  return out;
}

function checkSpec(spec: Record<string, any>, names: NncpFieldNames, out: Finding[]): void {
  const selector = spec.nodeSelector;
  if (selector !== undefined && selector !== null) {
    if (!isPlainObject(selector)) {
      out.push(finding(RULES.nncpSpec, names.field('spec.nodeSelector'), `${describe(selector)} is not a map of label values`,
        'write nodeSelector as label: "value" pairs, e.g. node-role.kubernetes.io/worker: ""'));
    } else {
      for (const [key, value] of Object.entries(selector)) {
        if (typeof value === 'string') continue;
        const field = `spec.nodeSelector[${key}]`;
        if (value === null || value === undefined) {
          out.push(finding(RULES.nncpSpec, names.field(field), `the value of "${key}" is null (YAML reads an empty value as null), not a string`,
            `write ${key}: "" for a label that only has to exist`));
        } else {
          out.push(finding(RULES.nncpSpec, names.field(field), `the value of "${key}" is ${typeof value} ${describe(value)}, not a string`,
            `quote it: ${key}: "${typeof value === 'object' ? '...' : String(value)}"`));
        }
      }
    }
  }
  const mu = spec.maxUnavailable;
  if (mu !== undefined && mu !== null) {
    const ok = typeof mu === 'number' ? Number.isInteger(mu) && mu >= 0
      : typeof mu === 'string' && /^(\d{1,3})%$/.test(mu) && Number(mu.slice(0, -1)) <= 100;
    if (!ok) {
      out.push(finding(RULES.nncpSpec, names.field('spec.maxUnavailable'), `maxUnavailable ${describe(mu)} is neither a non-negative integer nor a percentage "0%"-"100%"`,
        typeof mu === 'string' && /^\d+$/.test(mu) ? `write ${mu} (a number, unquoted) or "${mu}%"` : 'write a node count such as 1 or a percentage such as "25%"'));
    }
  }
}

function ifaceLabel(i: Iface): string {
  return i.type === 'bond' ? 'bond name' : i.type === 'vlan' ? 'VLAN sub-interface' : 'interface name';
}

function checkName(i: Iface, byName: Map<string, Iface>, out: Finding[]): void {
  if (i.name === undefined) {
    out.push(finding(RULES.topologyInterfaceName, i.at('.name'), i.obj.name === undefined ? 'the interface has no name' : `name ${describe(i.obj.name)} is not a string`,
      'give every interface its Linux name, e.g. "bond0" or "bond0.100"'));
    return;
  }
  const problem = checkInterfaceName(i.name);
  if (!problem) return;
  // A VLAN named <base>.<id> after a base whose name is already reported would only repeat that problem.
  const base = i.type === 'vlan' && isPlainObject(i.obj.vlan) && typeof i.obj.vlan['base-iface'] === 'string' ? i.obj.vlan['base-iface'] as string : undefined;
  const baseIface = base !== undefined ? byName.get(base) : undefined;
  if (base !== undefined && i.name.startsWith(`${base}.`) && (baseIface ? !baseIface.absent && !baseIface.nameOk : checkInterfaceName(base) !== undefined)) return;
  let fix = 'use a name of 1-15 bytes without "/", ":" or whitespace, e.g. "bond0"';
  if (i.type === 'vlan') {
    const id = isPlainObject(i.obj.vlan) ? i.obj.vlan.id : undefined;
    fix = base !== undefined && Number.isInteger(id) && i.name === `${base}.${id}`
      ? `shorten the base interface name (at most ${15 - String(id).length - 1} bytes for VLAN ${id}) or name the VLAN differently, e.g. "vlan${id}"`
      : 'use a name of 1-15 bytes, e.g. "bond0.100" or "vlan100"';
  } else if (i.type === 'bond') {
    fix = 'use a short name such as "bond0" (VLAN sub-interfaces <bond>.<id> need room for the id)';
  }
  out.push(finding(RULES.topologyInterfaceName, i.at('.name'), `${ifaceLabel(i)} "${i.name}" ${problem}`, fix));
}

function checkMtu(i: Iface, out: Finding[]): void {
  const mtu = i.obj.mtu;
  if (mtu === undefined || mtu === null || isValidMtu(mtu)) return;
  out.push(finding(RULES.topologyMtu, i.at('.mtu'), `MTU ${describe(mtu)} of "${i.name ?? '?'}" is not an integer ${MTU_MIN}-${MTU_MAX}`, 'use e.g. 1500 or 9000'));
}

/** A bond option as a non-negative integer (nmstate takes numbers or numeric strings); null when malformed. */
function optionInt(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? v : null;
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v.trim());
  return null;
}

/** An option value for messages: numbers and numeric strings bare, anything else quoted. */
function shown(v: unknown): string {
  return typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) ? String(v) : describe(v);
}

function checkBond(i: Iface, out: Finding[]): void {
  const la = i.obj['link-aggregation'];
  const laField = '.link-aggregation';
  if (!isPlainObject(la)) {
    out.push(finding(RULES.bondMode, i.at(laField), la === undefined || la === null ? 'the bond has no link-aggregation (mode and port)' : `${describe(la)} is not an object`,
      'give link-aggregation: {mode: 802.3ad, port: [ens224, ens256]} (or another of the 7 modes)'));
    return;
  }

  // Mode.
  let mode: string | undefined;
  if (la.mode === undefined || la.mode === null) {
    out.push(finding(RULES.bondMode, i.at(`${laField}.mode`), 'the bond has no mode (nmstate requires it)',
      `set mode to one of ${NMSTATE_BOND_MODES.join(', ')}`));
  } else if (typeof la.mode === 'string' && NMSTATE_BOND_MODES.includes(la.mode)) {
    mode = la.mode;
  } else {
    const n = typeof la.mode === 'number' || (typeof la.mode === 'string' && /^\d$/.test(la.mode)) ? Number(la.mode) : -1;
    out.push(finding(RULES.bondMode, i.at(`${laField}.mode`), `mode ${describe(la.mode)} is not a bonding mode`,
      n >= 0 && n < NMSTATE_BOND_MODES.length ? `write the name of mode ${n}: "${NMSTATE_BOND_MODES[n]}"` : `use one of ${NMSTATE_BOND_MODES.join(', ')}`));
  }

  // Ports: `port` (or nmstate 2.2's ports-config), `slaves` being the deprecated spelling.
  let ports: unknown = la.port;
  let portKey = 'port';
  if (la.slaves !== undefined) {
    if (la.port !== undefined) {
      out.push(finding(RULES.topologyBondMembers, i.at(`${laField}.slaves`), 'the bond lists both port and the deprecated slaves',
        'keep port only (slaves is its old name)'));
    } else {
      out.push(finding(RULES.bondSlaves, i.at(`${laField}.slaves`), 'slaves is the deprecated name of port', 'use port'));
      ports = la.slaves;
      portKey = 'slaves';
    }
  } else if (ports === undefined && Array.isArray(la['ports-config'])) {
    ports = la['ports-config'].map((p: unknown) => (isPlainObject(p) ? p.name : p));
    portKey = 'ports-config';
  }
  const portField = `${laField}.${portKey}`;
  const portNames: string[] = [];
  if (ports === undefined || ports === null || (Array.isArray(ports) && ports.length === 0)) {
    out.push(finding(RULES.topologyBondMembers, i.at(portField), 'the bond has no port (member NIC)', 'list the host NICs to bond under port, e.g. [ens224, ens256]'));
  } else if (!Array.isArray(ports)) {
    out.push(finding(RULES.topologyBondMembers, i.at(portField), `${describe(ports)} is not a list`, 'list the host NICs to bond under port, e.g. [ens224, ens256]'));
  } else {
    const seen = new Map<string, number>();
    ports.forEach((p: unknown, k: number) => {
      const f = portKey === 'ports-config' ? `${portField}[${k}].name` : `${portField}[${k}]`;
      if (typeof p !== 'string') {
        out.push(finding(RULES.topologyInterfaceName, i.at(f), `port ${describe(p)} is not a string`, 'name the NIC as the nodes do (ip link), e.g. "ens224"'));
        return;
      }
      portNames.push(p);
      const problem = checkInterfaceName(p);
      if (problem) out.push(finding(RULES.topologyInterfaceName, i.at(f), `port "${p}" ${problem}`, 'name the NIC exactly as the nodes do (ip link), e.g. "ens224"'));
      const first = seen.get(p);
      if (first !== undefined) {
        const firstField = portKey === 'ports-config' ? `${portField}[${first}].name` : `${portField}[${first}]`;
        out.push(finding(RULES.topologyBondMembers, i.at(f), `port "${p}" is already ${i.at(firstField)}`, 'list each NIC once'));
      } else {
        seen.set(p, k);
      }
      if (p === i.name) out.push(finding(RULES.topologyBondMembers, i.at(f), `port "${p}" is the bond itself`, 'list the physical NICs the bond aggregates'));
    });
  }

  // Options against the mode.
  const opts = la.options;
  const optField = `${laField}.options`;
  if (opts === undefined || opts === null) return;
  if (!isPlainObject(opts)) {
    out.push(finding(RULES.topologyBondOptions, i.at(optField), `${describe(opts)} is not an object`, 'write options as key: value pairs, e.g. {miimon: "100"}'));
    return;
  }
  const has = (k: string) => opts[k] !== undefined && opts[k] !== null;
  let miimon = 0;
  let arpInterval = 0;
  for (const key of ['miimon', 'arp_interval']) {
    if (!has(key)) continue;
    const n = optionInt(opts[key]);
    if (n === null) {
      out.push(finding(RULES.topologyBondOptions, i.at(`${optField}.${key}`), `${key} ${shown(opts[key])} is not a non-negative integer`,
        'give the interval in milliseconds, e.g. "100"'));
    } else if (key === 'miimon') {
      miimon = n;
    } else {
      arpInterval = n;
    }
  }
  if (miimon > 0 && arpInterval > 0) {
    out.push(finding(RULES.topologyBondMonitor, i.at(optField), `miimon ${miimon} and arp_interval ${arpInterval} are both set`,
      'keep one link monitor: miimon (usual with LACP) or arp_interval with arp_ip_target'));
  }
  if (arpInterval > 0 && mode !== undefined && NO_ARP_MODES.includes(mode)) {
    out.push(finding(RULES.topologyBondOptions, i.at(`${optField}.arp_interval`), `ARP monitoring does not work with bond mode ${mode}`, 'use miimon instead'));
  }
  const targets = has('arp_ip_target') ? arpTargets(opts.arp_ip_target) : [];
  if (arpInterval > 0 && targets.length === 0) {
    out.push(finding(RULES.topologyBondOptions, i.at(`${optField}.arp_ip_target`), `arp_interval ${arpInterval} is set but there is no ARP target`,
      'list the IPv4 addresses to probe in arp_ip_target (e.g. the gateway), or use miimon'));
  }
  for (const t of targets) {
    if (IpAddress.tryParse(t)?.family !== 4) {
      out.push(finding(RULES.topologyBondOptions, i.at(`${optField}.arp_ip_target`), `ARP target "${t}" is not an IPv4 address`, 'give plain IPv4 addresses, comma-separated'));
    }
  }
  if (has('lacp_rate')) {
    if (!LACP_RATES.includes(asText(opts.lacp_rate))) {
      out.push(finding(RULES.topologyBondOptions, i.at(`${optField}.lacp_rate`), `lacp_rate ${describe(opts.lacp_rate)} is not slow or fast`, 'use "fast" (or "slow", the default)'));
    } else if (mode !== undefined && mode !== '802.3ad') {
      out.push(finding(RULES.topologyBondOptions, i.at(`${optField}.lacp_rate`), `lacp_rate "${opts.lacp_rate}" only applies to mode 802.3ad, not ${mode}`,
        'remove lacp_rate or use mode 802.3ad'));
    }
  }
  if (has('xmit_hash_policy')) {
    if (!XMIT_HASH_POLICIES.includes(asText(opts.xmit_hash_policy))) {
      out.push(finding(RULES.topologyBondOptions, i.at(`${optField}.xmit_hash_policy`), `xmit_hash_policy ${describe(opts.xmit_hash_policy)} is not a transmit hash policy`,
        `use one of ${XMIT_HASH_POLICIES.filter(p => !/^\d$/.test(p)).join(', ')}`));
    } else if (mode !== undefined && !XMIT_HASH_MODES.includes(mode)) {
      out.push(finding(RULES.topologyBondOptions, i.at(`${optField}.xmit_hash_policy`),
        `xmit_hash_policy "${opts.xmit_hash_policy}" only applies to modes ${XMIT_HASH_MODES.join(', ')}, not ${mode}`,
        'remove xmit_hash_policy or pick one of those modes'));
    }
  }
  if (has('primary')) {
    const primary = asText(opts.primary);
    if (mode !== undefined && !PRIMARY_MODES.includes(mode)) {
      out.push(finding(RULES.topologyBondOptions, i.at(`${optField}.primary`), `primary "${primary}" only applies to modes ${PRIMARY_MODES.join(', ')}, not ${mode}`,
        'remove primary or use mode active-backup'));
    }
    if (Array.isArray(ports) && !portNames.includes(primary)) {
      out.push(finding(RULES.topologyBondOptions, i.at(`${optField}.primary`), `primary "${primary}" is not a port of the bond (${portNames.join(', ')})`,
        'name one of the ports'));
    }
  }
}

/** A scalar as text; anything else as its rendering (String() throws on an object whose toString is data). */
function asText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : describe(v);
}

/** arp_ip_target as nmstate takes it: a comma-separated string (or, leniently, a list). */
function arpTargets(v: unknown): string[] {
  const parts = Array.isArray(v) ? v.map(x => asText(x)) : asText(v).split(',');
  return parts.map(s => s.trim()).filter(s => s.length > 0);
}

function checkVlan(i: Iface, byName: Map<string, Iface>, seen: Map<string, Map<number, Iface>>, out: Finding[]): void {
  const vlan = i.obj.vlan;
  const vf = '.vlan';
  if (!isPlainObject(vlan)) {
    out.push(finding(RULES.topologyVlanId, i.at(vf), vlan === undefined || vlan === null ? 'the VLAN interface has no vlan section (id and base-iface)' : `${describe(vlan)} is not an object`,
      'give vlan: {base-iface: bond0, id: 100}'));
    return;
  }
  const id = vlan.id;
  const idOk = Number.isInteger(id) && id >= 1 && id <= 4094;
  if (id === undefined || id === null) {
    out.push(finding(RULES.topologyVlanId, i.at(`${vf}.id`), 'the VLAN has no id', 'give the 802.1Q VLAN id, 1-4094'));
  } else if (!idOk) {
    out.push(finding(RULES.topologyVlanId, i.at(`${vf}.id`), `VLAN id ${describe(id)} is not an integer 1-4094`, 'use 1-4094 (0 only tags priority, 4095 is reserved)'));
  }

  const base = vlan['base-iface'];
  let baseOk = false;
  if (base === undefined || base === null || base === '') {
    out.push(finding(RULES.vlanBaseIface, i.at(`${vf}.base-iface`), 'the VLAN has no base-iface', 'name the interface that carries the VLAN, e.g. base-iface: bond0'));
  } else if (typeof base !== 'string') {
    out.push(finding(RULES.vlanBaseIface, i.at(`${vf}.base-iface`), `base-iface ${describe(base)} is not an interface name`, 'name the interface that carries the VLAN, e.g. base-iface: bond0'));
  } else {
    const def = byName.get(base);
    if (def?.absent) {
      out.push(finding(RULES.vlanBaseIface, i.at(`${vf}.base-iface`), `base-iface "${base}" is removed by this policy (${def.at('')} has state: absent)`,
        `remove this VLAN too (state: absent), or keep "${base}" (state: up)`));
    } else if (!def) {
      const problem = checkInterfaceName(base);
      if (problem) {
        out.push(finding(RULES.topologyInterfaceName, i.at(`${vf}.base-iface`), `base-iface "${base}" ${problem}`, 'name the interface exactly as the nodes do (ip link)'));
      } else {
        baseOk = true;
      }
    } else {
      baseOk = true;
      // VLAN MTU against the base interface's, when both are known.
      if (isValidMtu(i.obj.mtu) && isValidMtu(def.obj.mtu) && i.obj.mtu > def.obj.mtu) {
        out.push(finding(RULES.topologyMtu, i.at('.mtu'), `MTU ${i.obj.mtu} of "${i.name ?? '?'}" exceeds the MTU ${def.obj.mtu} of its base interface "${base}"`,
          `lower the VLAN MTU to at most ${def.obj.mtu} or raise the MTU of "${base}" (and the switch trunk MTU)`));
      }
    }
  }

  if (idOk && baseOk) {
    let ids = seen.get(base);
    if (!ids) seen.set(base, (ids = new Map()));
    const first = ids.get(id);
    if (first) {
      out.push(finding(RULES.topologyVlanId, i.at(`${vf}.id`), `VLAN ${id} on base-iface "${base}" is already ${first.at('')}${first.name !== i.name ? ` ("${first.name}")` : ''}`,
        'give each VLAN once: one interface per VLAN id and base interface'));
    } else {
      ids.set(id, i);
    }
  }

  if (vlan['reorder-headers'] === false) {
    out.push(finding(RULES.vlanReorderHeaders, i.at(`${vf}.reorder-headers`), 'reorder-headers is false, so frames of this VLAN keep their tag on the way up the stack',
      'set reorder-headers: true (the default): macvlan pods on this VLAN can lose traffic to pods on the same host otherwise'));
  }
}
