import { Finding, RULES, finding } from './catalog';
import { describe, isPlainObject } from './ip-pool';
import { NetworkInfo, checkCoordinatorOptions, checkNetworkObjectName, classifyNetwork } from './network-attachment';
import { ifacerMaster } from '../cni/spider-multus-config';
import { checkDns1123Subdomain, checkInterfaceName } from '../net/names';

/** The plain shape of a SpiderMultusConfig manifest that the rules read. */
export interface PlainSpiderMultusConfig {
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly annotations?: { readonly [key: string]: string } };
  readonly spec?: { readonly [key: string]: any };
}

/** Annotation that renames the generated NAD. */
export const SMC_CR_NAME_ANNOTATION = 'multus.spidernet.io/cr-name';

/** CNI blocks a SpiderMultusConfig may carry; only the one matching `cniType` may be present. */
const CNI_BLOCKS = ['macvlan', 'ipvlan', 'vlan', 'sriov', 'ovs', 'ibsriov', 'ipoib'];
/** The spec block of each cniType. */
const CNI_BLOCK_OF: { readonly [cniType: string]: string } = {
  'macvlan': 'macvlan', 'ipvlan': 'ipvlan', 'vlan': 'vlan', 'sriov': 'sriov', 'ovs': 'ovs', 'ib-sriov': 'ibsriov', 'ipoib': 'ipoib',
};
/** CNI versions Spiderpool generates configs for (multus.spidernet.io/cni-version). */
export const SMC_CNI_VERSIONS = ['0.3.0', '0.3.1', '0.4.0', '1.0.0'];
export const SMC_CNI_VERSION_ANNOTATION = 'multus.spidernet.io/cni-version';
const RDMA_INJECT = 'cni.spidernet.io/rdma-resource-inject';
const NETWORK_INJECT = 'cni.spidernet.io/network-resource-inject';

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
  checkNetworkObjectName(name, nameField, 'the name of the generated NetworkAttachmentDefinition', out);
  if (nameField !== 'metadata.name' && typeof meta.name === 'string') {
    const problem = checkDns1123Subdomain(meta.name);
    if (problem) out.push(finding(RULES.nadName, 'metadata.name', `"${meta.name}" ${problem}, so the API server refuses it`, 'use lower-case letters, digits, "-" and "."'));
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

  // cniType: the CRD defaults an omitted cniType to "custom" (the CRD enum itself is checked with the schema).
  const cniType: unknown = spec.cniType === undefined || spec.cniType === null ? 'custom' : spec.cniType;
  const blockKey = typeof cniType === 'string' ? CNI_BLOCK_OF[cniType] : undefined;
  const present = CNI_BLOCKS.filter(b => spec[b] !== undefined && spec[b] !== null);
  const hasCustom = spec.customCNI !== undefined && spec.customCNI !== null;
  const omitted = spec.cniType === undefined || spec.cniType === null;
  if (cniType === 'custom') {
    for (const other of present) {
      out.push(finding(RULES.smcCniBlocks, `spec.${other}`,
        `${omitted ? 'cniType is not set, so the CRD defaults it to "custom", and' : 'cniType is "custom", and'} Spiderpool's webhook refuses a custom SpiderMultusConfig with a ${other} block`,
        omitted ? `set cniType: ${other === 'ibsriov' ? 'ib-sriov' : other}` : `remove spec.${other}, or set cniType: ${other === 'ibsriov' ? 'ib-sriov' : other}`));
    }
    if (typeof spec.customCNI === 'string' && spec.customCNI !== '' && !isJson(spec.customCNI)) {
      out.push(finding(RULES.smcCniBlocks, 'spec.customCNI', 'customCNI is not valid JSON, so Spiderpool\'s webhook refuses it',
        'write the whole CNI config as a JSON string'));
    }
  } else if (blockKey !== undefined) {
    for (const other of present.filter(b => b !== blockKey)) {
      out.push(finding(RULES.smcCniBlocks, `spec.${other}`, `a cniType ${cniType} SpiderMultusConfig also carries a ${other} block, which Spiderpool's webhook refuses`,
        `remove spec.${other} (or make a separate SpiderMultusConfig with cniType matching it)`));
    }
    if (hasCustom) {
      out.push(finding(RULES.smcCniBlocks, 'spec.customCNI', `a cniType ${cniType} SpiderMultusConfig also carries customCNI, which Spiderpool's webhook refuses`,
        'remove spec.customCNI (or set cniType: custom and drop the other block)'));
    }
    if (!present.includes(blockKey)) {
      out.push(finding(RULES.smcCniBlocks, `spec.${blockKey}`, `cniType is ${cniType} but spec.${blockKey} is missing, so Spiderpool's webhook refuses it`,
        present.length > 0 ? `move the settings of spec.${present[0]} to spec.${blockKey}, or set cniType to match spec.${present[0]}` : `add spec.${blockKey} with master: ["<host interface>"]`));
    }
  }
  const block: Record<string, any> | undefined = blockKey !== undefined && isPlainObject(spec[blockKey]) ? spec[blockKey] : undefined;
  if (blockKey !== undefined && spec[blockKey] !== undefined && spec[blockKey] !== null && !block) {
    out.push(finding(RULES.smcCniBlocks, `spec.${blockKey}`, `spec.${blockKey} is not an object`, `write spec.${blockKey} as a mapping with master: ["<host interface>"]`));
  }
  const vlanLike = blockKey === 'macvlan' || blockKey === 'ipvlan' || blockKey === 'vlan';
  const cniTypeText = typeof cniType === 'string' ? cniType : describe(cniType);
  if (block && vlanLike) checkVlanLikeBlock(block, `spec.${blockKey}`, cniTypeText, out);
  checkSmcAnnotations(annotations, block, blockKey, cniTypeText, out);
  const ippools = block && isPlainObject(block.ippools) ? block.ippools : {};

  // coordinator (a custom SpiderMultusConfig gets none: Spiderpool's mutating webhook drops it)
  const enableCoordinator = spec.enableCoordinator !== false && cniType !== 'custom';
  const coordinator = isPlainObject(spec.coordinator) ? spec.coordinator : {};
  if (spec.coordinator !== undefined && spec.coordinator !== null && !isPlainObject(spec.coordinator)) {
    out.push(finding(RULES.coordinatorOptions, 'spec.coordinator', `${describe(spec.coordinator)} is not an object`, 'write coordinator as a mapping'));
  }
  if (cniType !== 'custom') checkCoordinatorOptions(coordinator, 'spec.coordinator', 'smc', out);
  if (enableCoordinator && spec.disableIPAM === true) {
    out.push(finding(RULES.coordinatorWithoutIpam, 'spec.enableCoordinator',
      'disableIPAM leaves the NIC without an address, and the coordinator (enabled by default) needs it to tell the NIC\'s IP family ("no usable IP addresses"), so the pod never starts (upstream accepts the SpiderMultusConfig)',
      'set enableCoordinator: false for a layer-2-only network, or drop disableIPAM'));
  }

  const mode = enableCoordinator ? (coordinator.mode ?? 'auto') : undefined;
  const chains = (t: string) => chain.some(p => p.type === t);
  const macvlan = blockKey === 'macvlan' ? block : undefined;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    findings: out,
    network: {
      ref: `${namespace}/${name}`,
      source: 'SpiderMultusConfig',
      kind: classifyNetwork(mode, chains('veth'), chains('router')),
      macvlan: macvlan !== undefined,
      master: macvlan ? ifacerMaster(strings(macvlan.master), typeof macvlan.vlanID === 'number' ? macvlan.vlanID : undefined,
        typeof macvlan.bond?.name === 'string' ? macvlan.bond.name : undefined) : undefined,
      mode: macvlan ? 'bridge' : undefined,
      // a custom config names its own IPAM
      spiderpool: spec.disableIPAM !== true && cniType !== 'custom',
      routeHelper: enableCoordinator || chains('veth') || chains('router'),
      ipv4Pools: strings(ippools.ipv4),
      ipv6Pools: strings(ippools.ipv6),
    },
  };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** master, bond, vlanID, mtu and ippools of a macvlan, ipvlan or vlan block, as Spiderpool's webhook and CRD check them. */
