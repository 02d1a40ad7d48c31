import { MacvlanError } from './errors';

/** The parts of an error thrown by cdk8s-macvlan, as returned by {@link MacvlanErrors.details}. */
export interface MacvlanErrorInfo {
  /** The full message. */
  readonly message: string;
  /** What is wrong, without location and fix. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
  /**
   * The rule id, e.g. `MV026`.
   * @default - the input's shape was wrong (no rule of the catalog)
   */
  readonly ruleId?: string;
  /**
   * The path of the construct whose input was refused.
   * @default - not tied to a construct
   */
  readonly constructPath?: string;
  /**
   * The prop or argument at fault.
   * @default - the whole input
   */
  readonly field?: string;
}

/** Tells errors thrown by cdk8s-macvlan from others, and reads their parts (in every jsii language). */
export class MacvlanErrors {
  /**
   * Whether `err` was thrown by cdk8s-macvlan for refused input (also by another copy of the library).
   * @param err any caught value
   */
  public static isMacvlanError(err: any): boolean {
    return MacvlanError.isMacvlanError(err);
  }

  /**
   * The parts of an error thrown by cdk8s-macvlan, or undefined for any other value.
   * @param err any caught value
   */
  public static details(err: any): MacvlanErrorInfo | undefined {
    if (!MacvlanError.isMacvlanError(err)) return undefined;
    return {
      message: err.message,
      problem: err.problem,
      fix: err.fix,
      ruleId: err.ruleId,
      constructPath: err.constructPath,
      field: err.field,
    };
  }

  private constructor() {}
}
