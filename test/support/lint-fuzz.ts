/**
 * Generated inputs for `lintManifests` and the CLI's `main`, and the properties both must keep, shared by
 * the bounded property tests (test/rules/lint-properties.test.ts) and the long seeded run
 * (`npm run fuzz:lint`, scripts/fuzz-lint.ts).
 *
 * Inputs start from the rules' own failing and fixed examples (so every rule's code runs) and are mutated:
 * a field set to an arbitrary value (wrong types, deep nesting, NaN, bigint, symbols, cycles), removed, a
 * string edited, the JSON inside a string edited; the CLI gets those sets as YAML or JSON text, edited as
 * text (indentation, anchors, tags, quotes, document markers, deep brackets) or arbitrary text.
 */
import fc from 'fast-check';
import * as YAML from 'yaml';
import { CliIo, main } from '../../src/cli/main';
import { readYamlStream } from '../../src/cli/yaml-reader';
import { allRules, lintManifests, ruleById } from '../../src/rules';

/** The objects of every YAML example of the catalog (failing and fixed), parsed once. */
export const EXAMPLE_OBJECTS: readonly unknown[] = allRules()
  .filter(r => r.example && (r.example.language ?? 'yaml') === 'yaml')
  .flatMap(r => [r.example!.bad, r.example!.good])
  .flatMap(text => YAML.parseAllDocuments(text).map(d => d.toJS()))
  .filter(v => v !== null && v !== undefined);

const KEYS = ['apiVersion', 'kind', 'metadata', 'name', 'namespace', 'annotations', 'labels', 'spec', 'items', 'subnet', 'ips', 'excludeIPs',
  'gateway', 'routes', 'ipVersion', 'config', 'plugins', 'type', 'master', 'mode', 'ipam', 'template', 'replicas', 'interfaces',
  'k8s.v1.cni.cncf.io/networks', 'v1.multus-cni.io/default-network', 'ipam.spidernet.io/ippools', '__proto__', 'constructor', 'toString'];

const tricky = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', ' ', '-', 'x'.repeat(300), '10.0.0.0/8', '10.0.0.1-10.0.0.0', 'fd00::/129', '::ffff:1.2.3.4', 'kube-system/n@net1',
    '[{"name":"a/b"}]', '{"ipv4":["x"]}', '[]', '{}', 'null', 'eth0\u0000', '\u{1F600}', 'bond0.100', 'List', 'Pod', 'SpiderIPPool',
    'NetworkAttachmentDefinition', 'SpiderMultusConfig', 'NodeNetworkConfigurationPolicy', 'Deployment', '0x1F', '1e309', '-0', 'NaN'),
);

/** Values a JavaScript caller could pass: JSON values, and what JSON cannot hold. */
const leaf = fc.oneof(
  { weight: 6, arbitrary: tricky },
  { weight: 3, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 4, 6, 4094, 4095, 65536, 2 ** 53, -1)) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(true, false, null, undefined) },
  // objects are made per input: a shared instance would carry one input's mutations into the next
  {
    weight: 1,
    arbitrary: fc.constantFrom<() => unknown>(() => NaN, () => Infinity, () => -Infinity, () => 10n, () => Symbol('s'), () => new Date(0),
      () => new Map([['a', 1]]), () => new Set([1]), () => Buffer.from('ab'), () => Object.create(null), () => ({ toString: 5 })).map(make => make()),
  },
);

const jsonish: fc.Arbitrary<unknown> = fc.letrec(tie => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 })),
})).value;

/** A value nested `depth` levels (arrays or objects), built without recursion. */
function nested(depth: number, asArray: boolean): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

const anyValue = fc.oneof(
  { weight: 8, arbitrary: jsonish },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 90, max: 12_000 }), fc.boolean()).map(([d, a]) => nested(d, a)) },
);

type Op =
  | { readonly op: 'set'; readonly at: number; readonly value: unknown }
  | { readonly op: 'delete'; readonly at: number }
  | { readonly op: 'edit'; readonly at: number; readonly cut: number; readonly insert: string }
  | { readonly op: 'json'; readonly at: number; readonly inner: number; readonly value: unknown }
  | { readonly op: 'cycle'; readonly at: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: anyValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('edit' as const), at: fc.nat(), cut: fc.nat({ max: 40 }), insert: tricky }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('json' as const), at: fc.nat(), inner: fc.nat(), value: jsonish }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cycle' as const), at: fc.nat() }) },
);

/** Every [parent, key] of a value, without recursion (paths into plain objects and arrays only). */
function slots(root: unknown): Array<[any, string | number]> {
  const out: Array<[any, string | number]> = [];
  const stack: unknown[] = [root];
  const seen = new Set<unknown>();
  while (stack.length > 0 && out.length < 5000) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) v.forEach((x, i) => { out.push([v, i]); stack.push(x); });
    else if (Object.getPrototypeOf(v) === Object.prototype) for (const k of Object.keys(v)) { out.push([v, k]); stack.push((v as any)[k]); }
  }
  return out;
}

