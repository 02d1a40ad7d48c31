/**
 * `cdk8s-macvlan lint <files|directories|->`, `explain <rule>`, `rules-doc`, `--version`: the command line.
 * Internal to the package (not exported from the library's index): the `bin/cdk8s-macvlan.js` shim calls
 * {@link main}.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LintResult, formatFinding, formatObjectRef, lintManifestSet, renderRulesMarkdown, ruleById } from '../rules';
import { renderRuleText } from './explain';
import { MAX_INPUT_BYTES, MAX_NESTING, TextProblem, YamlDocument, parseFieldPath, readYamlStream } from './yaml-reader';

export { parseFieldPath } from './yaml-reader';

/** Where the CLI reads and writes (replaceable in tests). */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
}

/** Exit codes: 0 clean (warnings allowed), 1 error findings or unreadable input, 2 usage, 3 a bug of ours. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;

const USAGE = `Usage: cdk8s-macvlan lint [--format text|json] [--capacity-warn PERCENT] <file|directory|->...
       cdk8s-macvlan explain <rule id>
       cdk8s-macvlan rules-doc
       cdk8s-macvlan --version

  lint       check Multus/Spiderpool/nmstate manifests (YAML as kubectl reads it, or JSON; multi-document;
             directories are read recursively for *.yaml, *.yml and *.json, following symbolic links;
             "-" reads stdin). Findings are printed as file:line:col. Inputs are read up to
             ${MAX_INPUT_BYTES / 1024 / 1024} MiB per file and ${MAX_NESTING} levels of nesting per document.
             --capacity-warn: warn (MV171) when the workloads' peak uses more than PERCENT of a
             pool's addresses (default 90; a pool's capacity.cdk8s-macvlan.io/warn-percent wins).
             JSON output carries the per-pool capacity table.
  explain    print a rule's page: what it checks, why, a failing and a fixed example (e.g. explain MV004)
  rules-doc  print docs/rules.md (every rule with its examples)

  Exit status: 0 no error findings (warnings allowed), 1 error findings or unreadable input, 2 usage error
  (3 only for a bug of cdk8s-macvlan itself).
`;

/** One problem reading an input file. */
export interface ParseProblem {
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
  readonly message: string;
}

/** Where a linted value came from. */
interface Origin {
  readonly fileIndex: number;
  readonly file: string;
  readonly document: YamlDocument;
  /** Path from the document's root to the value (a top-level array's element). */
  readonly prefix: ReadonlyArray<string | number>;
}

/** The default io: process streams. A closed stdout (`| head`) ends the process quietly. */
export function processIo(): CliIo {
  const quietOnClosedPipe = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    process.stderr.write(`cdk8s-macvlan: cannot write output: ${err.code ?? err.message}\n`);
    process.exit(EXIT_FINDINGS);
  };
  process.stdout.on('error', quietOnClosedPipe);
  return {
    stdout: t => { process.stdout.write(t); },
    stderr: t => { process.stderr.write(t); },
    readStdin: () => new Promise<string>((resolve, reject) => {
      // keep at most one byte more than the reader accepts (it reports the input as too large)
      const chunks: Buffer[] = [];
      let size = 0;
      process.stdin.on('data', (c: Buffer | string) => {
        const b = Buffer.isBuffer(c) ? c : Buffer.from(c);
        if (size <= MAX_INPUT_BYTES) chunks.push(b.subarray(0, MAX_INPUT_BYTES + 1 - size));
        size += b.length;
      });
      process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      process.stdin.on('error', reject);
    }),
  };
}

