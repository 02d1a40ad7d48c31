/**
 * Runs another TypeScript compiler over files of this repository: the ones users have (TypeScript 5.9 from
 * `cdk8s init`, TypeScript 7 from `npm install typescript`), installed as devDependencies under aliases.
 * TypeScript 7 (the native compiler) has no JavaScript API, so both are run as `tsc` and their output parsed.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const OUT = path.join(ROOT, 'test', 'compile-fixtures', '.out');

/** The user compilers checked, by devDependency alias. */
export const USER_COMPILERS = ['typescript59', 'typescript7'] as const;
export type UserCompiler = typeof USER_COMPILERS[number];

export interface Diagnostic {
  /** Path relative to the repository root, `/`-separated. */
  readonly file: string;
  readonly line: number;
  readonly code: number;
  /** The message with its continuation lines joined by a space. */
  readonly message: string;
}

export interface CompileResult {
  readonly version: string;
  readonly diagnostics: Diagnostic[];
}

export function compilerVersion(compiler: UserCompiler): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', compiler, 'package.json'), 'utf8')).version;
}

/**
 * Type-checks `files` (repository-relative) with the project's tsconfig and `compiler`; `paths` maps module
 * names (e.g. `cdk8s-plus-28` to another version) like tsconfig `paths`.
 */
export function compileWith(compiler: UserCompiler, name: string, files: string[], paths: Record<string, string[]> = {}): Promise<CompileResult> {
  fs.mkdirSync(OUT, { recursive: true });
  const config = path.join(OUT, `tsconfig.${name}.${compiler}.json`);
  fs.writeFileSync(config, JSON.stringify({
    extends: '../../../tsconfig.json',
    compilerOptions: { noEmit: true, rootDir: '../../..', noUnusedLocals: false, types: ['node'], ...(Object.keys(paths).length > 0 ? { paths } : {}) },
    files: files.map(f => path.relative(OUT, path.join(ROOT, f))),
  }, null, 2));
  const tsc = path.join(ROOT, 'node_modules', compiler, 'bin', 'tsc');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [tsc, '-p', config, '--pretty', 'false'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      // tsc exits 1 or 2 when it reports diagnostics; anything else (a crash) is a failure of the check itself
      if (err && typeof err.code !== 'number') return reject(err);
      if (stderr.trim() !== '') return reject(new Error(`${compiler}: ${stderr}`));
      resolve({ version: compilerVersion(compiler), diagnostics: parseTscOutput(stdout) });
    });
  });
}

/** Parses `tsc --pretty false` output: `file(line,col): error TSnnnn: message` plus indented continuation lines. */
export function parseTscOutput(out: string): Diagnostic[] {
  const diags: Array<{ file: string; line: number; code: number; message: string }> = [];
  for (const raw of out.split(/\r?\n/)) {
    const m = /^(.+?)\((\d+),(\d+)\): error TS(\d+): (.*)$/.exec(raw);
    const global = /^error TS(\d+): (.*)$/.exec(raw);
    if (m) {
      diags.push({ file: m[1].split(path.sep).join('/'), line: Number(m[2]), code: Number(m[4]), message: m[5] });
    } else if (global) {
      diags.push({ file: '', line: 0, code: Number(global[1]), message: global[2] });
    } else if (raw.startsWith(' ') && diags.length > 0) {
      diags[diags.length - 1].message += ' ' + raw.trim();
    } else if (raw.trim() !== '') {
      diags.push({ file: '', line: 0, code: 0, message: raw });
    }
  }
  return diags;
}