function checkVlanLikeBlock(block: Record<string, any>, at: string, cniType: string, out: Finding[]): void {
  const masters = block.master;
  if (!Array.isArray(masters) || masters.length === 0) {
    out.push(finding(RULES.smcMaster, `${at}.master`, masters === undefined ? 'master is missing' : `master ${describe(masters)} is not a non-empty list`,
      'write master: ["bond0"] (a list, even for one interface)'));
  } else {
    masters.forEach((m: unknown, i: number) => {
      if (m === '') {
        out.push(finding(RULES.macvlanMasterEmpty, `${at}.master[${i}]`, 'master is empty, so the plugin uses the node\'s default-route interface (upstream accepts it)',
          'name the host interface the network belongs on, e.g. "bond0"'));
        return;
      }
      const problem = typeof m === 'string' ? checkInterfaceName(m) : 'is not a string';
      if (problem) {
        out.push(finding(RULES.macvlanMaster, `${at}.master[${i}]`, `master ${describe(m)} ${problem}`,
          'name the host interface exactly as it exists on every node (at most 15 bytes)'));
      }
    });
    if (masters.length > 1 && !isPlainObject(block.bond)) {
      out.push(finding(RULES.smcMaster, `${at}.master`, `${masters.length} masters are listed but there is no bond to join them (Spiderpool's webhook refuses it)`,
        `add ${at}.bond {name: bond0, mode: 1} or list a single master`));
    }
  }
  if (block.bond !== undefined && block.bond !== null) {
    const bond = block.bond;
    if (!isPlainObject(bond)) {
      out.push(finding(RULES.smcBond, `${at}.bond`, `${describe(bond)} is not an object`, 'write bond: {name: bond0, mode: 1}'));
    } else {
      const needsName = Array.isArray(masters) && masters.length > 1;
      const problem = typeof bond.name !== 'string' ? 'is missing' : bond.name === '' ? (needsName ? 'is empty' : undefined) : checkInterfaceName(bond.name);
      if (problem) {
        out.push(finding(RULES.smcBond, `${at}.bond.name`, `bond name ${describe(bond.name)} ${problem}`, 'name the bond, e.g. "bond0" (at most 15 bytes)'));
      }
      if (!(Number.isInteger(bond.mode) && bond.mode >= 0 && bond.mode <= 6)) {
        out.push(finding(RULES.smcBond, `${at}.bond.mode`, `bond mode ${describe(bond.mode)} is not an integer 0-6`,
          'use the kernel bonding mode number: 0 balance-rr, 1 active-backup, 2 balance-xor, 3 broadcast, 4 802.3ad, 5 balance-tlb, 6 balance-alb'));
      }
      if (bond.options !== undefined && (typeof bond.options !== 'string' || !bond.options.split(';').every((kv: string) => kv === '' || /^[^=;\s]+=[^=;\s]+$/.test(kv)))) {
        out.push(finding(RULES.smcBond, `${at}.bond.options`, `bond options ${describe(bond.options)} are not "key=value;key=value" (upstream accepts them, ifacer fails to apply them when the pod starts)`,
          'write options like "miimon=100;primary=ens224"'));
      }
    }
  }
  if (block.vlanID !== undefined && !(Number.isInteger(block.vlanID) && block.vlanID >= 0 && block.vlanID <= 4094)) {
    out.push(finding(RULES.smcVlanId, `${at}.vlanID`, `vlanID ${describe(block.vlanID)} is not an integer 0-4094`,
      'use 0 (no VLAN) or a VLAN id 1-4094'));
  }
  if (block.mtu !== undefined && !(Number.isInteger(block.mtu) && block.mtu >= 0)) {
    out.push(finding(RULES.macvlanMtu, `${at}.mtu`, `mtu ${describe(block.mtu)} is not a non-negative integer`,
      'use 0 (inherit the master\'s MTU) or a positive MTU no larger than the master\'s'));
  }
  const ippools = block.ippools;
  if (ippools !== undefined && ippools !== null && !isPlainObject(ippools)) {
    out.push(finding(RULES.ipamConfig, `${at}.ippools`, `${describe(ippools)} is not an object`, 'write ippools: {ipv4: ["<pool>"], ipv6: ["<pool>"]}'));
  } else if (isPlainObject(ippools)) {
    for (const key of ['ipv4', 'ipv6']) {
      const v = ippools[key];
      if (v !== undefined && v !== null && !(Array.isArray(v) && v.every(x => typeof x === 'string' && x.length > 0))) {
        out.push(finding(RULES.ipamConfig, `${at}.ippools.${key}`, `${describe(v)} is not a list of pool names`, `write ${key}: ["<pool name>"]`));
      }
    }
    if (ippools.matchMasterSubnet === true) {
      out.push(finding(RULES.smcMatchMasterSubnet, `${at}.ippools.matchMasterSubnet`, `Spiderpool's webhook refuses matchMasterSubnet for ${cniType} ("MatchMasterSubnet feature is not supported")`,
        'remove matchMasterSubnet and list the pools in ipv4/ipv6'));
    }
  }
}

