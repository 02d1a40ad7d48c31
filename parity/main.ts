/**
 * `npm run parity [-- --seed N --count N --json FILE --show N --scene N]`: the differential run. Generates seeded
 * scenes (parity/generate.ts), judges every object with the upstream oracle (shared/oracle of the project workspace, not read by the tests) and with
 * lintManifests, and prints agree/miss/over per object kind and the disagreement classes (upstream message class
 * for misses, our rule ids for false positives), each with its most frequent mutations and an example scene.
 * Same seed and count, same report. `--scene N` prints scene N as YAML with both verdicts, to reproduce a case.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { stringify } from 'yaml';
import { lintManifests } from '../src/rules';
import { Report, Tally, compare, upstreamOf } from './compare';
import { generateScene, sceneSeed } from './generate';
import { BUILD_HINT, oracleAvailable, oraclePath, runOracle } from './oracle';

interface Args {
  fixtures?: string;
  seed: number;
  count: number;
  json?: string;
  show: number;
  scene?: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { seed: 1, count: 2000, show: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    const int = (v: string) => {
      if (!/^\d+$/.test(v)) usage(`${a} takes a non-negative integer, not "${v}"`);
      return Number(v);
    };
    if (a === '--seed') args.seed = int(value());
    else if (a === '--count') args.count = int(value());
    else if (a === '--json') args.json = value();
    else if (a === '--show') args.show = int(value());
    else if (a === '--scene') args.scene = int(value());
    else if (a === '--write-fixtures') args.fixtures = value();
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument "${a}"`);
  }
  return args;
}

function usage(problem?: string): never {
  if (problem) process.stderr.write(`parity: ${problem}\n`);
  process.stderr.write('usage: npm run parity -- [--seed N] [--count OBJECTS] [--json FILE] [--show EXAMPLES] [--scene N] [--write-fixtures DIR]\n');
  process.exit(problem ? 2 : 0);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const bin = oraclePath();
  if (!oracleAvailable(bin)) {
    process.stderr.write(`parity: no oracle binary at ${bin}\n${BUILD_HINT}\n`);
    process.exit(1);
  }
  process.env.CDK8S_MACVLAN_QUIET = '1';

  if (args.scene !== undefined) {
    const scene = generateScene(sceneSeed(args.seed, args.scene));
    const objects = scene.objects.map(o => o.obj);
    const verdicts = runOracle(objects, bin);
    const lint = lintManifests(objects);
    const docs = scene.objects.map((o, i) => {
      const v = verdicts[i];
      const ours = lint[i].findings.map(f => `${f.rule} ${f.severity} ${f.field}: ${f.message}`);
      const head = [`# mutations: ${o.mutations.join(', ') || '(none)'}`, `# upstream: ${v.verdict} ${[...v.messages, ...(v.notes ?? [])].join(' | ')}`,
        ...ours.map(l => `# ours: ${l}`)];
      return `${head.join('\n')}\n${stringify(o.obj, { lineWidth: 0 })}`;
    });
    process.stdout.write(docs.join('---\n'));
    return;
  }

  const tally = new Tally();
  let judged = 0;
  let scenes = 0;
  for (let n = 0; judged < args.count; n++) {
    const scene = generateScene(sceneSeed(args.seed, n));
    const objects = scene.objects.map(o => o.obj);
    const verdicts = runOracle(objects, bin);
    const lint = lintManifests(objects);
    const rejected = new Set<string>();
    const firstPool = new Set<string>();
    lint.forEach(r => {
      const fails = r.findings.some(f => f.severity === 'error');
      if (r.object.kind === 'SpiderIPPool' && !firstPool.has(r.object.name)) {
        firstPool.add(r.object.name);
        if (fails) rejected.add(`first-pool/${r.object.name}`);
      }
      if (!fails) return;
      if (r.object.kind === 'SpiderIPPool') rejected.add(`pool/${r.object.name}`);
      if (r.object.kind === 'NetworkAttachmentDefinition' || r.object.kind === 'SpiderMultusConfig') rejected.add(`network/${r.object.namespace ?? 'default'}/${r.object.name}`);
    });
    const inSet = new Set(lint.map(r => (r.object.kind === 'SpiderIPPool' ? `pool/${r.object.name}` : `network/${r.object.namespace ?? 'default'}/${r.object.name}`)));
    verdicts.forEach((v, i) => {
      const c = compare(v, lint[i], scene.objects[i].mutations, rejected, inSet);
      if (!c) return;
      judged++;
      tally.add(c, n, i);
    });
    scenes++;
  }
  const report = tally.report();
  process.stdout.write(render(report, args, scenes));
  if (args.fixtures) writeFixtures(args, tally, report, bin);
  if (args.json) writeFileSync(args.json, JSON.stringify({ seed: args.seed, count: args.count, scenes, ...report }, null, 2) + '\n');
}

/**
 * One fixture file per chosen scene (the first scene of every agreeing rejection class and of every disagreement
 * class): each object preceded by the oracle's verdict (`# upstream:`) and the error rules we report
 * (`# expect:`), which test/rules/parity-fixtures.test.ts checks without Go.
 */
