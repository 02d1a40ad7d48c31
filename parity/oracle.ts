/** Runs the upstream oracle (../shared/oracle, built with its build.sh) over one manifest set. */
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';

/** One verdict of the oracle (see ../shared/oracle/README.md). */
export interface OracleVerdict {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly verdict: 'accept' | 'reject' | 'n/a';
  readonly messages: string[];
  readonly notes?: string[];
}

/** Where the oracle binary is: $ORACLE_BIN, else what build.sh writes by default. */
export function oraclePath(): string {
  return process.env.ORACLE_BIN ?? join(process.env.TMPDIR ?? '/tmp', 'oracle-work', 'oracle');
}

export const BUILD_HINT = [
  'The upstream oracle is not built. Build it (Go >= 1.19, standard library only):',
  '  apt-get install -y golang-go      # Debian\'s Go 1.19 is enough',
  '  ../shared/oracle/build.sh         # writes ${TMPDIR:-/tmp}/oracle-work/oracle',
  'or point ORACLE_BIN at a binary built elsewhere.',
].join('\n');

export function oracleAvailable(bin = oraclePath()): boolean {
  return existsSync(bin);
}

/**
 * Judges the objects of one scene (in order; the oracle treats pools accepted earlier in the input as the
 * cluster's). Returns one verdict per object.
 */
export function runOracle(objects: readonly object[], bin = oraclePath()): OracleVerdict[] {
  const input = objects.map((obj, i) => JSON.stringify({ src: 'parity', doc: i + 1, obj })).join('\n') + '\n';
  const r = spawnSync(bin, [], { input, maxBuffer: 1 << 28, encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`oracle failed (${r.error ? r.error.message : `exit ${r.status}`}): ${r.stderr ?? ''}`);
  }
  const out = r.stdout.split('\n').filter(l => l.trim().length > 0).map(l => JSON.parse(l) as OracleVerdict);
  if (out.length !== objects.length) throw new Error(`oracle returned ${out.length} verdicts for ${objects.length} objects`);
  return out;
}
