/**
 * `npm run bench`: synth at fabric scale, this library's constructs against the floor, which is bare cdk8s
 * emitting the very same objects (ApiObjects with precomputed bodies). Same process, interleaved rounds,
 * medians. Writes bench/results.json; the last line is the one-line summary.
 *
 * Three variants per size, all producing byte-identical YAML (the bench fails otherwise):
 * - ours: props -> VlanTopology, networks, pools, cdk8s-plus Deployments with PodNetworks -> `app.synthYaml()`;
 * - bare: every object as a bare `ApiObject` with its precomputed body (the floor the issue names);
 * - plus-floor: the topology's objects bare, the Deployments as the same cdk8s-plus Deployments with their
 *   annotations precomputed. It separates what cdk8s-plus costs (which a user pays with or without this
 *   library) from what this library adds.
 *
 * Time and heap are measured in separate runs: heap sampling forces full collections, which would move
 * garbage-collection cost out of the timed region.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { ApiObject, App, Chart, JsonPatch, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Node } from 'constructs';
import { IpPool } from '../src';
import { CHART_ID, ScenarioSize, buildWithConstructs, newDeployment } from './scenario';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const HEAP_ROUNDS = Number(process.env.BENCH_HEAP_ROUNDS ?? 1);
/** `vlans:deployments`, or `vlans:deployments:racks` for a Fabric of that many racks (see scenario.ts). */
const SIZES: ScenarioSize[] = (process.env.BENCH_SIZES ?? '10:100,100:1000,409:1000,1000:10000,4094:0,4094:10000,4094:1000:1,4094:1000:16')
  .split(',').map(s => s.split(':').map(Number)).map(([vlans, deployments, racks]) => ({ vlans, deployments, ...(racks !== undefined ? { racks } : {}) }));

const gc: () => void = (global as any).gc ?? (() => { throw new Error('run with node --expose-gc'); });
const now = () => performance.now();

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
 * Heap runs only: the peak of the live heap inside `app.synthYaml()` is where cdk8s hands every rendered object
 * to the YAML writer (the construct tree and all JSON bodies alive together), so `Yaml.stringify` samples there.
 */
let sampleAtStringify = false;
let atStringify = 0;
const originalStringify = Yaml.stringify;
Yaml.stringify = (...docs: any[]) => {
  if (sampleAtStringify) atStringify = liveHeap();
  return originalStringify(...docs);
};