function writeFixtures(args: Args, tally: Tally, report: Report, bin: string): void {
  mkdirSync(args.fixtures!, { recursive: true });
  // one scene per coarse class (kind, verdict and the first three parts of upstream's message), at most 80
  const chosen = new Map<number, string>();
  const coarse = new Set<string>();
  const take = (key: string, scene: number) => {
    if (coarse.has(key) || chosen.has(scene) || chosen.size >= 80) return;
    coarse.add(key);
    chosen.set(scene, key);
  };
  for (const [key, ex] of tally.agreeExamples) {
    if (!key.includes('\u0000accept')) take(key.replace('\u0000', ': ').split(': ').slice(0, 4).join(': '), ex.scene);
  }
  const workload = (kind: string) => (kind === 'SpiderIPPool' || kind === 'SpiderMultusConfig' ? kind : 'workload');
  for (const c of report.classes) take(`${workload(c.kind)}: ${c.outcome} ${c.cls}`, c.example.scene);
  for (const [n, why] of [...chosen].sort((a, b) => a[0] - b[0])) {
    const scene = generateScene(sceneSeed(args.seed, n));
    const objects = scene.objects.map(o => o.obj);
    const verdicts = runOracle(objects, bin);
    const lint = lintManifests(objects);
    const docs = scene.objects.map((o, i) => {
      const v = verdicts[i];
      const upstream = v.verdict === 'n/a' ? 'n/a' : upstreamOf(v);
      const said = upstream === 'reject' ? v.messages : (v.notes ?? []).filter(x => x.startsWith('runtime: '));
      const errors = [...new Set(lint[i].findings.filter(f => f.severity === 'error').map(f => f.rule))].sort();
      const head = [`# upstream: ${upstream}${said.length ? ` | ${said.join(' | ').replace(/\n/g, ' ')}` : ''}`, `# expect: ${errors.join(' ') || '(no error)'}`];
      return `${head.join('\n')}\n${stringify(o.obj, { lineWidth: 0 })}`;
    });
    const header = `# Generated by \`npm run parity -- --seed ${args.seed} --count ${args.count} --write-fixtures ...\` (scene ${n}), verdicts from the\n` +
      `# upstream oracle (shared/oracle of the project workspace, not read by the tests). Chosen for: ${why.replace(/\n/g, ' ')}\n`;
    writeFileSync(join(args.fixtures!, `seed${args.seed}-scene${n}.yaml`), header + docs.join('---\n'));
  }
  process.stdout.write(`wrote ${chosen.size} fixture files to ${args.fixtures}\n`);
}

function pct(n: number, total: number): string {
  return total === 0 ? '-' : `${((100 * n) / total).toFixed(1)}%`;
}

function render(report: Report, args: Args, scenes: number): string {
  const lines: string[] = [];
  lines.push(`parity: seed ${args.seed}, ${report.total} judged objects in ${scenes} scenes (oracle: ${oraclePath()})`, '');
  lines.push('kind                  objects    agree     miss     over');
  let agree = 0;
  let miss = 0;
  let over = 0;
  for (const [kind, k] of Object.entries(report.byKind)) {
    const n = k.agree + k.miss + k.over;
    agree += k.agree;
    miss += k.miss;
    over += k.over;
    lines.push(`${kind.padEnd(20)} ${String(n).padStart(8)} ${String(k.agree).padStart(8)} ${String(k.miss).padStart(8)} ${String(k.over).padStart(8)}`);
  }
  lines.push(`${'total'.padEnd(20)} ${String(report.total).padStart(8)} ${String(agree).padStart(8)} ${String(miss).padStart(8)} ${String(over).padStart(8)}`);
  const deliberateOver = report.classes.filter(c => c.outcome === 'over' && c.deliberate).reduce((s, c) => s + c.count, 0);
  lines.push('', `agree ${pct(agree, report.total)}; miss ${miss}; over ${over} (${deliberateOver} of them documented: rules deliberately stricter, or the oracle's known approximations)`, '');
  for (const outcome of ['miss', 'over'] as const) {
    const classes = report.classes.filter(c => c.outcome === outcome);
    if (classes.length === 0) continue;
    lines.push(outcome === 'miss' ? 'MISSES (upstream rejects, or the pod fails at runtime; we report no error), by upstream message class:'
      : 'OVER (we report an error, upstream accepts), by our rule ids:');
    for (const c of classes) {
      const tag = outcome === 'over' && c.deliberate ? ' [deliberate]' : '';
      const muts = Object.entries(c.mutations).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k}×${v}`).join(', ');
      lines.push(`  ${String(c.count).padStart(5)}  ${c.kind.padEnd(18)} ${c.cls}${tag}`);
      lines.push(`         mutations: ${muts || '(none)'}; example: --scene ${c.example.scene} (object ${c.example.object + 1})`);
      if (args.show > 0) {
        if (c.example.messages.length) lines.push(`         upstream: ${c.example.messages.join(' | ')}`);
        if (c.example.ours.length) lines.push(`         ours: ${c.example.ours.join(', ')}`);
      }
    }
    lines.push('');
  }
  return lines.join('\n') + '\n';
}

main();
