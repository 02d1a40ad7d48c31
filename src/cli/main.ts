/**
 * `cdk8s-macvlan lint <files|directories|->`: runs the rules catalog over existing manifests.
 * Internal to the package (not exported from the library's index): the `bin/cdk8s-macvlan.js` shim calls
 * {@link main}.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LintResult, formatObjectRef, lintManifestSet, renderRulesMarkdown } from '../rules';
import { readYamlStream } from './yaml-reader';

/** Where the CLI reads and writes (replaceable in tests). */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
}

/** Exit codes. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage: cdk8s-macvlan lint [--format text|json] [--capacity-warn PERCENT] <file|directory|->...
       cdk8s-macvlan rules-doc

  lint       check Multus/Spiderpool manifests (YAML or JSON, multi-document; directories are read
             recursively for *.yaml, *.yml and *.json; "-" reads stdin). Exit 1 on any error finding.
             --capacity-warn: warn (MV171) when the workloads' peak uses more than PERCENT of a
             pool's addresses (default 90; a pool's capacity.cdk8s-macvlan.io/warn-percent wins).
             JSON output carries the per-pool capacity table.
  rules-doc  print docs/rules.md (the rules catalog with examples)
`;

/** One parse problem of an input file. */
export interface ParseProblem {
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
  readonly message: string;
}

interface Origin {
  readonly fileIndex: number;
  readonly file: string;
  readonly document: number;
}

/** The default io: process streams. */
export function processIo(): CliIo {
  return {
    stdout: t => process.stdout.write(t),
    stderr: t => process.stderr.write(t),
    readStdin: () => new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      process.stdin.on('data', c => chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c)));
      process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      process.stdin.on('error', reject);
    }),
  };
}

/** Runs the CLI with the arguments after the program name; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    io.stderr(`cdk8s-macvlan: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return EXIT_USAGE;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (command === 'rules-doc') {
    if (rest.length > 0) return usageError(io, `rules-doc takes no arguments, got ${rest.join(' ')}`);
    io.stdout(renderRulesMarkdown());
    return EXIT_OK;
  }
  if (command !== 'lint') return usageError(io, `unknown command "${command}"`);

  let format: 'text' | 'json' = 'text';
  let capacityWarnPercent: number | undefined;
  const inputs: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? rest[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') return usageError(io, `--format must be text or json, got ${value === undefined ? 'nothing' : `"${value}"`}`);
      format = value;
    } else if (arg === '--capacity-warn' || arg.startsWith('--capacity-warn=')) {
      const value = arg === '--capacity-warn' ? rest[++i] : arg.slice('--capacity-warn='.length);
      const n = value !== undefined && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
      if (!(n > 0 && n <= 100)) return usageError(io, `--capacity-warn must be a percentage above 0 and at most 100, got ${value === undefined ? 'nothing' : `"${value}"`}`);
      capacityWarnPercent = n;
    } else if (arg === '-h' || arg === '--help') {
      io.stdout(USAGE);
      return EXIT_OK;
    } else if (arg === '--') {
      inputs.push(...rest.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      return usageError(io, `unknown option "${arg}"`);
    } else {
      inputs.push(arg);
    }
  }
  if (inputs.length === 0) return usageError(io, 'no input: give files, directories or "-" for stdin');

  // Collect the files first: a missing path is a usage error, reported before any output.
  const files: string[] = [];
  for (const input of inputs) {
    if (input === '-') {
      files.push('-');
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch (e) {
      return usageError(io, `cannot read "${input}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (stat.isDirectory()) files.push(...manifestFilesIn(input)); else files.push(input);
  }

  const objects: unknown[] = [];
  const origins: Origin[] = [];
  const problems: ParseProblem[] = [];
  const problemFiles: number[] = [];
  for (const [fileIndex, file] of files.entries()) {
    let text: string;
    const display = file === '-' ? '<stdin>' : file;
    try {
      text = file === '-' ? await io.readStdin() : fs.readFileSync(file, 'utf8');
    } catch (e) {
      return usageError(io, `cannot read "${display}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const start = problems.length;
    const found: Array<{ file: string; document: number }> = [];
    parseManifests(text, display, objects, found, problems);
    origins.push(...found.map(o => ({ ...o, fileIndex })));
    problemFiles.push(...problems.slice(start).map(() => fileIndex));
  }

  const report = lintManifestSet(objects, { capacityWarnPercent });
  const results = report.results;
  const rows = results.flatMap(r => r.findings.map(f => ({ origin: origins[r.index], result: r, f })));
  // Results come in input order (file by file, document by document).
  const errors = rows.filter(r => r.f.severity === 'error').length + problems.length;
  const warnings = rows.filter(r => r.f.severity === 'warning').length;

  if (format === 'json') {
    io.stdout(JSON.stringify({
      findings: rows.map(({ origin, f }) => ({
        file: origin.file,
        document: origin.document,
        rule: f.rule,
        severity: f.severity,
        kind: f.object.kind,
        namespace: f.object.namespace,
        name: f.object.name,
        field: f.field,
        message: f.message,
        fix: f.fix,
        docs: f.docs,
      })),
      parseErrors: problems,
      capacity: report.capacity.map(c => ({ ...c, supply: c.supply === undefined ? undefined : Number(c.supply) })),
      summary: { files: files.length, objects: countObjects(results), errors, warnings },
    }, null, 2) + '\n');
  } else {
    // File by file; within a file, YAML errors first, then findings document by document.
    const out: Array<{ fileIndex: number; order: number; text: string }> = [];
    problems.forEach((p, i) => out.push({ fileIndex: problemFiles[i], order: 0, text: `${p.file}${p.line !== undefined ? `:${p.line}:${p.col}` : ''}: YAML error: ${p.message}` }));
    for (const { origin, f } of rows) {
      out.push({ fileIndex: origin.fileIndex, order: 1, text: `${origin.file}:${origin.document}: ${f.rule} ${f.severity} ${formatObjectRef(f.object)} ${f.field}: ${f.message}. Fix: ${f.fix} (${f.docs})` });
    }
    out.sort((a, b) => a.fileIndex - b.fileIndex || a.order - b.order);
    for (const o of out) io.stdout(`${o.text}\n`);
    io.stdout(`${errors} error(s), ${warnings} warning(s) in ${files.length} file(s)\n`);
  }
  return errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}

function usageError(io: CliIo, message: string): number {
  io.stderr(`cdk8s-macvlan: ${message}\n\n${USAGE}`);
  return EXIT_USAGE;
}

/** *.yaml, *.yml and *.json below a directory, recursively, sorted. */
export function manifestFilesIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    const entries = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/i.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Parses multi-document YAML (JSON is YAML too) into plain values, recording each value's file and
 * 1-based document index; syntax errors and documents beyond the reader's bounds become problems with
 * line and column. Top-level arrays contribute each element.
 */
export function parseManifests(text: string, file: string, objects: unknown[], origins: Array<{ file: string; document: number }>,
  problems: ParseProblem[]): void {
  const stream = readYamlStream(text);
  for (const p of stream.problems) problems.push({ file, ...p });
  for (const doc of stream.documents) {
    for (const p of doc.problems) problems.push({ file, ...p });
    if (doc.problems.length > 0) continue;
    const values = Array.isArray(doc.value) ? doc.value : [doc.value];
    for (const v of values) {
      if (v === null || v === undefined) continue;
      objects.push(v);
      origins.push({ file, document: doc.index });
    }
  }
}

function countObjects(results: readonly LintResult[]): number {
  return results.length;
}