function applyOp(root: unknown, o: Op): unknown {
  const all = slots(root);
  if (all.length === 0) return o.op === 'set' ? o.value : root;
  const [parent, key] = all[o.at % all.length];
  switch (o.op) {
    case 'set':
      parent[key] = o.value;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1); else delete parent[key];
      break;
    case 'edit':
      if (typeof parent[key] === 'string') {
        const s: string = parent[key];
        const at = s.length === 0 ? 0 : o.cut % (s.length + 1);
        parent[key] = s.slice(0, at) + o.insert + s.slice(at + (o.cut % 3));
      }
      break;
    case 'json':
      if (typeof parent[key] === 'string') {
        try {
          const inner = JSON.parse(parent[key]);
          const innerSlots = slots(inner);
          if (innerSlots.length > 0) {
            const [p, k] = innerSlots[o.inner % innerSlots.length];
            p[k] = o.value;
          }
          parent[key] = safeStringify(inner) ?? parent[key];
        } catch {
          // not JSON: left as it is
        }
      }
      break;
    case 'cycle':
      if (typeof parent[key] === 'object' && parent[key] !== null) parent[key].self = parent;
      break;
  }
  return root;
}

function safeStringify(v: unknown): string | undefined {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x));
  } catch {
    return undefined;
  }
}

/** A rule example's object (deep-copied), mutated by 0-3 operations. */
export const mutatedObject: fc.Arbitrary<unknown> = fc.tuple(fc.nat({ max: EXAMPLE_OBJECTS.length - 1 }), fc.array(op, { maxLength: 3 }))
  .map(([i, ops]) => ops.reduce((v, o) => applyOp(v, o), structuredClone(EXAMPLE_OBJECTS[i])));

/** A set of values for lintManifests: mutated examples, mostly, and arbitrary values. */
export const objectSet: fc.Arbitrary<unknown[]> = fc.array(fc.oneof(
  { weight: 6, arbitrary: mutatedObject },
  { weight: 1, arbitrary: anyValue },
  { weight: 1, arbitrary: fc.array(mutatedObject, { maxLength: 3 }).map(items => ({ apiVersion: 'v1', kind: 'List', items })) },
), { maxLength: 8 });

const SNIPPETS = [': ', '- ', '[', ']', '{', '}', ',', '"', "'", '&a ', '*a', '!!merge ', '!!binary ', '!!str ', '!!int ', '!foo ', '\n---\n', '\n...\n',
  '\t', '# ', '<<: *a\n', '? ', '|\n', '>-\n', '%YAML 1.1\n---\n', 'yes', 'n', '0755', '1_000', '.inf', '~', '\r\n', '\u00a0', '\ufeff', '\\'];

/** Insert a snippet (or a deep run of "- " or "[") at an offset, replacing up to 8 characters. */
const textEdit = fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 6 }),
  fc.integer({ min: 50, max: 3000 }).map(n => '- '.repeat(n)), fc.integer({ min: 50, max: 3000 }).map(n => '['.repeat(n))));

/** YAML (or JSON) text of an object set, then edited as text, or arbitrary text. */
export const manifestText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(objectSet, fc.boolean(), fc.array(textEdit, { maxLength: 4 }))
      .map(([objects, json, edits]) => {
        let text = json ? objects.map(o => safeStringify(o) ?? 'null').join('\n---\n') : objects.map(o => yamlOf(o)).join('---\n');
        for (const [at, cut, insert] of edits) {
          const i = text.length === 0 ? 0 : at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + cut);
        }
        return text;
      }),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

function yamlOf(v: unknown): string {
  try {
    return YAML.stringify(v, { aliasDuplicateObjects: true });
  } catch {
    return `${safeStringify(v) ?? 'null'}\n`;
  }
}

/** How many results lintManifests owes for a set of values (a List gives one per item). */
export function expectedResults(values: readonly unknown[]): number {
  return values.reduce<number>((n, v) => {
    const list = typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as any).kind === 'string'
      && (v as any).kind.endsWith('List') && Array.isArray((v as any).items);
    return n + (list ? (v as any).items.length : 1);
  }, 0);
}

/**
 * lintManifests on a set of values: no exception; one result per value (per List item); every finding a
 * catalog rule with its severity and a one-line message and fix; the input left as it was; the same
 * results twice.
 */
export function checkLintManifests(input: unknown[]): void {
  const before = fingerprint(input);
  const results = lintManifests(input);
  if (fingerprint(input) !== before) throw new Error('lintManifests changed its input');
  const want = expectedResults(input);
  if (results.length !== want) throw new Error(`${results.length} results for ${want} values`);
  for (const r of results) {
    for (const f of r.findings) {
      const rule = ruleById(f.rule);
      if (!rule) throw new Error(`unknown rule ${f.rule}`);
      if (rule.severity !== f.severity) throw new Error(`${f.rule} reported as ${f.severity}`);
      for (const [what, text] of [['message', f.message], ['fix', f.fix], ['field', f.field]] as const) {
        if (typeof text !== 'string' || (what !== 'field' && text.length === 0) || text.includes('\n')) {
          throw new Error(`${f.rule} ${what} is not one line: ${JSON.stringify(text)}`);
        }
      }
    }
  }
  const again = lintManifests(input);
  if (fingerprint(again) !== fingerprint(results)) throw new Error('lintManifests gave other results for the same input');
}

