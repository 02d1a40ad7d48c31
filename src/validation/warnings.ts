import { IConstruct } from 'constructs';
import { MacvlanError } from '../errors';
import { ACKNOWLEDGE_METADATA, WARNING_METADATA } from './report';

/**
 * The warnings of the library's rules on a construct (what `docs/rules.md` lists with severity warning),
 * and their acknowledgement, as aws-cdk's `Annotations.acknowledgeWarning`: a warning acknowledged on a
 * construct or any of its scopes is no longer reported for it.
 *
 * Warnings are recorded on the construct's metadata (`node.metadata`, type `cdk8s-macvlan:warning`) at synth
 * and echoed once to stderr; `CDK8S_MACVLAN_QUIET=1` turns the echo off, acknowledgements turn both off.
 */
export class Warnings {
  /**
   * The warnings of `scope`.
   * @param scope the construct whose warnings to read or acknowledge (everything below it included)
   */
  public static of(scope: IConstruct): Warnings {
    return new Warnings(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  /**
   * Stops reporting rule `ruleId` (e.g. `MV072`) for this construct and everything below it.
   * @param ruleId the rule, as in docs/rules.md
   * @param reason why the warning does not apply here (recorded with the acknowledgement)
   */
  public acknowledge(ruleId: string, reason: string): void {
    if (typeof ruleId !== 'string' || !/^MV\d{3}$/i.test(ruleId)) {
      throw new MacvlanError({ constructPath: this.scope.node.path, field: 'ruleId', message: `${JSON.stringify(ruleId)} is not a rule id`, fix: 'pass an id of docs/rules.md, e.g. "MV072"' });
    }
    this.scope.node.addMetadata(ACKNOWLEDGE_METADATA, { ruleId: ruleId.toUpperCase(), reason: String(reason ?? '') });
  }

  /** The warning lines recorded on this construct by the last synth (`MVxxx warning: ...`). */
  public get recorded(): string[] {
    return this.scope.node.metadata.filter(m => m.type === WARNING_METADATA).map(m => String(m.data));
  }
}