/** Runs the CLI with the arguments after the program name; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await run(Array.isArray(argv) ? argv.map(a => String(a)) : [], io);
  } catch (e) {
    let message: string;
    try {
      message = e instanceof Error ? e.message : String(e);
    } catch {
      message = 'unknown';
    }
    io.stderr(`cdk8s-macvlan: internal error (a bug of cdk8s-macvlan, please report it): ${message.split('\n')[0]}\n`);
    return EXIT_INTERNAL;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (command === '--version' || command === '-V' || command === 'version') {
    if (rest.length > 0) return usageError(io, `${command} takes no arguments, got ${rest.join(' ')}`);
    io.stdout(`${packageVersion()}\n`);
    return EXIT_OK;
  }
  if (command === 'rules-doc') {
    if (rest.length > 0) return usageError(io, `rules-doc takes no arguments, got ${rest.join(' ')}`);
    io.stdout(renderRulesMarkdown());
    return EXIT_OK;
  }
  if (command === 'explain') {
    if (rest.length !== 1) return usageError(io, `explain takes one rule id (e.g. MV004), got ${rest.length === 0 ? 'none' : rest.join(' ')}`);
    const rule = ruleById(rest[0]);
    if (!rule) return usageError(io, `no rule "${rest[0]}": rule ids are MV followed by three digits, "cdk8s-macvlan rules-doc" lists them all`);
    io.stdout(renderRuleText(rule));
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
  if (inputs.filter(i => i === '-').length > 1) return usageError(io, '"-" (stdin) can be given once');

  // Collect the files first: a path that does not exist is a usage error, reported before any output.
  const files: string[] = [];
  const problems: Array<ParseProblem & { fileIndex: number }> = [];
  for (const input of inputs) {
    if (input === '-') {
      files.push('-');
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch (e) {
      return usageError(io, `cannot read "${input}": ${errorCode(e)}`);
    }
    if (stat.isDirectory()) {
      const found = manifestFilesIn(input);
      for (const p of found.problems) problems.push({ file: p.file, message: p.message, fileIndex: files.length + p.before });
      files.push(...found.files);
    } else {
      files.push(input);
    }
  }

  const objects: unknown[] = [];
  const origins: Origin[] = [];
  for (const [fileIndex, file] of files.entries()) {
    const display = file === '-' ? '<stdin>' : file;
    let text: string | undefined;
    let unreadable: string | undefined;
    try {
      if (file === '-') {
        text = await io.readStdin();
      } else if (fs.statSync(file).size > MAX_INPUT_BYTES) {
        unreadable = `the file is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, the most cdk8s-macvlan lint reads: split it into several files`;
      } else {
        text = fs.readFileSync(file, 'utf8');
      }
    } catch (e) {
      unreadable = `cannot read the file: ${errorCode(e)}${isSymbolicLink(file) ? ' (a dangling symbolic link?)' : ''}`;
    }
    if (text === undefined) {
      problems.push({ fileIndex, file: display, message: unreadable ?? 'cannot read the file' });
      continue;
    }
    const stream = readYamlStream(text);
    const add = (p: TextProblem) => problems.push({ fileIndex, file: display, ...p });
    stream.problems.forEach(add);
    for (const doc of stream.documents) {
      doc.problems.forEach(add);
      if (doc.problems.length > 0 || doc.value === null || doc.value === undefined) continue; // empty documents are skipped, as kubectl does
      const values = Array.isArray(doc.value) ? doc.value.map((v, k) => [v, [k]] as const) : [[doc.value, []] as const];
      for (const [value, prefix] of values) {
        objects.push(value);
        origins.push({ fileIndex, file: display, document: doc, prefix });
      }
    }
  }

  const where = (index: number, item?: number, field = '') => {
    const o = origins[index];
    if (!o) return { file: '?', line: 1, col: 1 };
    const at = o.document.locate([...o.prefix, ...(item !== undefined ? ['items', item] : []), ...parseFieldPath(field)]);
    return { file: o.file, ...at };
  };
  const report = lintManifestSet(objects, {
    capacityWarnPercent,
    describeLocation: (index, item) => {
      const w = where(index, item, 'metadata.name');
      return `${w.file}:${w.line}:${w.col}`;
    },
  });
  const results = report.results;
  const rows = results.flatMap(r => r.findings.map(f => ({ origin: origins[r.index], at: where(r.index, r.item, f.field), f })));
  const errors = rows.filter(r => r.f.severity === 'error').length + problems.length;
  const warnings = rows.filter(r => r.f.severity === 'warning').length;
  problems.sort((a, b) => a.fileIndex - b.fileIndex);

  if (format === 'json') {
    io.stdout(JSON.stringify({
      findings: rows.map(({ origin, at, f }) => ({
        file: at.file,
        line: at.line,
        col: at.col,
        document: origin.document.index,
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
      parseErrors: problems.map(({ fileIndex: _, ...p }) => p),
      // the shape of AddressCapacity.report() (supply as a number, each NIC's podInterface)
      capacity: report.capacity.map(c => ({
        ...c,
        supply: c.supply === undefined ? undefined : Number(c.supply),
        workloads: c.workloads.map(({ interface: podInterface, ...w }) => ({ ...w, podInterface })),
      })),
      summary: { files: files.length, objects: countObjects(results), errors, warnings },
    }, null, 2) + '\n');
  } else {
    // File by file; within a file by position (problems without one first), then in rule order.
    const out: Array<{ fileIndex: number; line: number; col: number; text: string }> = [];
    for (const p of problems) {
      out.push({ fileIndex: p.fileIndex, line: p.line ?? 0, col: p.col ?? 0, text: `${p.file}${p.line !== undefined ? `:${p.line}:${p.col}` : ''}: YAML error: ${p.message}` });
    }
    for (const { origin, at, f } of rows) {
      out.push({
        fileIndex: origin.fileIndex,
        line: at.line,
        col: at.col,
        text: `${at.file}:${at.line}:${at.col}: ${formatFinding({ rule: { id: f.rule, severity: f.severity }, field: f.field, message: f.message, fix: f.fix }, formatObjectRef(f.object))} (${f.docs})`,
      });
    }
    // Array.prototype.sort is stable: equal positions keep the order the rules found them in.
    out.sort((a, b) => a.fileIndex - b.fileIndex || a.line - b.line || a.col - b.col);
    for (const o of out) io.stdout(`${o.text}\n`);
    io.stdout(`${errors} error(s), ${warnings} warning(s) in ${files.length} file(s)\n`);
  }
  return errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}

function usageError(io: CliIo, message: string): number {
  io.stderr(`cdk8s-macvlan: ${message}\n\n${USAGE}`);
  return EXIT_USAGE;
}

function isSymbolicLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? (e instanceof Error ? e.message : String(e));
}

/** The version in the package's package.json (two levels up from src/cli and from lib/cli). */
function packageVersion(): string {
  const file = path.join(__dirname, '..', '..', 'package.json');
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  return String(pkg.version);
}

