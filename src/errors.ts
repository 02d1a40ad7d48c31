/**
 * The one error class of cdk8s-macvlan. Every construct, method and helper that refuses its input throws it:
 * what is wrong, where (construct path and prop path), the value, and how to fix it. Depends on nothing, so
 * every layer may throw it.
 */

/** What a {@link MacvlanError} carries. */
export interface MacvlanErrorDetails {
  /** What is wrong, one sentence without the location (e.g. `subnet must be a string, got 5`). */
  readonly message: string;
  /** How to fix it, one sentence. */
  readonly fix: string;
  /**
   * The rule of the catalog that refused the input, e.g. `MV026`.
   * @default - no rule: the input's shape (type, null, array) is wrong
   */
  readonly ruleId?: string;
  /**
   * Path of the construct whose props or method refused the input.
   * @default - not tied to a construct
   */
  readonly constructPath?: string;
  /**
   * The prop or argument at fault, as a path (`vlans[2].ipv4.subnet`, `attach(options).pools[0]`).
   * @default - the whole input
   */
  readonly field?: string;
}

/**
 * Thrown for input the library refuses, at construction or when a method is called. The message reads
 * `[<construct path>] <ruleId> <field>: <message>. Fix: <fix>`; the parts are also fields.
 *
 * Not exported from the package (jsii cannot express Error subclasses in other languages): users read it with
 * `MacvlanErrors.details` (./error-info).
 */
export class MacvlanError extends Error {
  /** Whether `x` is a MacvlanError (also one thrown by another copy of this library). */
  public static isMacvlanError(x: unknown): x is MacvlanError {
    return x !== null && typeof x === 'object' && (x as { [MARK]?: unknown })[MARK] === true;
  }

  /** The rule id, when a rule of the catalog refused the input. */
  public readonly ruleId?: string;
  /** The construct path, when the input belongs to a construct. */
  public readonly constructPath?: string;
  /** The prop or argument at fault. */
  public readonly field?: string;
  /** The problem, without location and fix. */
  public readonly problem: string;
  /** How to fix it. */
  public readonly fix: string;

  constructor(details: MacvlanErrorDetails) {
    super(formatError(details));
    this.name = 'MacvlanError';
    this.ruleId = details.ruleId;
    this.constructPath = details.constructPath;
    this.field = details.field;
    this.problem = details.message;
    this.fix = details.fix;
    Object.defineProperty(this, MARK, { value: true, enumerable: false });
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

const MARK = Symbol.for('cdk8s-macvlan.MacvlanError');

function formatError(d: MacvlanErrorDetails): string {
  const where = d.constructPath !== undefined ? `[${d.constructPath}] ` : '';
  const rule = d.ruleId !== undefined ? `${d.ruleId} ` : '';
  const field = d.field !== undefined ? `${d.field}: ` : '';
  const fix = d.fix.replace(/\.$/, '');
  return `${where}${rule}${field}${d.message.replace(/\.$/, '')}. Fix: ${fix}.`;
}
