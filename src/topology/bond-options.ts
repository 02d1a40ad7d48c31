/**
 * Internal helpers turning bond props into the spellings nmstate and Spiderpool want.
 */
import { BOND_OPTION_KEYS } from '../net';
import { BondOptions } from './bond';

/** The bond options as ordered key/value strings, in kernel spelling. */
export function bondOptionEntries(options: BondOptions = {}): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [prop, key] of Object.entries(BOND_OPTION_KEYS) as Array<[keyof BondOptions, string]>) {
    const value = options[prop];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) out.push([key, value.join(',')]);
    } else {
      out.push([key, String(value)]);
    }
  }
  return out;
}
