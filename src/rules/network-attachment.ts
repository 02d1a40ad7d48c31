import { checkDns1123Label, checkInterfaceName } from '../net';
import { Finding, RULES, finding } from './catalog';

/** The plain shape of a NetworkAttachmentDefinition manifest that the rules read. */
export interface PlainNad {
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  readonly spec?: { readonly config?: string };
}

const MACVLAN_MODES = ['bridge', 'private', 'vepa', 'passthru'];

/** What the rules learn from a NAD's config. */
export interface ParsedNad {
  readonly ref: string;
  /** The config's plugin list (a single-plugin config becomes a list of one). */
  readonly plugins: ReadonlyArray<Record<string, any>>;
}

/**
 * Checks a NAD: its name (a DNS-1123 label, so the short annotation form works), that `spec.config` is
 * JSON whose `name` is the NAD's name, and the macvlan plugin's `master`, `mode` and `mtu`.
 */
export function checkNetworkAttachmentDefinition(nad: PlainNad): { findings: Finding[]; parsed?: ParsedNad } {
  const out: Finding[] = [];
  const name = nad.metadata?.name ?? '';
  const namespace = nad.metadata?.namespace ?? 'default';
  const nameProblem = checkDns1123Label(name);
  if (nameProblem) {
    out.push(finding(RULES.nadName, 'metadata.name', `"${name}" ${nameProblem}`,
      'use lower-case letters, digits and "-" only, at most 63 characters (dots break the short annotation form)'));
  }
  const nsProblem = checkDns1123Label(namespace);
  if (nsProblem) {
    out.push(finding(RULES.networkName, 'metadata.namespace', `"${namespace}" ${nsProblem}`, 'use an existing namespace name'));
  }

  let config: any;
  try {
    config = JSON.parse(nad.spec?.config ?? '');
  } catch (e) {
    out.push(finding(RULES.nadConfig, 'spec.config', `is not valid JSON (${(e as Error).message})`, 'write spec.config as a JSON object'));
    return { findings: out };
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    out.push(finding(RULES.nadConfig, 'spec.config', 'is not a JSON object', 'write a CNI config object or plugin list'));
    return { findings: out };
  }
  if (config.name !== undefined && config.name !== name) {
    out.push(finding(RULES.nadConfig, 'spec.config.name', `config name "${config.name}" differs from the NAD name "${name}"`,
      `set the config's "name" to "${name}"`));
  }
  const plugins: Array<Record<string, any>> = Array.isArray(config.plugins) ? config.plugins : [config];
  plugins.forEach((plugin, i) => {
    if (plugin?.type !== 'macvlan') return;
    const field = Array.isArray(config.plugins) ? `spec.config.plugins[${i}]` : 'spec.config';
    if (plugin.master !== undefined) {
      const problem = typeof plugin.master === 'string' ? checkInterfaceName(plugin.master) : 'is not a string';
      if (problem) {
        out.push(finding(RULES.macvlanMaster, `${field}.master`, `master "${String(plugin.master)}" ${problem}`,
          'name the host interface exactly as it exists on every node (at most 15 bytes, e.g. "bond0.100")'));
      }
    }
    if (plugin.mode !== undefined && !MACVLAN_MODES.includes(plugin.mode)) {
      out.push(finding(RULES.macvlanMode, `${field}.mode`, `mode "${String(plugin.mode)}" is not a macvlan mode`,
        `use one of ${MACVLAN_MODES.join(', ')} (lower case)`));
    }
    if (plugin.mtu !== undefined && !(Number.isInteger(plugin.mtu) && plugin.mtu >= 0)) {
      out.push(finding(RULES.macvlanMtu, `${field}.mtu`, `mtu ${JSON.stringify(plugin.mtu)} is not a non-negative integer`,
        'use 0 (inherit the master\'s MTU) or a positive MTU no larger than the master\'s'));
    }
  });
  return { findings: out, parsed: { ref: `${namespace}/${name}`, plugins } };
}