/** Live heap after a full collection: the retained size at a point, independent of when the collector last ran. */
function liveHeap(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

/** A variant: `prepare` runs outside the measurement (inputs that exist before synth), `build` inside. */
interface Variant<P> {
  prepare(): P;
  build(input: P): App;
}

interface Timed { total: number; validate: number; yaml?: string }

/** One timed run; the YAML is kept only when asked for (the first round), for the byte-for-byte comparison. */
function timeRun<P>(v: Variant<P>, keepYaml: boolean): Timed {
  const input = v.prepare();
  gc();
  validating = 0;
  const t0 = now();
  const yaml = v.build(input).synthYaml();
  const total = now() - t0;
  return { total, validate: validating, yaml: keepYaml ? yaml : undefined };
}

/**
 * Peak live heap of one run: after building, at the YAML writer, and at the end (tree and YAML string). The
 * prepared input counts: a program holds its input while it synthesizes (ours: the props, built inside `build`;
 * the floors: their bodies, copied in `prepare`).
 */
function heapRun<P>(v: Variant<P>, inputCounts = true): number {
  let input = inputCounts ? undefined : v.prepare();
  const h0 = liveHeap();
  input ??= v.prepare();
  const app = v.build(input);
  const h1 = liveHeap();
  sampleAtStringify = true;
  const yaml = app.synthYaml();
  sampleAtStringify = false;
  const h2 = liveHeap();
  void [input, app, yaml];
  return Math.max(h1, atStringify, h2) - h0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mb = (x: number) => `${(x / 1024 / 1024).toFixed(0)} MB`;

function variantsFor(size: ScenarioSize) {
  const reference = buildWithConstructs(size);
  const bodies: any[][] = reference.charts.map(c => c.toJson());
  const isWorkload = (b: any) => b.kind === 'Deployment';
  const bare: Variant<any[][]> = {
    prepare: () => structuredClone(bodies),
    build: own => {
      const app = new App({ outdir: '/tmp/cdk8s-macvlan-bench' });
      own.forEach((chartBodies, c) => {
        const chart = new Chart(app, `chart${c}`);
        chartBodies.forEach((body, i) => new ApiObject(chart, `o${i}`, body));
      });
      return app;
    },
  };
  const plusFloor: Variant<any[]> = {
    prepare: () => structuredClone(bodies[0]),
    build: own => {
      const app = new App({ outdir: '/tmp/cdk8s-macvlan-bench' });
      const chart = new Chart(app, CHART_ID);
      let d = 0;
      own.forEach((body, i) => {
        if (!isWorkload(body)) return new ApiObject(chart, `o${i}`, body);
        const deployment = newDeployment(chart, d++);
        for (const [k, v] of Object.entries(body.spec.template.metadata.annotations as Record<string, string>)) deployment.podMetadata.addAnnotation(k, v);
        // a Fabric's placement: one rack's nodeSelector (a JSON patch), or one required node affinity term per rack
        const selector = body.spec.template.spec.nodeSelector;
        if (selector) ApiObject.of(deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/nodeSelector', selector));
        for (const term of body.spec.template.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
          deployment.scheduling.attract(kplus.Node.labeled(...term.matchExpressions.map((e: any) => kplus.NodeLabelQuery.is(e.key, e.values[0]))));
        }
        return deployment;
      });
      return app;
    },
  };
  const ours: Variant<ScenarioSize> = { prepare: () => size, build: s => buildWithConstructs(s) };
  return { objects: bodies.reduce((n, b) => n + b.length, 0), ours, bare, plusFloor };
}

interface Row {
  vlans: number; deployments: number; objects: number;
  /** Fabric rows: the number of racks (absent: the VlanTopology scenario). */
  racks?: number;
  ours: number; bare: number; plusFloor: number; ratio: number; ratioPlusFloor: number;
  validate: number; validateShare: number;
  oursHeap: number; bareHeap: number; heapRatio: number;
  /** The bare floor's heap without its input (bodies allocated before the measurement), and ours against it. */
  bareHeapWithoutInput: number; heapRatioWithoutInput: number;
  /**
   * Every timed run, in ms, in round order; `validate` is the validation time of each of ours, and `validateShare`
   * its share of that round's synth (the row's share is the median validation over the median synth).
   */
  samples: { ours: number[]; bare: number[]; plusFloor: number[]; validate: number[]; validateShare: number[] };
}
/** Measures one size (in a process of its own, see below). */
function measureSize(size: ScenarioSize): Row {
  const { objects, ours, bare, plusFloor } = variantsFor(size);
  const runs: Record<'ours' | 'bare' | 'plusFloor', Timed[]> = { ours: [], bare: [], plusFloor: [] };
  const order = [['ours', ours], ['bare', bare], ['plusFloor', plusFloor]] as const;
  for (let r = 0; r < ROUNDS; r++) {
    // interleaved, rotating which variant goes first
    for (let k = 0; k < order.length; k++) {
      const [name, variant] = order[(r + k) % order.length];
      runs[name].push(timeRun(variant as Variant<any>, r === 0));
    }
  }
  for (const name of ['bare', 'plusFloor'] as const) {
    if (runs[name][0].yaml === undefined || runs[name][0].yaml !== runs.ours[0].yaml) {
      console.error(`bench: the ${name} output differs from ours at ${size.vlans} VLANs / ${size.deployments} deployments`);
      process.exit(3);
    }
  }
  const heaps = { ours: [] as number[], bare: [] as number[], bareWithoutInput: [] as number[] };
  for (let r = 0; r < HEAP_ROUNDS; r++) {
    heaps.ours.push(heapRun(ours));
    heaps.bare.push(heapRun(bare));
    heaps.bareWithoutInput.push(heapRun(bare, false));
  }
  const t = (name: keyof typeof runs) => median(runs[name].map(s => s.total));
  const row: Row = {
    vlans: size.vlans, deployments: size.deployments, objects, ...(size.racks !== undefined ? { racks: size.racks } : {}),
    ours: t('ours'), bare: t('bare'), plusFloor: t('plusFloor'), ratio: 0, ratioPlusFloor: 0,
    validate: median(runs.ours.map(s => s.validate)), validateShare: 0,
    oursHeap: median(heaps.ours), bareHeap: median(heaps.bare), heapRatio: 0,
    bareHeapWithoutInput: median(heaps.bareWithoutInput), heapRatioWithoutInput: 0,
    samples: { ours: runs.ours.map(s => Math.round(s.total)), bare: runs.bare.map(s => Math.round(s.total)), plusFloor: runs.plusFloor.map(s => Math.round(s.total)),
      validate: runs.ours.map(s => Math.round(s.validate * 10) / 10), validateShare: runs.ours.map(s => Math.round((s.validate / s.total) * 1000) / 1000) },
  };
  row.ratio = row.ours / row.bare;
  row.ratioPlusFloor = row.ours / row.plusFloor;
  row.validateShare = row.validate / row.ours;
  row.heapRatio = row.oursHeap / row.bareHeap;
  row.heapRatioWithoutInput = row.oursHeap / row.bareHeapWithoutInput;
  return row;
}

function printRow(row: Row): void {
  console.log([
    `${row.racks !== undefined ? `${String(row.racks).padStart(2)} racks ` : ''}${String(row.vlans).padStart(5)} VLANs ${String(row.deployments).padStart(6)} deployments ${String(row.objects).padStart(6)} objects`,
    `ours ${ms(row.ours).padStart(9)}`,
    `bare ${ms(row.bare).padStart(9)} (ratio ${row.ratio.toFixed(2)})`,
    `plus-floor ${ms(row.plusFloor).padStart(9)} (ratio ${row.ratioPlusFloor.toFixed(2)})`,
    `validate ${ms(row.validate).padStart(7)} (${(row.validateShare * 100).toFixed(1)}%)`,
    `heap ${mb(row.oursHeap)} vs ${mb(row.bareHeap)} (${row.heapRatio.toFixed(2)}x; ${row.heapRatioWithoutInput.toFixed(2)}x without its bodies)`,
  ].join(' | '));
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

/**
 * Each size runs in a child process of its own (fresh heap and JIT state: one size's leftovers must not
 * slow down the next), and inside it every variant runs in that same process, interleaved.
 */
function inChild(task: string): any {
  // A Fabric row synthesizes up to ~70,000 objects in one chart; cdk8s's synthYaml spreads every document into one
  // call, which overflows V8's default stack (~1 MB) there: those children get 4 MB (below the usual 8 MB ulimit).
  const stack = task.includes('"racks"') ? ['--stack-size=4000'] : [];
  const out = spawnSync(process.execPath, [...process.execArgv, ...stack, __filename], {
    env: { ...process.env, BENCH_TASK: task }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = (out.stdout ?? '').split('\n').find(l => l.startsWith(RESULT));
  if (out.status !== 0 || !line) {
    console.error(`bench: ${task} failed (exit ${out.status})`);
    process.exit(out.status || 1);
  }
  return JSON.parse(line.slice(RESULT.length));
}

const RESULT = 'BENCH_RESULT ';
const task = process.env.BENCH_TASK;
if (task !== undefined) {
  // child: one measurement, reported as one line
  const result = task === 'pools'
    ? { cost30: poolCost(i => `10.0.${Math.floor(i / 64)}.${(i % 64) * 4}/30`), cost48: poolCost(i => `fd00:${(i + 1).toString(16)}::/48`) }
    : measureSize(JSON.parse(task));
  console.log(RESULT + JSON.stringify(result));
} else {
  main();
}

function main(): void {
  const rows: Row[] = [];
  for (const size of SIZES) {
    const row: Row = inChild(JSON.stringify(size));
    printRow(row);
    rows.push(row);
  }
  const { cost30, cost48 } = inChild('pools');
  console.log(`2000 pools: /30 ${ms(cost30)}, /48 ${ms(cost48)} (ratio ${(cost48 / cost30).toFixed(2)})`);

  fabricScaling(rows);
  const topologyRows = rows.filter(r => r.racks === undefined);
  const at = (v: number) => topologyRows.find(r => r.vlans === v && r.deployments === Math.max(...topologyRows.filter(x => x.vlans === v).map(x => x.deployments)));
  const big = at(4094) ?? topologyRows[topologyRows.length - 1] ?? rows[rows.length - 1];
  const small = at(409) ?? topologyRows[0] ?? rows[0];
  const summary = {
    ratio: big.ratio,
    ratioPlusFloor: big.ratioPlusFloor,
    scaling: big.ours / small.ours,
    validateShare: big.validateShare,
    heapRatio: big.heapRatio,
    pool48vs30: cost48 / cost30,
  };
  fs.writeFileSync(process.env.BENCH_RESULTS ?? path.join(__dirname, 'results.json'), JSON.stringify({
    machine: { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory: os.totalmem() },
    rounds: ROUNDS, heapRounds: HEAP_ROUNDS, rows, summary,
  }, null, 2) + '\n');
  console.log(`bench: ratio@${big.vlans}=${summary.ratio.toFixed(2)} scaling=${summary.scaling.toFixed(2)} validate-share=${(summary.validateShare * 100).toFixed(1)}% heap=${summary.heapRatio.toFixed(2)}x pool48/30=${summary.pool48vs30.toFixed(2)} plus-floor-ratio=${summary.ratioPlusFloor.toFixed(2)}`);
}

/**
 * The Fabric rows against each other: time per rack-VLAN (one pool each) of the most racks against the fewest at
 * the same VLAN and deployment count. Linear scaling keeps the per-rack-VLAN time flat (ratio about 1).
 */
function fabricScaling(rows: readonly Row[]): void {
  const fabric = rows.filter(r => r.racks !== undefined);
  if (fabric.length < 2) return;
  const few = fabric.reduce((a, b) => (b.racks! < a.racks! ? b : a));
  const many = fabric.filter(r => r.vlans === few.vlans && r.deployments === few.deployments).reduce((a, b) => (b.racks! > a.racks! ? b : a));
  if (many === few) return;
  const per = (r: Row) => (r.ours / (r.racks! * r.vlans)) * 1000;
  console.log(`fabric: ${many.racks} racks ${ms(many.ours)} vs ${few.racks} rack(s) ${ms(few.ours)} at ${few.vlans} VLANs / ${few.deployments} deployments: `
    + `${(many.ours / few.ours).toFixed(2)}x for ${many.racks! / few.racks!}x the racks; per rack-VLAN ${per(many).toFixed(1)} us vs ${per(few).toFixed(1)} us (${(per(many) / per(few)).toFixed(2)})`);
}
