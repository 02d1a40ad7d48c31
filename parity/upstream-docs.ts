/**
 * `npm run upstream-docs -- [--json REPORT] OUT SOURCE...`: lints the example manifests of upstream documentation
 * (docs/upstream-docs.md has the figures and the triage). A SOURCE is a git mirror (the `fetch` tool writes them to
 * .mirror/<owner>+<name>/repo) or a plain directory named <owner>+<name> holding copies. From docs/**, doc/**,
 * examples/** and README.md it takes *.yaml/*.yml files as they are, and from *.md files the ```yaml blocks and the
 * heredocs of shell blocks that hold a manifest (`cat <<EOF | kubectl apply -f -`, with the shell variables the page
 * sets expanded). Each block is written to OUT (repository, commit and path in a header comment) and linted with the
 * CLI alone and with its context (see main); the report lists, per upstream file, the rules that stay, and counts
 * the files with findings. Blocks with a "..." line (excerpts) are listed, not linted. Nothing is vendored: OUT is a
 * scratch directory. LINT_ROOT=<checkout> lints with another checkout's CLI, for before/after figures.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { basename, dirname, join } from 'path';
import * as YAML from 'yaml';

const KINDS = /^kind:\s*(SpiderIPPool|SpiderSubnet|SpiderMultusConfig|NetworkAttachmentDefinition|NodeNetworkConfigurationPolicy|Pod|Deployment|StatefulSet|DaemonSet|ReplicaSet|Job|CronJob|SpiderReservedIP|Namespace)\s*$/m;

function git(gitDir: string, ...args: string[]): string {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** The manifests of a markdown file: ```yaml blocks, and heredocs of other fenced blocks that hold one. */
function markdownManifests(text: string): string[] {
  const out: string[] = [];
  // shell variables the page sets (NAME="value"), in page order, for the unquoted heredocs that use them
  const vars = new Map<string, string>();
  // the closing fence at any indentation: CommonMark allows some, and list items shift it
  const fence = /^([ \t]*)(```|~~~)[ \t]*([\w-]*)[^\n]*\n([\s\S]*?)^[ \t]*\2[ \t]*$/gm;
  for (const m of text.matchAll(fence)) {
    const indent = m[1].length;
    const body = m[4].split('\n').map(l => l.slice(Math.min(indent, l.length - l.trimStart().length))).join('\n');
    const lang = m[3].toLowerCase();
    if (lang === 'yaml' || lang === 'yml') {
      out.push(body);
      continue;
    }
    // a heredoc up to its terminator, or to the end of the block when the page leaves the terminator out
    let from = 0;
    for (const h of body.matchAll(/<<\s*-?\s*(['"]?)(\w+)\1[^\n]*\n([\s\S]*?)(?:^\s*\2\s*$|(?![\s\S]))/gm)) {
      readAssignments(body.slice(from, h.index), vars);
      from = h.index! + h[0].length;
      out.push(h[1] ? h[3] : expandShell(h[3], vars));
    }
    readAssignments(body.slice(from), vars);
  }
  return out.filter(b => KINDS.test(b));
}

/** `NAME=value` lines of a shell block (optionally `export`ed, quoted), values expanded with the earlier ones. */
function readAssignments(shell: string, vars: Map<string, string>): void {
  for (const a of shell.matchAll(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|'([^']*)'|(\S*))\s*$/gm)) {
    vars.set(a[1], a[4] ?? expandShell(a[3] ?? a[5] ?? '', vars));
  }
}

/**
 * An unquoted heredoc is expanded by the shell before kubectl reads it: `${MASTER_INTERFACE}` and the like stand
 * for values the page sets earlier (`vars`). Unset ones: interface variables become "eth0", others a DNS label
 * made of their name.
 */
function expandShell(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(/\$\{(\w+)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a, b) => {
    const name: string = a ?? b;
    const set = vars.get(name);
    if (set !== undefined) return set;
    if (/INTERFACE|MASTER|IFACE|NIC/.test(name)) return 'eth0';
    return name.toLowerCase().replace(/_/g, '-').slice(0, 63);
  });
}

interface Block {
  /** `owner/name path` of the upstream file. */
  readonly upstream: string;
  readonly file: string;
  readonly text: string;
  /** Where the context of the block comes from: the page, and for example files their directory. */
  readonly scope: string;
}

/** `kind ns/name` of each object of a YAML text (documents that do not parse are left out). */
function objectsOf(text: string): Array<{ key: string; obj: unknown }> {
  const out: Array<{ key: string; obj: unknown }> = [];
  let docs: YAML.Document[];
  try {
    docs = YAML.parseAllDocuments(text) as YAML.Document[];
  } catch {
    return out;
  }
  for (const d of docs) {
    if (d.errors.length > 0) continue;
    const obj = d.toJS() as any;
    if (!obj || typeof obj !== 'object' || typeof obj.kind !== 'string') continue;
    out.push({ key: `${obj.kind} ${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`, obj });
  }
  return out;
}

/** The files below `dir`, as paths relative to `root`. */
function walk(root: string, dir: string): string[] {
  return readdirSync(join(root, dir)).sort().flatMap(name => {
    const rel = dir ? `${dir}/${name}` : name;
    return statSync(join(root, rel)).isDirectory() ? walk(root, rel) : [rel];
  });
}

/** A line that is only "..." or "…" (with a comment at most): the page left lines out. */
const ELIDED = /^[ \t]*(\.\.\.|…)[ \t]*(#.*)?$/m;

function collect(outDir: string, gitDirs: readonly string[], fragments: string[]): Block[] {
  const blocks: Block[] = [];
  for (const source of gitDirs) {
    // a git directory (a mirror: <owner>+<name>/repo), or a plain directory named <owner>+<name> holding copies
    const isGit = existsSync(join(source, 'HEAD'));
    const repo = basename(isGit ? dirname(source) : source).replace('+', '/');
    const commit = isGit ? git(source, 'rev-parse', 'HEAD').trim() : 'snapshot';
    const paths = (isGit ? git(source, 'ls-tree', '-r', '--name-only', 'HEAD').split('\n') : walk(source, ''))
      .filter(p => /^(docs?|examples)\/.*\.(ya?ml|md)$|^README\.md$/.test(p));
    for (const path of paths) {
      let text: string;
      try {
        text = isGit ? git(source, 'show', `HEAD:${path}`) : readFileSync(join(source, path), 'utf8');
      } catch {
        continue; // a large file the snapshot lists but does not hold
      }
      const docs = path.endsWith('.md') ? markdownManifests(text) : KINDS.test(text) ? [text] : [];
      if (docs.length === 0) continue;
      // each block is linted as a manifest set of its own (a page's blocks are often alternatives: IPv4 or dual
      // stack, before and after an edit), with the other blocks of the page as its context (see lintBlock)
      const scope = path.endsWith('.md') ? `${repo} ${path}` : `${repo} ${dirname(path)}/`;
      docs.forEach((doc, i) => {
        if (ELIDED.test(doc)) {
          // an excerpt ("..." for the lines left out): not a manifest anyone applies as written
          fragments.push(`${repo} ${path}${docs.length > 1 ? ` (block ${i + 1})` : ''}`);
          return;
        }
        const file = join(outDir, repo.replace('/', '+'), `${path.replace(/\//g, '__')}${docs.length > 1 ? `.block${i + 1}` : ''}.yaml`);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, `# ${repo}@${commit} ${path}${docs.length > 1 ? ` (block ${i + 1})` : ''}\n${doc}`);
        blocks.push({ upstream: `${repo} ${path}`, file, text: doc, scope });
      });
    }
  }
  return blocks;
}

