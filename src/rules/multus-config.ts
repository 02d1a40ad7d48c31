import { checkDns1123Label, checkInterfaceName } from '../net';
import { Finding, RULES, finding } from './catalog';
import { describe, isPlainObject } from './ip-pool';
import { NetworkInfo, checkCoordinatorOptions, classifyNetwork } from './network-attachment';
import { ifacerMaster } from '../cni/spider-multus-config';

/** The plain shape of a SpiderMultusConfig manifest that the rules read. */
export interface PlainSpiderMultusConfig {
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly annotations?: { readonly [key: string]: string } };
  readonly spec?: { readonly [key: string]: any };
}

/** Annotation that renames the generated NAD. */
export const SMC_CR_NAME_ANNOTATION = 'multus.spidernet.io/cr-name';

/** CNI blocks a SpiderMultusConfig may carry; only the one matching `cniType` may be present. */
const CNI_BLOCKS = ['macvlan', 'ipvlan', 'vlan', 'sriov', 'ovs', 'ibsriov', 'ipoib'];

/**
 * Checks a SpiderMultusConfig the way Spiderpool's webhook does for `cniType: macvlan` (other CNI types
 * only get the name and chain checks). Returns the network the controller would generate, so pod rules can
 * resolve references to it. Never throws.
 */
