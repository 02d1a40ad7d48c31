/**
 * jsii-friendly names: no public name of the library may be a reserved word where jsii-pacmak keeps it as written.
 * jsii's own list (node_modules/jsii/lib/reserved-words.js) is the source; which positions matter per language:
 * - properties and methods are camelCase in Java (getters, struct builder methods such as `.interface(...)`) and
 *   snake_case in Python (struct props become constructor keyword arguments), so Java and Python words are refused
 *   there; C# and Go write them PascalCase (`Namespace`, `Type`), which no keyword of theirs is;
 * - parameters keep their camelCase name in every language: a word reserved anywhere is refused.
 * jsii itself only warns (and projen silences the warning), so this test is what keeps the names clean.
 */
import * as path from 'path';
import * as ts from 'typescript';

// the module is not in jsii's package exports: load it by path
// eslint-disable-next-line @typescript-eslint/no-require-imports
const reserved = require(path.join(path.dirname(require.resolve('jsii/package.json')), 'lib', 'reserved-words.js'));
const MEMBER_RESERVED = new Set<string>([...reserved.JAVA_RESERVED, ...reserved.PYTHON_RESERVED]);
const languagesOf = (name: string): string[] => reserved.isReservedName(name) ?? [];

const root = path.join(__dirname, '..');
const srcDir = path.join(root, 'src') + path.sep;

interface Name { readonly where: string; readonly name: string; readonly kind: 'member' | 'parameter' | 'module' | 'type' }

function publicNames(): Name[] {
  const configPath = path.join(root, 'tsconfig.json');
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, root);
  const program = ts.createProgram([path.join(root, 'src', 'index.ts')], { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(path.join(root, 'src', 'index.ts'))!;
  const out: Name[] = [];
  const isOurs = (d: ts.Declaration) => d.getSourceFile().fileName.startsWith(srcDir.split(path.sep).join('/'));
  const hidden = (d: ts.Declaration) => {
    const isPrivate = ts.canHaveModifiers(d) && (ts.getModifiers(d) ?? []).some(m => m.kind === ts.SyntaxKind.PrivateKeyword);
    return isPrivate || ts.isPrivateIdentifier((d as any).name ?? d);
  };
  const params = (where: string, fn: ts.SignatureDeclaration) => {
    for (const p of fn.parameters) if (ts.isIdentifier(p.name)) out.push({ where, name: p.name.text, kind: 'parameter' });
  };
  const members = (owner: string, type: ts.Type) => {
    for (const prop of checker.getPropertiesOfType(type)) {
      const name = prop.getName();
      if (name.startsWith('_') || name === 'prototype') continue;
      for (const d of prop.getDeclarations() ?? []) {
        if (!isOurs(d) || hidden(d)) continue;
        out.push({ where: owner, name, kind: 'member' });
        if (ts.isMethodDeclaration(d) || ts.isMethodSignature(d)) params(`${owner}.${name}()`, d);
      }
    }
  };
  // `export * as k8s from './k8s'` is a jsii submodule: its names are public too (as `k8s.Name`)
  const walk = (module: ts.Symbol, prefix: string) => {
    for (const sym of checker.getExportsOfModule(module)) {
      const decls = sym.getDeclarations() ?? [];
      const target = decls.some(d => ts.isExportSpecifier(d) || ts.isNamespaceExport(d)) ? checker.getAliasedSymbol(sym) : sym;
      const qualified = `${prefix}${target.name}`;
      if (decls.some(ts.isNamespaceExport)) {
        out.push({ where: `${prefix}(submodule)`, name: sym.name, kind: 'module' });
        walk(target, `${prefix}${sym.name}.`);
        continue;
      }
      for (const d of target.getDeclarations() ?? []) {
        if (!isOurs(d)) continue;
        out.push({ where: `${prefix}(type)`, name: target.name, kind: 'type' });
        if (ts.isClassDeclaration(d)) {
          members(qualified, checker.getDeclaredTypeOfSymbol(target));
          members(qualified, checker.getTypeOfSymbolAtLocation(target, d));
          for (const m of d.members) if (ts.isConstructorDeclaration(m) && !hidden(m)) params(`new ${qualified}()`, m);
        } else if (ts.isInterfaceDeclaration(d)) {
          members(qualified, checker.getDeclaredTypeOfSymbol(target));
        } else if (ts.isEnumDeclaration(d)) {
          for (const m of d.members) out.push({ where: qualified, name: m.name.getText(), kind: 'member' });
        } else if (ts.isFunctionDeclaration(d)) {
          params(`${qualified}()`, d);
        }
      }
    }
  };
  walk(checker.getSymbolAtLocation(index)!, '');
  return out;
}

let names: Name[];
beforeAll(() => {
  names = publicNames();
});

test('the public API is read (classes, structs, enums)', () => {
  const where = new Set(names.map(n => n.where));
  for (const w of ['IpPool', 'AttachmentOptions', 'MacvlanErrors.isMacvlanError()', 'VlanOffer', 'new VlanTopology()', 'k8s.SpiderIpPoolSpec', 'new k8s.NetworkAttachmentDefinition()']) expect(where).toContain(w);
  expect(names.length).toBeGreaterThan(300);
});

test('no public property or method is named with a Java or Python reserved word', () => {
  const bad = names.filter(n => n.kind === 'member' && MEMBER_RESERVED.has(n.name)).map(n => `${n.where}.${n.name} (${languagesOf(n.name).join(', ')})`);
  expect(bad).toEqual([]);
});

test('no public parameter is named with a word reserved in any jsii language', () => {
  const bad = names.filter(n => n.kind === 'parameter' && languagesOf(n.name).length > 0).map(n => `${n.where} ${n.name} (${languagesOf(n.name).join(', ')})`);
  expect(bad).toEqual([]);
});

test('no submodule or type is named with a word reserved in any jsii language', () => {
  // a submodule is a package/namespace name in every target (Python `cdk8s_macvlan.k8s`, Go package `k8s`);
  // type names keep their case everywhere, and Python has PascalCase keywords (None, True, False)
  expect(names.filter(n => n.kind === 'module').map(n => n.name)).toEqual(['k8s']);
  const bad = names.filter(n => (n.kind === 'module' || n.kind === 'type') && languagesOf(n.name).length > 0).map(n => `${n.where} ${n.name} (${languagesOf(n.name).join(', ')})`);
  expect(bad).toEqual([]);
  expect(languagesOf('None')).toContain('Python');
});

test('the check would catch the names renamed in 0.1 (interface, default, error)', () => {
  expect(MEMBER_RESERVED.has('interface') && MEMBER_RESERVED.has('default')).toBe(true);
  expect(languagesOf('error')).toContain('Go');
  // kept on purpose: PascalCase in C# and Go, not reserved in Java or Python
  for (const kept of ['namespace', 'type', 'operator', 'range']) expect(MEMBER_RESERVED.has(kept)).toBe(false);
});
