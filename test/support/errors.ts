/** Test helpers: the library's error thrown by a call, as data. */
import { MacvlanErrorInfo, MacvlanErrors } from '../../src';

/**
 * The details of the MacvlanError `fn` throws. Fails the test when `fn` returns normally or throws anything
 * else (a TypeError from inside the library, a plain Error).
 */
export function libraryError(fn: () => unknown): MacvlanErrorInfo {
  try {
    fn();
  } catch (e) {
    const details = MacvlanErrors.details(e);
    if (details === undefined) throw new Error(`expected the library's error, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message ?? String(e)}`);
    return details;
  }
  throw new Error('expected the library\'s error, but the call returned normally');
}
