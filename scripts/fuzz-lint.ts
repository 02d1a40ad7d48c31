/**
 * `npm run fuzz:lint -- --seed 1 --count 100000 [--only objects|cli]`: the properties of
 * test/rules/lint-properties.test.ts on many inputs, each generated from its own seed (seed, seed + 1, ...)
 * so that any failure can be replayed alone: `--seed <its seed> --count 1`. Prints the counts per
 * property and every failure with its seed; exit 1 if any failed. Not part of `npm test`.
 */
import fc from 'fast-check';
import { checkCliText, checkLintManifests, manifestText, objectSet } from '../test/support/lint-fuzz';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

interface Failure { readonly seed: number; readonly message: string }

async function run(name: string, first: number, count: number, one: (seed: number) => Promise<void> | void): Promise<Failure[]> {
  const failures: Failure[] = [];
  const started = Date.now();
  for (let i = 0; i < count; i++) {
    const seed = first + i;
    try {
      await one(seed);
    } catch (e) {
      failures.push({ seed, message: String(e instanceof Error ? `${e.constructor.name}: ${e.message}` : e).split('\n')[0].slice(0, 200) });
    }
    if ((i + 1) % 5000 === 0) process.stderr.write(`${name}: ${i + 1}/${count}, ${failures.length} failed, ${Math.round((Date.now() - started) / 1000)} s\n`);
  }
  return failures;
}

async function mainFuzz(): Promise<number> {
  const seed = Number(arg('seed', '1'));
  const count = Number(arg('count', '10000'));
  const only = arg('only', 'all');
  if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(count) || count < 1) {
    process.stderr.write('usage: npm run fuzz:lint -- [--seed N] [--count N] [--only objects|cli]\n');
    return 2;
  }
  const sample = <T>(arb: fc.Arbitrary<T>, s: number): T => fc.sample(arb, { seed: s, numRuns: 1 })[0];
  const report: Array<[string, number, Failure[]]> = [];
  if (only === 'all' || only === 'objects') {
    report.push(['lintManifests(objects)', count, await run('objects', seed, count, s => checkLintManifests(sample(objectSet, s)))]);
  }
  if (only === 'all' || only === 'cli') {
    report.push(['main(["lint", "-"], text)', count, await run('cli', seed, count, s => checkCliText(sample(manifestText, s)))]);
  }
  let failed = 0;
  for (const [name, n, failures] of report) {
    failed += failures.length;
    console.log(`${name}: ${n} inputs (seeds ${seed}..${seed + n - 1}), ${n - failures.length} passed, ${failures.length} failed`);
    const byMessage = new Map<string, number[]>();
    for (const f of failures) byMessage.set(f.message, [...(byMessage.get(f.message) ?? []), f.seed]);
    for (const [message, seeds] of byMessage) console.log(`  ${seeds.length} x ${message}\n    seeds ${seeds.slice(0, 10).join(', ')}${seeds.length > 10 ? ', ...' : ''}`);
  }
  return failed > 0 ? 1 : 0;
}

mainFuzz().then(code => { process.exitCode = code; }, e => { console.error(e); process.exitCode = 2; });
