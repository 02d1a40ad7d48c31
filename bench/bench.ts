/**
 * `npm run bench`: synth at fabric scale, this library's constructs against the floor, which is bare cdk8s
 * emitting the very same objects (ApiObjects with precomputed bodies). Same process, interleaved rounds,
 * medians. Writes bench/results.json; the last line is the one-line summary.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { Node } from 'constructs';
import { IpPool } from '../src';
import { buildWithConstructs, ScenarioSize } from './scenario';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SIZES: ScenarioSize[] = (process.env.BENCH_SIZES ?? '10:100,100:1000,409:1000,1000:10000,4094:0,4094:10000')
  .split(',').map(s => s.split(':').map(Number)).map(([vlans, deployments]) => ({ vlans, deployments }));

const gc: () => void = (global as any).gc ?? (() => { throw new Error('run with node --expose-gc'); });
const now = () => performance.now();
const heap = () => process.memoryUsage().heapUsed;

interface Sample { total: number; validate: number; peakHeap: number; yaml: string }

/**
 * Time spent in construct validation during synth: `Node.prototype.validate` is wrapped once, and the
 * wrapper adds to this counter (about 0.1 us per construct of its own).
 */
let validating = 0;
const proto = (Node.prototype as any);
const originalValidate = proto.validate;
proto.validate = function (this: Node) {
  const t = now();
  try {
    return originalValidate.call(this);
  } finally {
    validating += now() - t;
  }
};

/**
 * Live heap after a full collection: the retained size at a point, independent of when the collector last ran.
 * Sampled with the clock stopped.
 */
function liveHeap(): number {
  gc();
  return heap();
}

/** Ours: props -> constructs -> `app.synthYaml()` (which validates once, as `cdk8s synth` does). */
function runOurs(size: ScenarioSize): Sample {
  const h0 = liveHeap();
  const t0 = now();
  const app = buildWithConstructs(size);
  const built = now() - t0;
  const h1 = liveHeap();
  validating = 0;
  const t1 = now();
  const yaml = app.synthYaml();
  const total = built + (now() - t1);
  const h2 = liveHeap(); // the tree and the YAML string, both still referenced
  void app;
  return { total, validate: validating, peakHeap: Math.max(h1, h2) - h0, yaml };
}

/** Baseline: the same objects as bare ApiObjects with precomputed bodies -> YAML string. */
function runBaseline(bodies: any[][]): Sample {
  const h0 = liveHeap();
  const t0 = now();
  const app = new App({ outdir: '/tmp/cdk8s-macvlan-bench' });
  bodies.forEach((chartBodies, c) => {
    const chart = new Chart(app, `chart${c}`);
    chartBodies.forEach((body, i) => new ApiObject(chart, `o${i}`, body));
  });
  const built = now() - t0;
  const h1 = liveHeap();
  const t1 = now();
  const yaml = app.synthYaml();
  const total = built + (now() - t1);
  const h2 = liveHeap();
  void app;
  return { total, validate: 0, peakHeap: Math.max(h1, h2) - h0, yaml };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mb = (x: number) => `${(x / 1024 / 1024).toFixed(0)} MB`;

interface Row { vlans: number; deployments: number; objects: number; ours: number; baseline: number; ratio: number; validate: number; validateShare: number; oursHeap: number; baselineHeap: number; heapRatio: number }
const rows: Row[] = [];

for (const size of SIZES) {
  const reference = buildWithConstructs(size);
  const bodies = reference.charts.map(c => c.toJson());
  const objects = bodies.reduce((n, b) => n + b.length, 0);
  const ours: Sample[] = [];
  const base: Sample[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // interleave, alternating which goes first
    const pair = r % 2 === 0 ? [() => ours.push(runOurs(size)), () => base.push(runBaseline(bodies))] : [() => base.push(runBaseline(bodies)), () => ours.push(runOurs(size))];
    pair.forEach(f => f());
  }
  if (ours[0].yaml !== base[0].yaml) {
    console.error(`bench: output differs from the baseline at ${size.vlans} VLANs / ${size.deployments} deployments`);
    process.exit(1);
  }
  const row: Row = {
    vlans: size.vlans, deployments: size.deployments, objects,
    ours: median(ours.map(s => s.total)), baseline: median(base.map(s => s.total)),
    ratio: 0, validate: median(ours.map(s => s.validate)), validateShare: 0,
    oursHeap: median(ours.map(s => s.peakHeap)), baselineHeap: median(base.map(s => s.peakHeap)), heapRatio: 0,
  };
  row.ratio = row.ours / row.baseline;
  row.validateShare = row.validate / row.ours;
  row.heapRatio = row.oursHeap / row.baselineHeap;
  rows.push(row);
  console.log(`${String(size.vlans).padStart(5)} VLANs ${String(size.deployments).padStart(6)} deployments ${String(objects).padStart(6)} objects | ours ${ms(row.ours).padStart(9)} | baseline ${ms(row.baseline).padStart(9)} | ratio ${row.ratio.toFixed(2)} | validate ${ms(row.validate).padStart(7)} (${(row.validateShare * 100).toFixed(1)}%) | heap ${mb(row.oursHeap)} vs ${mb(row.baselineHeap)} (${row.heapRatio.toFixed(2)}x)`);
}

// A /48 IPv6 pool must cost what a /30 costs: address math never enumerates.
function poolCost(subnetOf: (i: number) => string): number {
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    gc();
    const t0 = now();
    const app = new App({ outdir: '/tmp/cdk8s-macvlan-bench' });
    const chart = new Chart(app, 'pools');
    for (let i = 0; i < 2000; i++) new IpPool(chart, `p${i}`, { name: `p${i}`, subnet: subnetOf(i) });
    app.synthYaml();
    times.push(now() - t0);
  }
  return median(times);
}
const cost30 = poolCost(i => `10.0.${Math.floor(i / 64)}.${(i % 64) * 4}/30`);
const cost48 = poolCost(i => `fd00:${(i + 1).toString(16)}::/48`);
console.log(`2000 pools: /30 ${ms(cost30)}, /48 ${ms(cost48)} (ratio ${(cost48 / cost30).toFixed(2)})`);

const at = (v: number) => rows.find(r => r.vlans === v && r.deployments === Math.max(...rows.filter(x => x.vlans === v).map(x => x.deployments)));
const big = at(4094) ?? rows[rows.length - 1];
const small = at(409) ?? rows[0];
const summary = {
  ratio: big.ratio,
  scaling: big.ours / small.ours,
  validateShare: big.validateShare,
  heapRatio: big.heapRatio,
  pool48vs30: cost48 / cost30,
};
fs.writeFileSync(path.join(__dirname, 'results.json'), JSON.stringify({
  machine: { node: process.version, cpus: require('os').cpus().length, cpu: require('os').cpus()[0]?.model },
  rounds: ROUNDS, rows, summary,
}, null, 2) + '\n');
console.log(`bench: ratio@${big.vlans}=${summary.ratio.toFixed(2)} scaling=${summary.scaling.toFixed(2)} validate-share=${(summary.validateShare * 100).toFixed(1)}% heap=${summary.heapRatio.toFixed(2)}x pool48/30=${summary.pool48vs30.toFixed(2)}`);
