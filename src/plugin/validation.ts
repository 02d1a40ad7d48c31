import * as fs from 'fs';
import * as YAML from 'yaml';
import { MacvlanError } from '../errors';
import { LintFinding, lintManifestSet } from '../rules';

/** Props of {@link MacvlanValidation}: `properties` of its entry in `cdk8s.yaml`. */
export interface MacvlanValidationProps {
  /**
   * Fail the validation on warnings too (rules of severity `warning`, e.g. MV071 host-local IPAM).
   * @default false
   */
  readonly failOnWarnings?: boolean;
  /**
   * Address capacity warning threshold (rule MV171), percent of a pool's addresses.
   * @default 90
   */
  readonly capacityWarnPercent?: number;
}

/**
 * A cdk8s CLI validation plugin: `cdk8s synth` runs the rules catalog (the rules of `cdk8s-macvlan lint`) over
 * every manifest the app synthesizes, including objects that are not this library's constructs, such as YAML
 * pulled in with `Include` or hand-written `ApiObject`s. In `cdk8s.yaml`:
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-macvlan
 *     version: 0.1.0
 *     class: MacvlanValidation
 * ```
 *
 * Each finding becomes a violation (rule id, message, fix, the object and the field); errors fail the synth.
 */
export class MacvlanValidation {
  private readonly failOnWarnings: boolean;
  private readonly capacityWarnPercent?: number;

  constructor(props: MacvlanValidationProps = {}) {
    if (props === null || typeof props !== 'object' || Array.isArray(props)) {
      throw new MacvlanError({
        field: 'properties',
        message: `the validation properties must be a map, got ${props === null ? 'null' : Array.isArray(props) ? 'a list' : typeof props}`,
        fix: 'give properties as a map in cdk8s.yaml (failOnWarnings, capacityWarnPercent), or leave them out',
      });
    }
    const known = ['failOnWarnings', 'capacityWarnPercent'];
    const unknown = Object.keys(props).filter(k => !known.includes(k));
    if (unknown.length > 0) {
      throw new MacvlanError({
        field: `properties.${unknown[0]}`, message: `unknown property "${unknown[0]}"`, fix: `use only ${known.join(', ')}`,
      });
    }
    if (props.failOnWarnings !== undefined && typeof props.failOnWarnings !== 'boolean') {
      throw new MacvlanError({
        field: 'properties.failOnWarnings', message: `failOnWarnings must be true or false, got ${JSON.stringify(props.failOnWarnings)}`, fix: 'write failOnWarnings: true (unquoted)',
      });
    }
    const pct = props.capacityWarnPercent;
    if (pct !== undefined && (typeof pct !== 'number' || !Number.isFinite(pct) || pct <= 0 || pct > 100)) {
      throw new MacvlanError({
        field: 'properties.capacityWarnPercent', message: `capacityWarnPercent must be a number above 0 and at most 100, got ${JSON.stringify(pct)}`, fix: 'write e.g. capacityWarnPercent: 80',
      });
    }
    this.failOnWarnings = props.failOnWarnings ?? false;
    this.capacityWarnPercent = pct;
  }

  /**
   * Called by the cdk8s CLI with its `ValidationContext` (`manifests`: the synthesized files; `report`: where
   * violations go). Every manifest is read and all of them are checked together, as `cdk8s-macvlan lint` does.
   * @param context the cdk8s CLI's validation context
   */
  public async validate(context: any): Promise<void> {
    const manifests: string[] = Array.isArray(context?.manifests) ? context.manifests : [];
    const objects: unknown[] = [];
    const origin: string[] = [];
    const problems: Array<{ manifest: string; message: string }> = [];
    for (const manifest of manifests) {
      let docs: YAML.Document.Parsed[];
      try {
        docs = YAML.parseAllDocuments(fs.readFileSync(manifest, 'utf8'));
      } catch (e) {
        problems.push({ manifest, message: (e as Error).message });
        continue;
      }
      for (const doc of docs) {
        if (doc.errors.length > 0) {
          problems.push({ manifest, message: doc.errors[0].message });
          continue;
        }
        const obj = doc.toJS();
        if (obj === null || obj === undefined) continue;
        objects.push(obj);
        origin.push(manifest);
      }
    }
    const { results } = lintManifestSet(objects, { capacityWarnPercent: this.capacityWarnPercent });
    let errors = 0;
    let warnings = 0;
    for (const r of results) {
      for (const f of r.findings) {
        if (f.severity === 'error') errors++;
        else warnings++;
        context.report.addViolation({
          ruleName: `${f.rule} (${f.severity})`,
          recommendation: describe(f),
          fix: `${f.fix} (${f.docs})`,
          violatingResources: [{ resourceName: f.object.name, locations: [f.field], manifestPath: origin[r.index] }],
        });
      }
    }
    for (const p of problems) {
      errors++;
      context.report.addViolation({
        ruleName: 'YAML',
        recommendation: `the manifest does not parse: ${p.message}`,
        fix: 'synthesize valid YAML',
        violatingResources: [{ resourceName: '(manifest)', locations: [], manifestPath: p.manifest }],
      });
    }
    const failed = errors > 0 || (this.failOnWarnings && warnings > 0);
    context.report.submit(failed ? 'failure' : 'success', {
      manifests: String(manifests.length), objects: String(objects.length), errors: String(errors), warnings: String(warnings),
    });
  }
}

function describe(f: LintFinding): string {
  const ns = f.object.namespace !== undefined ? `${f.object.namespace}/` : '';
  return `${f.object.kind} ${ns}${f.object.name} ${f.field}: ${f.message}`;
}
