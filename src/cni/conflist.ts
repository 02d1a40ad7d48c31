/** The CNI spec version written into every generated config (understood by CNI plugins >= 0.8). */
export const DEFAULT_CNI_VERSION = '0.3.1';

/** A CNI network configuration list: `{"cniVersion","name","plugins":[...]}`. */
export interface ConfList {
  readonly cniVersion: string;
  readonly name: string;
  readonly plugins: ReadonlyArray<Record<string, unknown>>;
}

/**
 * A config list as the object `JSON.stringify` writes (a fresh one). Key order is the order the model builders
 * use (cniVersion, name, plugins; `type` first in each plugin), so the same input always gives the same string.
 */
export function confListObject(list: ConfList): Record<string, unknown> {
  return { cniVersion: list.cniVersion, name: list.name, plugins: list.plugins };
}
