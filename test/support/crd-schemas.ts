/**
 * Validates synthesized objects against the real upstream CRD schemas (Spiderpool, Multus NAD, nmstate).
 *
 * The CRDs are vendored unmodified in `crds/` (provenance in each folder's SOURCE.txt; refresh them with
 * `npx projen crds:refresh [DIR]`); set CDK8S_MACVLAN_CRDS to validate against another folder. ajv is a
 * devDependency: it is the independent check, the library's own schema rule is generated from the same files.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import * as YAML from 'yaml';

export const CRDS_DIR = path.resolve(process.env.CDK8S_MACVLAN_CRDS ?? path.join(__dirname, '..', '..', 'crds'));

interface Loaded { validators: Map<string, ValidateFunction>; files: string[] }
let loaded: Loaded | undefined;

function listYaml(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listYaml(p));
    else if (/\.ya?ml$/.test(entry.name)) out.push(p);
  }
  return out.sort();
}

/** Loads and compiles every served version of every CRD under CRDS_DIR (once per process). */
export function loadCrds(): Loaded {
  if (loaded) return loaded;
  if (!fs.existsSync(CRDS_DIR)) {
    throw new Error(`CRD directory ${CRDS_DIR} does not exist. `
      + 'Fix: restore crds/ (git checkout crds), or set CDK8S_MACVLAN_CRDS to the folder holding the CRD YAML files.');
  }
  // Kubernetes structural schemas carry x-kubernetes-* keywords and int32/int64 formats: tolerate them.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const validators = new Map<string, ValidateFunction>();
  const files = listYaml(CRDS_DIR);
  for (const file of files) {
    for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const crd = doc.toJS();
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      const group = crd.spec.group;
      const kind = crd.spec.names.kind;
      for (const version of crd.spec.versions ?? []) {
        const schema = version.schema?.openAPIV3Schema;
        if (!schema || version.served === false) continue;
        validators.set(`${group}/${version.name}/${kind}`, ajv.compile(schema));
      }
    }
  }
  if (validators.size === 0) throw new Error(`no CustomResourceDefinition found under ${CRDS_DIR}`);
  loaded = { validators, files };
  return loaded;
}

/** The CRD keys (`group/version/Kind`) known. */
export function knownKinds(): string[] {
  return [...loadCrds().validators.keys()].sort();
}

/** Returns schema errors for one object, or throws if its kind has no CRD (so nothing goes unchecked). */
export function schemaErrors(obj: any): string[] {
  const key = `${obj.apiVersion}/${obj.kind}`;
  const validate = loadCrds().validators.get(key);
  if (!validate) throw new Error(`no CRD schema for ${key} under ${CRDS_DIR}`);
  if (validate(obj)) return [];
  return (validate.errors ?? []).map(e => `${obj.kind} ${obj.metadata?.name}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** True for objects whose API group is served by one of the upstream CRDs. */
export function isCustomResource(obj: any): boolean {
  return /^(spiderpool\.spidernet\.io|k8s\.cni\.cncf\.io|nmstate\.io)\//.test(obj?.apiVersion ?? '');
}

/** Validates every custom resource among `objects`; returns all errors and the number of objects checked. */
export function validateCustomResources(objects: readonly any[]): { checked: number; errors: string[] } {
  let checked = 0;
  const errors: string[] = [];
  for (const obj of objects) {
    if (!isCustomResource(obj)) continue;
    checked++;
    errors.push(...schemaErrors(obj));
  }
  return { checked, errors };
}