/** A text form of any value (cycles, bigints, symbols included), for equality. */
function fingerprint(v: unknown): string {
  const seen = new Map<unknown, number>();
  const out: string[] = [];
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x === 'string' && x.startsWith('\u0000')) {
      out.push(x.slice(1));
      continue;
    }
    if (typeof x !== 'object' || x === null) {
      out.push(typeof x === 'symbol' ? x.toString() : typeof x === 'bigint' ? `${x}n` : Object.is(x, -0) ? '-0' : `${typeof x}:${String(x)}`);
      continue;
    }
    if (seen.has(x)) {
      out.push(`#${seen.get(x)}`);
      continue;
    }
    seen.set(x, seen.size);
    const entries = x instanceof Map ? [...x.entries()].flat() : x instanceof Set ? [...x] : Array.isArray(x) ? x
      : Buffer.isBuffer(x) || x instanceof Date ? [String(x)] : Object.keys(x).flatMap(k => [`\u0000${k}`, (x as any)[k]]);
    out.push(`${Array.isArray(x) ? '[' : '{'}${entries.length}`);
    for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]);
  }
  return out.join('\u0001');
}

/** Runs the CLI in-process on stdin text. */
export async function runCli(argv: string[], stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: t => { stdout += t; }, stderr: t => { stderr += t; }, readStdin: async () => stdin };
  // process warnings would reach the user's terminal too
  const emitWarning = process.emitWarning;
  process.emitWarning = ((w: string | Error) => { stderr += `process warning: ${String(w)}\n`; }) as typeof process.emitWarning;
  try {
    const code = await main(argv, io);
    return { code, stdout, stderr };
  } finally {
    process.emitWarning = emitWarning;
  }
}

/**
 * `lint -` on any text: exit 0 or 1 (never usage or internal error), nothing on stderr, one line per
 * finding or problem and the summary, the same output twice, every value of the text accounted for (a
 * result per object, MV150 for each value that is not one), positions inside the text.
 */
export async function checkCliText(text: string): Promise<void> {
  const json = await runCli(['lint', '--format', 'json', '-'], text);
  if (json.stderr !== '' || (json.code !== 0 && json.code !== 1)) throw new Error(`exit ${json.code}: ${json.stderr.split('\n')[0]}`);
  const out = JSON.parse(json.stdout);
  const errors = out.findings.filter((f: any) => f.severity === 'error').length + out.parseErrors.length;
  if (out.summary.errors !== errors || json.code !== (errors > 0 ? 1 : 0)) throw new Error('exit code and summary disagree with the findings');
  const lineCount = text.split(/\r\n|\r|\n/).length;
  for (const f of [...out.findings, ...out.parseErrors]) {
    if (f.line !== undefined && (!Number.isInteger(f.line) || f.line < 1 || f.line > lineCount || !Number.isInteger(f.col) || f.col < 1)) {
      throw new Error(`position ${f.line}:${f.col} outside the text (${lineCount} lines)`);
    }
  }
  // accounting, from the reader's own view of the text
  const stream = readYamlStream(text);
  const values = stream.documents.filter(d => d.problems.length === 0 && d.value !== null && d.value !== undefined)
    .flatMap(d => (Array.isArray(d.value) ? d.value.map(v => ({ v, doc: d.index })) : [{ v: d.value, doc: d.index }]));
  if (out.summary.objects !== expectedResults(values.map(x => x.v))) throw new Error(`${out.summary.objects} objects linted, ${values.length} values read`);
  for (const { v, doc } of values) {
    if ((typeof v !== 'object' || v === null) && !out.findings.some((f: any) => f.rule === 'MV150' && f.document === doc)) {
      throw new Error(`document ${doc} (${String(v)}) is not accounted for`);
    }
  }
  const docProblems = stream.documents.reduce((n, d) => n + d.problems.length, stream.problems.length);
  if (out.parseErrors.length !== docProblems) throw new Error(`${out.parseErrors.length} parse errors printed, ${docProblems} found`);

  const plain = await runCli(['lint', '-'], text);
  const lines = plain.stdout.split('\n');
  if (plain.code !== json.code || plain.stderr !== '' || lines.pop() !== '' || lines.length !== out.findings.length + out.parseErrors.length + 1) {
    throw new Error('the text output is not one line per finding and the summary');
  }
  if (/\n\s+at .+:\d+:\d+\)?$/m.test(plain.stdout)) throw new Error('a stack trace in the output');
  const again = await runCli(['lint', '-'], text);
  if (again.stdout !== plain.stdout || again.code !== plain.code) throw new Error('the output differs between two runs');
}
