/**
 * Compile-time pairing rules: every snippet in test/typecheck/snippets is compiled with the project's
 * compiler options. A snippet whose first line is `// expect-error: TSnnnn ...` must fail with exactly
 * that diagnostic code (and no other); `// expect-ok` snippets must compile cleanly (the control).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const SNIPPETS = path.join(__dirname, 'typecheck', 'snippets');
const files = fs.readdirSync(SNIPPETS).filter(f => f.endsWith('.ts')).sort().map(f => path.join(SNIPPETS, f));

function expectation(file: string): { kind: 'ok' } | { kind: 'error'; code: number } {
  const first = fs.readFileSync(file, 'utf8').split('\n')[0];
  const err = /^\/\/ expect-error: TS(\d+)/.exec(first);
  if (err) return { kind: 'error', code: Number(err[1]) };
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
