/**
 * The long seeded search of issue 12 (constructs half): generated input at every public entry point of the
 * constructs, each run twice in fresh apps. Counts the outcomes (valid / library error / rule findings / crash
 * / lint mismatch / wrong output / nondeterministic) and prints every failure with the seed that finds it.
 *
 *   npx projen fuzz:constructs -- [--runs 100000] [--seed 1] [--chunk 1000]
 *
 * Inputs come in chunks of `--chunk`, chunk k drawn with seed `seed + k`: a failure's (seed, chunk, index)
 * reproduces it. Exit code 1 when anything failed.
 */
import fc from 'fast-check';
import { ANY_INPUT, FuzzInput, OutcomeKind, oneWrongPlace, renderInput, runInput } from '../test/props/fuzz-model';

process.env.CDK8S_MACVLAN_QUIET = '1';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} takes a non-negative integer`);
  return v;
}

const runs = arg('runs', 100_000);
const seed = arg('seed', 1);
const chunk = Math.max(1, arg('chunk', 1000));

type Kind = OutcomeKind | 'nondeterministic';
const counts: Record<string, number> = {};
const byEntry: Record<string, Record<string, number>> = {};
const failures: string[] = [];
const BAD: readonly Kind[] = ['crash', 'lint-mismatch', 'wrong-output', 'nondeterministic'];

function record(input: FuzzInput, where: string): void {
  const first = runInput(input);
  const second = runInput(input);
  const kind: Kind = first.kind === 'crash' || second.kind === 'crash' ? 'crash'
    : second.kind !== first.kind || second.detail !== first.detail ? 'nondeterministic' : first.kind;
  counts[kind] = (counts[kind] ?? 0) + 1;
  (byEntry[input.entry] ??= {})[kind] = (byEntry[input.entry][kind] ?? 0) + 1;
  if (BAD.includes(kind) && failures.length < 50) failures.push(`${kind} at ${where}: ${renderInput(input).slice(0, 500)}\n    ${`${first.detail}\n${first.trace ?? ''}`.split('\n').slice(0, 4).join('\n    ')}`);
}

const started = Date.now();
const sweep = oneWrongPlace();
sweep.forEach((input, i) => record(input, `sweep #${i}`));
const sweepCounts = { ...counts };
for (const k of Object.keys(counts)) delete counts[k];
for (const k of Object.keys(byEntry)) delete byEntry[k];

for (let k = 0, done = 0; done < runs; k++) {
  const n = Math.min(chunk, runs - done);
  fc.sample(ANY_INPUT, { numRuns: n, seed: seed + k }).forEach((input, i) => record(input, `seed ${seed + k} index ${i}`));
  done += n;
  if (process.stderr.isTTY) process.stderr.write(`\r${done}/${runs}`);
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
const lines = [
  `fuzz:constructs: ${runs} generated inputs (seeds ${seed}..${seed + Math.ceil(runs / chunk) - 1}, ${chunk} per seed), each run twice; plus the one-wrong-place sweep (${sweep.length} inputs); ${seconds} s`,
  `sweep:     ${JSON.stringify(sweepCounts)}`,
  `generated: ${JSON.stringify(counts)}`,
  ...Object.entries(byEntry).map(([e, c]) => `  ${e.padEnd(15)} ${JSON.stringify(c)}`),
  ...(failures.length > 0 ? ['failures:', ...failures] : ['failures: none']),
];
process.stderr.write(process.stderr.isTTY ? '\n' : '');
process.stdout.write(`${lines.join('\n')}\n`);
const bad = BAD.reduce((sum, k) => sum + (counts[k] ?? 0) + (sweepCounts[k] ?? 0), 0);
process.exitCode = bad > 0 ? 1 : 0;
