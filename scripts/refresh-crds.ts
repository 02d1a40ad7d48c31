/**
 * `npx projen crds:refresh [DIR]`: replaces the vendored upstream CRDs in `crds/` with the ones in DIR
 * (default `../shared/crds`), then regenerates src/rules/crd-schemas.generated.ts (the pruned schemas of rule MV160).
 *
 * DIR holds one folder per upstream project, each with its CRD YAML files (copied unmodified) and a
 * SOURCE.txt recording the upstream repository, commit, path and license. A folder without that
 * provenance is refused: vendored data must say where it came from.
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeSchemaModule } from './gen-crd-schemas';

const ROOT = path.join(__dirname, '..');
export const VENDOR_DIR = path.join(ROOT, 'crds');

/** What SOURCE.txt must mention (case-insensitive), with the reason shown when it does not. */
const PROVENANCE: Array<[RegExp, string]> = [
  [/github\.com\/[\w.-]+\/[\w.-]+/i, 'the upstream repository (github.com/<owner>/<repo>)'],
  [/\b[0-9a-f]{40}\b/i, 'the upstream commit (40 hex digits)'],
  [/licen[cs]e/i, 'the license'],
];

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort();
}

/** Checks one project folder; returns the problems found (empty when it can be vendored). */
export function provenanceProblems(projectDir: string): string[] {
  const name = path.basename(projectDir);
  const sourceFile = path.join(projectDir, 'SOURCE.txt');
  if (!fs.existsSync(sourceFile)) return [`${name}: no SOURCE.txt (upstream repository, commit, path and license)`];
  const source = fs.readFileSync(sourceFile, 'utf8');
  const problems: string[] = [];
  for (const [pattern, what] of PROVENANCE) {
    if (!pattern.test(source)) problems.push(`${name}/SOURCE.txt does not name ${what}`);
  }
  const files = yamlFiles(projectDir);
  if (files.length === 0) problems.push(`${name}: no CRD YAML file`);
  for (const f of files) {
    // the path: either the file name itself or a brace list such as {a.yaml,b.yaml}
    if (!source.includes(f)) problems.push(`${name}/SOURCE.txt does not mention ${f} (its upstream path)`);
  }
  return problems;
}

export function refresh(fromDir: string, toDir: string = VENDOR_DIR): string[] {
  const from = path.resolve(fromDir);
  if (!fs.existsSync(from) || !fs.statSync(from).isDirectory()) {
    throw new Error(`crds:refresh: ${from} is not a directory. Fix: pass the folder holding one sub-folder per upstream project (default ../shared/crds).`);
  }
  const projects = fs.readdirSync(from, { withFileTypes: true }).filter(e => e.isDirectory()).map(e => e.name).sort();
  if (projects.length === 0) throw new Error(`crds:refresh: ${from} has no project folders. Fix: pass the folder that holds e.g. spiderpool/ and kubernetes-nmstate/.`);
  const problems = projects.flatMap(p => provenanceProblems(path.join(from, p)));
  if (problems.length > 0) {
    throw new Error(`crds:refresh: refusing ${from}:\n  ${problems.join('\n  ')}\nFix: record the provenance in each SOURCE.txt, then run again.`);
  }
  fs.rmSync(toDir, { recursive: true, force: true });
  const copied: string[] = [];
  for (const p of projects) {
    fs.mkdirSync(path.join(toDir, p), { recursive: true });
    for (const f of ['SOURCE.txt', ...yamlFiles(path.join(from, p))]) {
      // byte for byte, writable (the source may be read-only)
      fs.writeFileSync(path.join(toDir, p, f), fs.readFileSync(path.join(from, p, f)));
      copied.push(`${p}/${f}`);
    }
  }
  return copied;
}

if (require.main === module) {
  const from = process.argv[2] ?? path.join(ROOT, '..', 'shared', 'crds');
  try {
    const copied = refresh(from);
    const generated = writeSchemaModule();
    process.stdout.write(`crds:refresh: ${copied.length} file(s) from ${path.resolve(from)} into crds/; wrote ${path.relative(ROOT, generated)}\n`);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