/** The multus.spidernet.io and cni.spidernet.io annotations Spiderpool's webhook reads. */
function checkSmcAnnotations(annotations: Record<string, any>, block: Record<string, any> | undefined, blockKey: string | undefined, cniType: string,
  out: Finding[]): void {
  const at = (k: string) => `metadata.annotations[${k}]`;
  const version = annotations[SMC_CNI_VERSION_ANNOTATION];
  if (version !== undefined && !SMC_CNI_VERSIONS.includes(version)) {
    out.push(finding(RULES.smcAnnotations, at(SMC_CNI_VERSION_ANNOTATION), `cni-version ${describe(version)} is not one Spiderpool supports, so its webhook refuses the SpiderMultusConfig`,
      `use one of ${SMC_CNI_VERSIONS.join(', ')}`));
  }
  const crName = annotations[SMC_CR_NAME_ANNOTATION];
  if (typeof crName === 'string' && crName.length > 0) {
    const problem = checkDns1123Subdomain(crName);
    if (problem) {
      out.push(finding(RULES.smcAnnotations, at(SMC_CR_NAME_ANNOTATION), `"${crName}" ${problem}, so Spiderpool's webhook refuses it as the generated NAD's name`,
        'use lower-case letters, digits, "-" and "."'));
    }
  }
  const rdma = annotations[RDMA_INJECT] !== undefined;
  const network = annotations[NETWORK_INJECT] !== undefined;
  if (!rdma && !network) return;
  const which = rdma ? RDMA_INJECT : NETWORK_INJECT;
  if (cniType === 'custom' || cniType === 'ovs') {
    out.push(finding(RULES.smcAnnotations, at(which), `Spiderpool's webhook refuses resource injection for cniType ${cniType}`,
      `remove ${which}, or use cniType macvlan, ipvlan, sriov, ib-sriov or ipoib`));
    return;
  }
  if (!block) return;
  const resource = blockKey === 'sriov' || blockKey === 'ibsriov' ? block.resourceName : blockKey === 'ipoib' ? block.master : block.rdmaResourceName;
  const resourceField = blockKey === 'sriov' || blockKey === 'ibsriov' ? 'resourceName' : blockKey === 'ipoib' ? 'master' : 'rdmaResourceName';
  const pools = isPlainObject(block.ippools) ? block.ippools : {};
  const poolCount = (Array.isArray(pools.ipv4) ? pools.ipv4.length : 0) + (Array.isArray(pools.ipv6) ? pools.ipv6.length : 0);
  const hasResource = typeof resource === 'string' && resource.length > 0;
  if (rdma && !hasResource) {
    out.push(finding(RULES.smcAnnotations, `spec.${blockKey}.${resourceField}`, `${RDMA_INJECT} is set but ${resourceField} is empty, so Spiderpool's webhook refuses it`,
      `set spec.${blockKey}.${resourceField} to the device plugin's resource (e.g. "spidernet.io/rdma")`));
  } else if ((rdma || hasResource) && poolCount === 0) {
    out.push(finding(RULES.smcAnnotations, `spec.${blockKey}.ippools`, `${which} is set but no ippools are configured, so Spiderpool's webhook refuses it`,
      `list the pools in spec.${blockKey}.ippools.ipv4/ipv6`));
  }
}