export function checkSpiderMultusConfig(smc: PlainSpiderMultusConfig): { findings: Finding[]; network?: NetworkInfo } {
  const out: Finding[] = [];
  const meta: Record<string, any> = isPlainObject(smc?.metadata) ? smc.metadata : {};
  const spec: Record<string, any> = isPlainObject(smc?.spec) ? smc.spec : {};
  const annotations: Record<string, any> = isPlainObject(meta.annotations) ? meta.annotations : {};
  const crName = annotations[SMC_CR_NAME_ANNOTATION];
  const name = typeof crName === 'string' && crName.length > 0 ? crName : typeof meta.name === 'string' ? meta.name : '';
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : 'default';
  const nameField = typeof crName === 'string' && crName.length > 0 ? `metadata.annotations[${SMC_CR_NAME_ANNOTATION}]` : 'metadata.name';
  const nameProblem = checkDns1123Label(name);
  if (nameProblem) {
    out.push(finding(RULES.nadName, nameField, `"${name}" (the name of the generated NetworkAttachmentDefinition) ${nameProblem}`,
      'use lower-case letters, digits and "-" only, at most 63 characters'));
  }

  // chainCNIJsonData: strings holding JSON objects with a type.
  const chain: Array<Record<string, any>> = [];
  if (spec.chainCNIJsonData !== undefined) {
    if (!Array.isArray(spec.chainCNIJsonData)) {
      out.push(finding(RULES.smcChainCni, 'spec.chainCNIJsonData', `${describe(spec.chainCNIJsonData)} is not a list`,
        'write chainCNIJsonData as a list of JSON strings, each one plugin config with a "type"'));
    } else {
      spec.chainCNIJsonData.forEach((entry: unknown, i: number) => {
        const field = `spec.chainCNIJsonData[${i}]`;
        let parsed: unknown = entry;
        if (typeof entry === 'string') {
          try {
            parsed = JSON.parse(entry);
          } catch (e) {
            out.push(finding(RULES.smcChainCni, field, `is not valid JSON (${(e as Error).message})`, 'write one plugin config as a JSON string, e.g. \'{"type":"tuning"}\''));
            return;
          }
        } else {
          out.push(finding(RULES.smcChainCni, field, `${describe(entry)} is not a string`, 'write the plugin config as a JSON string'));
          return;
        }
        if (!isPlainObject(parsed) || typeof parsed.type !== 'string' || parsed.type.length === 0) {
          out.push(finding(RULES.smcChainCni, field, 'the chained plugin config has no "type"', 'give every chained plugin a "type", e.g. {"type":"tuning", ...}'));
          return;
        }
        chain.push(parsed);
      });
    }
  }

  if (spec.cniType !== 'macvlan') {
    return { findings: out };
  }

  const others = CNI_BLOCKS.filter(b => b !== 'macvlan' && spec[b] !== undefined && spec[b] !== null);
  if (spec.customCNI !== undefined && spec.customCNI !== null) others.push('customCNI');
  for (const other of others) {
    out.push(finding(RULES.smcCniBlocks, `spec.${other}`, `a cniType macvlan SpiderMultusConfig also carries a ${other} block`,
      `remove spec.${other} (or make a separate SpiderMultusConfig with cniType matching it)`));
  }
  const macvlan = spec.macvlan;
  if (!isPlainObject(macvlan)) {
    out.push(finding(RULES.smcCniBlocks, 'spec.macvlan', macvlan === undefined || macvlan === null ? 'cniType is macvlan but spec.macvlan is missing' : 'spec.macvlan is not an object',
      'add spec.macvlan with master: ["<host interface>"]'));
    return { findings: out };
  }

  // master list and bond
  const masters = macvlan.master;
  if (!Array.isArray(masters) || masters.length === 0) {
    out.push(finding(RULES.smcMaster, 'spec.macvlan.master', masters === undefined ? 'master is missing' : `master ${describe(masters)} is not a non-empty list`,
      'write master: ["bond0"] (a list, even for one interface)'));
  } else {
    masters.forEach((m: unknown, i: number) => {
      const problem = typeof m === 'string' ? checkInterfaceName(m) : 'is not a string';
      if (problem) {
        out.push(finding(RULES.macvlanMaster, `spec.macvlan.master[${i}]`, `master ${describe(m)} ${problem}`,
          'name the host interface exactly as it exists on every node (at most 15 bytes)'));
      }
    });
    if (masters.length > 1 && !isPlainObject(macvlan.bond)) {
      out.push(finding(RULES.smcMaster, 'spec.macvlan.master', `${masters.length} masters are listed but there is no bond to join them`,
        'add spec.macvlan.bond {name: bond0, mode: 1} or list a single master'));
    }
  }
  if (macvlan.bond !== undefined && macvlan.bond !== null) {
    const bond = macvlan.bond;
    if (!isPlainObject(bond)) {
      out.push(finding(RULES.smcBond, 'spec.macvlan.bond', `${describe(bond)} is not an object`, 'write bond: {name: bond0, mode: 1}'));
    } else {
      const problem = typeof bond.name === 'string' ? checkInterfaceName(bond.name) : 'is missing';
      if (problem) {
        out.push(finding(RULES.smcBond, 'spec.macvlan.bond.name', `bond name ${describe(bond.name)} ${problem}`, 'name the bond, e.g. "bond0" (at most 15 bytes)'));
      }
      if (!(Number.isInteger(bond.mode) && bond.mode >= 0 && bond.mode <= 6)) {
        out.push(finding(RULES.smcBond, 'spec.macvlan.bond.mode', `bond mode ${describe(bond.mode)} is not an integer 0-6`,
          'use the kernel bonding mode number: 0 balance-rr, 1 active-backup, 2 balance-xor, 3 broadcast, 4 802.3ad, 5 balance-tlb, 6 balance-alb'));
      }
      if (bond.options !== undefined && (typeof bond.options !== 'string' || !bond.options.split(';').every((kv: string) => kv === '' || /^[^=;\s]+=[^=;\s]+$/.test(kv)))) {
        out.push(finding(RULES.smcBond, 'spec.macvlan.bond.options', `bond options ${describe(bond.options)} are not "key=value;key=value"`,
          'write options like "miimon=100;primary=ens224"'));
      }
    }
  }
  if (macvlan.vlanID !== undefined && !(Number.isInteger(macvlan.vlanID) && macvlan.vlanID >= 0 && macvlan.vlanID <= 4094)) {
    out.push(finding(RULES.smcVlanId, 'spec.macvlan.vlanID', `vlanID ${describe(macvlan.vlanID)} is not an integer 0-4094`,
      'use 0 (no VLAN) or a VLAN id 1-4094'));
  }
  if (macvlan.mtu !== undefined && !(Number.isInteger(macvlan.mtu) && macvlan.mtu >= 0)) {
    out.push(finding(RULES.macvlanMtu, 'spec.macvlan.mtu', `mtu ${describe(macvlan.mtu)} is not a non-negative integer`,
      'use 0 (inherit the master\'s MTU) or a positive MTU no larger than the master\'s'));
  }
  const ippools = isPlainObject(macvlan.ippools) ? macvlan.ippools : {};
  for (const key of ['ipv4', 'ipv6']) {
    const v = ippools[key];
    if (v !== undefined && !(Array.isArray(v) && v.every(x => typeof x === 'string' && x.length > 0))) {
      out.push(finding(RULES.ipamConfig, `spec.macvlan.ippools.${key}`, `${describe(v)} is not a list of pool names`, `write ${key}: ["<pool name>"]`));
    }
  }

  // coordinator
  const enableCoordinator = spec.enableCoordinator !== false;
  const coordinator = isPlainObject(spec.coordinator) ? spec.coordinator : {};
  if (spec.coordinator !== undefined && spec.coordinator !== null && !isPlainObject(spec.coordinator)) {
    out.push(finding(RULES.coordinatorOptions, 'spec.coordinator', `${describe(spec.coordinator)} is not an object`, 'write coordinator as a mapping'));
  }
  checkCoordinatorOptions(coordinator, 'spec.coordinator', 'smc', out);

  const mode = enableCoordinator ? (coordinator.mode ?? 'auto') : undefined;
  const chains = (t: string) => chain.some(p => p.type === t);
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    findings: out,
    network: {
      ref: `${namespace}/${name}`,
      source: 'SpiderMultusConfig',
      kind: classifyNetwork(mode, chains('veth'), chains('router')),
      macvlan: true,
      master: ifacerMaster(strings(macvlan?.master), typeof macvlan?.vlanID === 'number' ? macvlan.vlanID : undefined,
        typeof macvlan?.bond?.name === 'string' ? macvlan.bond.name : undefined),
      mode: 'bridge',
      spiderpool: spec.disableIPAM !== true,
      routeHelper: enableCoordinator || chains('veth') || chains('router'),
      ipv4Pools: strings(ippools.ipv4),
      ipv6Pools: strings(ippools.ipv6),
    },
  };
}
