/**
 * The shape checks refuse unknown props, so their keys must be exactly the props interfaces' properties
 * (inherited ones included): a prop added to or renamed in an interface fails here until its shape follows.
 */
import * as path from 'path';
import * as ts from 'typescript';
import '../../src';
import { OBJECT_SHAPES } from '../../src/shape';

let checker: ts.TypeChecker;
const interfaces = new Map<string, ts.InterfaceDeclaration>();
beforeAll(() => {
  const root = path.join(__dirname, '..', '..');
  const configPath = path.join(root, 'tsconfig.json');
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, root);
  const program = ts.createProgram([path.join(root, 'src', 'index.ts')], { ...parsed.options, noEmit: true });
  checker = program.getTypeChecker();
  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.startsWith(path.join(root, 'src'))) continue;
    ts.forEachChild(sf, n => {
      if (ts.isInterfaceDeclaration(n)) interfaces.set(n.name.text, n);
    });
  }
});

describe('object shapes have the keys of their interfaces', () => {
  test('every shape names an interface of the library', () => {
    const missing = [...OBJECT_SHAPES.keys()].filter(name => !interfaces.has(name));
    expect(missing).toEqual([]);
    expect(OBJECT_SHAPES.size).toBeGreaterThan(25);
  });

  test.each([...OBJECT_SHAPES.entries()].map(([name, s]) => [name, s] as const))('%s', (name, shape) => {
    const decl = interfaces.get(name)!;
    const props = checker.getPropertiesOfType(checker.getTypeAtLocation(decl)).map(p => p.getName());
    if (shape.openKeys) {
      for (const k of shape.keys) expect(props).toContain(k);
    } else {
      expect([...shape.keys].sort()).toEqual([...props].sort());
    }
  });
});