interface FileResult {
  errors: Map<string, string[]>;
  warnings: Map<string, string[]>;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args[0] === '--json' ? (args.shift(), args.shift()) : undefined;
  const [outDir, ...gitDirs] = args;
  if (!outDir || gitDirs.length === 0) {
    process.stderr.write('usage: parity/upstream-docs.ts [--json REPORT] OUT GITDIR|DIR...\n');
    process.exit(2);
  }
  rmSync(outDir, { recursive: true, force: true });
  const fragments: string[] = [];
  const blocks = collect(outDir, gitDirs, fragments);
  // The context of a block: the objects the other blocks of its page (for example files: of its directory)
  // define, each key once (its first definition), none the block defines itself. A page creates its pools in one
  // block and the pod that uses them in the next; linted alone, the pod would name a missing pool.
  const byScope = new Map<string, Block[]>();
  for (const b of blocks) byScope.set(b.scope, [...(byScope.get(b.scope) ?? []), b]);
  // LINT_ROOT: lint with another checkout's CLI (e.g. the one before a change) for before/after figures.
  const root = process.env.LINT_ROOT ?? join(__dirname, '..');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cli = require(join(root, 'src', 'cli', 'main'));
  const byFile = new Map<string, FileResult>();
  const byRepo = new Map<string, Block[]>();
  for (const b of blocks) {
    const repo = b.upstream.split(' ')[0];
    byRepo.set(repo, [...(byRepo.get(repo) ?? []), b]);
  }
  const lint = async (files: string[]): Promise<any> => {
    let stdout = '';
    await cli.main(['lint', '--format', 'json', ...files], { stdout: (t: string) => { stdout += t; }, stderr: () => undefined, readStdin: async () => '' });
    try {
      return JSON.parse(stdout);
    } catch {
      return undefined;
    }
  };
  const keyOf = (f: any) => `${f.rule} ${f.kind} ${f.namespace ?? ''}/${f.name} ${f.field}`;
  for (const b of blocks) {
    // The block alone, then with its context: the objects of the other blocks of its page (example files: of
    // their directory), then of the rest of the repository's documentation (a page uses the network another page
    // creates), each key once, none the block defines itself. A finding counts when it stays with the context
    // present: the context resolves references, it does not add findings (the other blocks are often
    // alternatives, not one set: a macvlan and an ipvlan variant on one master is no mistake of the page).
    const own = new Set(objectsOf(b.text).map(o => o.key));
    const context = new Map<string, unknown>();
    const repo = b.upstream.split(' ')[0];
    for (const other of [...(byScope.get(b.scope) ?? []), ...(byRepo.get(repo) ?? [])]) {
      if (other === b) continue;
      for (const o of objectsOf(other.text)) if (!own.has(o.key) && !context.has(o.key)) context.set(o.key, o.obj);
    }
    const entry = byFile.get(b.upstream) ?? { errors: new Map(), warnings: new Map() };
    byFile.set(b.upstream, entry);
    const add = (m: Map<string, string[]>, rule: string, text: string) => m.set(rule, [...(m.get(rule) ?? []), text]);
    const alone = await lint([b.file]);
    if (!alone) {
      add(entry.errors, '(no lint output)', b.file);
      continue;
    }
    let kept = new Set<string>((alone.findings ?? []).map(keyOf));
    if (context.size > 0) {
      const ctx = `${b.file}.context.yaml`;
      writeFileSync(ctx, [...context.values()].map(o => YAML.stringify(o)).join('---\n'));
      const withContext = await lint([b.file, ctx]);
      if (withContext) kept = new Set((withContext.findings ?? []).filter((f: any) => f.file === b.file).map(keyOf));
    }
    for (const f of alone.findings ?? []) {
      if (!kept.has(keyOf(f))) continue;
      add(f.severity === 'error' ? entry.errors : entry.warnings, f.rule, `${basename(b.file)}:${f.line} ${f.kind} ${f.name} ${f.field}: ${f.message}`);
    }
    for (const p of alone.parseErrors ?? []) add(entry.errors, 'YAML', `${basename(b.file)}:${p.line ?? ''} ${p.message}`);
  }
  let withErrors = 0;
  let withFindings = 0;
  const report: Record<string, { errors: Record<string, string[]>; warnings: Record<string, string[]> }> = {};
  for (const [file, what] of [...byFile].sort()) {
    if (what.errors.size) withErrors++;
    if (what.errors.size || what.warnings.size) withFindings++;
    if (!what.errors.size && !what.warnings.size) continue;
    report[file] = { errors: Object.fromEntries(what.errors), warnings: Object.fromEntries(what.warnings) };
    process.stdout.write(`${file}: errors ${[...what.errors.keys()].sort().join(' ') || '-'}; warnings ${[...what.warnings.keys()].sort().join(' ') || '-'}\n`);
  }
  process.stdout.write(`\n${byFile.size} upstream files with manifests (${blocks.length} blocks); ${withErrors} with error findings, ${withFindings} with any finding\n`);
  process.stdout.write(`${fragments.length} excerpts not linted ("..." for left-out lines): ${fragments.join('; ')}\n`);
  if (json) writeFileSync(json, JSON.stringify({ files: byFile.size, blocks: blocks.length, withErrors, withFindings, fragments, report }, null, 2) + '\n');
}

void main();
