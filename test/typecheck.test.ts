/**
 * Compile-time pairing rules: every snippet in test/typecheck/snippets is compiled with the project's
 * compiler options. A snippet whose first line is `// expect-error: TSnnnn ...` must fail with exactly
 * that diagnostic code (and no other) under the project's TypeScript; `// expect-ok` snippets must compile
 * cleanly (the control).
 *
 * Users compile with other TypeScript versions (5.9 from `cdk8s init`, 7 from `npm install typescript`):
 * there the codes may differ (TS 7 says TS2741/TS2740 where 5.9 says TS2345), so an error snippet must fail
 * at the same place and its message must name the wrong type given on its second line (`// names: T`,
 * alternatives separated by ` or `, each quoted as the compiler quotes a type).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { CompileResult, USER_COMPILERS, compileWith } from './support/compilers';

const SNIPPETS = path.join(__dirname, 'typecheck', 'snippets');
const files = fs.readdirSync(SNIPPETS).filter(f => f.endsWith('.ts')).sort().map(f => path.join(SNIPPETS, f));

function expectation(file: string): { kind: 'ok' } | { kind: 'error'; code: number; names: string[] } {
  const [first, second] = fs.readFileSync(file, 'utf8').split('\n');
  const err = /^\/\/ expect-error: TS(\d+)/.exec(first);
  if (err) {
    const names = /^\/\/ names: (.+)$/.exec(second ?? '');
    if (!names) throw new Error(`${file}: second line must be "// names: <the wrong type as the compiler writes it>"`);
    return { kind: 'error', code: Number(err[1]), names: names[1].split(' or ') };
  }
  if (/^\/\/ expect-ok/.test(first)) return { kind: 'ok' };
  throw new Error(`${file}: first line must be "// expect-error: TSnnnn" or "// expect-ok"`);
}

let program: ts.Program;
beforeAll(() => {
  const configPath = path.join(__dirname, '..', 'tsconfig.json');
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, path.dirname(configPath));
  program = ts.createProgram(files, { ...parsed.options, noEmit: true, noUnusedLocals: false, rootDir: undefined });
});

function diagnostics(file: string): ts.Diagnostic[] {
  const sf = program.getSourceFile(file)!;
  return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
}

function render(d: ts.Diagnostic): string {
  const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
  return `TS${d.code} at ${pos ? pos.line + 1 : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
}

test('there are failing snippets and a control', () => {
  const kinds = files.map(f => expectation(f).kind);
  expect(kinds).toContain('ok');
  expect(kinds.filter(k => k === 'error').length).toBeGreaterThanOrEqual(7);
});

describe.each(files.map(f => [path.basename(f), f]))('%s', (_name, file) => {
  test('compiles as its first line says', () => {
    const exp = expectation(file);
    const diags = diagnostics(file).map(render);
    if (exp.kind === 'ok') {
      expect(diags).toEqual([]);
    } else {
      expect(diags.length).toBeGreaterThan(0);
      for (const d of diags) expect(d).toMatch(new RegExp(`^TS${exp.code} `));
    }
  });
});

describe.each(USER_COMPILERS.map(c => [c]))('with the user compiler %s', (compiler) => {
  let result: CompileResult;
  const relative = files.map(f => path.relative(path.join(__dirname, '..'), f).split(path.sep).join('/'));
  beforeAll(async () => {
    result = await compileWith(compiler, 'snippets', relative);
  });

  test('reports nothing outside the snippets (the library itself compiles)', () => {
    expect(result.diagnostics.filter(d => !relative.includes(d.file))).toEqual([]);
  });

  test.each(relative.map(f => [path.basename(f), f]))('%s', (_name, file) => {
    const exp = expectation(path.join(__dirname, '..', file));
    const diags = result.diagnostics.filter(d => d.file === file);
    if (exp.kind === 'ok') {
      expect(diags).toEqual([]);
      return;
    }
    // the same place as under the project's compiler, and a message naming the wrong type
    const expectedLines = [...new Set(diagnostics(path.join(__dirname, '..', file))
      .map(d => d.file!.getLineAndCharacterOfPosition(d.start!).line + 1))];
    expect([...new Set(diags.map(d => d.line))]).toEqual(expectedLines);
    const named = diags.filter(d => exp.names.some(n => d.message.includes(`'${n}'`)));
    expect({ version: result.version, named: named.length > 0, messages: diags.map(d => `TS${d.code}: ${d.message}`) })
      .toEqual(expect.objectContaining({ named: true }));
  });
});