/**
 * *.yaml, *.yml and *.json below a directory, recursively, sorted by name. Symbolic links are followed,
 * each directory is read once (a link back to a directory already read is not followed again); a link to
 * nothing is listed (reading it reports it). Directories that cannot be read are problems, with the number
 * of files found before them.
 */
export function manifestFilesIn(dir: string): { files: string[]; problems: Array<ParseProblem & { before: number }> } {
  const files: string[] = [];
  const problems: Array<ParseProblem & { before: number }> = [];
  const seen = new Set<string>();
  const byName = (a: fs.Dirent, b: fs.Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      const real = fs.realpathSync(d);
      if (seen.has(real)) return;
      seen.add(real);
      entries = fs.readdirSync(d, { withFileTypes: true }).sort(byName);
    } catch (e) {
      problems.push({ file: d, message: `cannot read the directory: ${errorCode(e)}`, before: files.length });
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      const manifest = /\.(ya?ml|json)$/i.test(e.name);
      let isDir = e.isDirectory();
      if (e.isSymbolicLink()) {
        try {
          isDir = fs.statSync(p).isDirectory();
        } catch {
          isDir = false;
        }
      }
      if (isDir) walk(p);
      else if (manifest) files.push(p);
    }
  };
  walk(dir);
  return { files, problems };
}

/**
 * Parses multi-document YAML (read as kubectl reads it; JSON is YAML too) into plain values, recording each
 * value's file and 1-based document index; syntax errors and documents beyond the reader's bounds become
 * problems with line and column. Top-level arrays contribute each element; empty documents nothing.
 */
export function parseManifests(text: string, file: string, objects: unknown[], origins: Array<{ file: string; document: number }>,
  problems: ParseProblem[]): void {
  const stream = readYamlStream(text);
  for (const p of stream.problems) problems.push({ file, ...p });
  for (const doc of stream.documents) {
    for (const p of doc.problems) problems.push({ file, ...p });
    if (doc.problems.length > 0 || doc.value === null || doc.value === undefined) continue;
    for (const v of Array.isArray(doc.value) ? doc.value : [doc.value]) {
      objects.push(v);
      origins.push({ file, document: doc.index });
    }
  }
}

function countObjects(results: readonly LintResult[]): number {
  return results.length;
}
