/**
 * The benchmark itself is not part of the test run (`npm run bench`); this only keeps its harness honest: at
 * a tiny size it must run, find the three variants' YAML byte-identical, and write its summary. No timings
 * are asserted.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

test('npm run bench works end to end at a tiny size', () => {
  const results = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'results.json');
  const root = path.join(__dirname, '..');
  const run = spawnSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', 'bench/bench.ts'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, BENCH_SIZES: '2:4,3:6', BENCH_ROUNDS: '1', BENCH_HEAP_ROUNDS: '1', BENCH_RESULTS: results, CDK8S_MACVLAN_QUIET: '1' },
  });
  expect(run.stderr).not.toMatch(/differs|failed/);
  expect(run.status).toBe(0);
  const lines = run.stdout.trim().split('\n');
  // (at this size the heap figures are noise and may even be negative)
  expect(lines[lines.length - 1]).toMatch(/^bench: ratio@3=\d+\.\d\d scaling=\d+\.\d\d validate-share=\d+\.\d% heap=-?\d+\.\d\dx pool48\/30=\d+\.\d\d plus-floor-ratio=\d+\.\d\d$/);
  const written = JSON.parse(fs.readFileSync(results, 'utf8'));
  expect(written.rows.map((r: any) => [r.vlans, r.deployments, r.objects])).toEqual([[2, 4, 21], [3, 6, 31]]); // per VLAN: 4 pools, 2 NADs, 2 SpiderReservedIPs
  expect(written.rows[0].samples.ours).toHaveLength(1);
});
