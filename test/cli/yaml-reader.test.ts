/** The CLI's YAML reader: YAML as kubectl reads it (go-yaml v2 through sigs.k8s.io/yaml), within stated bounds. */
import { resolveGoNumber } from '../../src/cli/go-yaml-scalars';
import { MAX_NESTING, parseFieldPath, readYamlStream } from '../../src/cli/yaml-reader';

const value = (text: string) => {
  const s = readYamlStream(text);
  expect(s.documents.flatMap(d => d.problems)).toEqual([]);
  return s.documents[0].value;
};

describe('scalars as go-yaml v2 resolves them', () => {
  test.each([
    ['yes', true], ['No', false], ['on', true], ['OFF', false], ['y', true], ['n', false], ['true', true],
    ['~', null], ['Null', null], ['', null],
    ['0755', 493], ['0o17', 15], ['0x1F', 31], ['0b101', 5], ['1_000', 1000], ['+12', 12], ['-0', 0], ['08', 8], ['1e3', 1000], ['.5', 0.5], ['1.', 1],
    ['1:20', '1:20'], ['0x1FFFFFFFFFFFFFFFFF', '0x1FFFFFFFFFFFFFFFFF'], ['10.0.0.0/24', '10.0.0.0/24'], ['eth0', 'eth0'], ['_1', '_1'],
    ['2001-12-14', '2001-12-14T00:00:00Z'], ['2001-12-14t21:59:43.10-05:00', '2001-12-14T21:59:43.1-05:00'], ['2001-12-14 21:59:43.10', '2001-12-14T21:59:43.1Z'],
    ['2001-02-30', '2001-02-30'], ['2001-12-14T21:59:43', '2001-12-14T21:59:43'],
  ])('%s', (text, expected) => {
    expect(value(`v: ${text}`)).toEqual({ v: expected });
  });

  test('quoted scalars and explicit tags stay text; !!merge on a value keeps its text; !!binary is decoded', () => {
    expect(value('a: "yes"\nb: \'0755\'\nc: !!str 5\nd: !!merge x\ne: !foo bar\nf: !!binary aGVsbG8=\n')).toEqual({ a: 'yes', b: '0755', c: '5', d: 'x', e: 'bar', f: 'hello' });
  });

  test('merge keys merge', () => {
    expect(value('base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  b: 3\n')).toEqual({ base: { a: 1, b: 2 }, x: { a: 1, b: 3 } });
  });

  test('resolveGoNumber keeps what go-yaml does not read as a number', () => {
    expect(resolveGoNumber('1.2.3')).toBe('1.2.3');
    expect(resolveGoNumber('.inf')).toBe(Infinity);
  });
});

describe('what kubectl refuses is a problem, with its position', () => {
  test.each([
    ['v: .inf\n', 1, 4, /^\.inf is not a number JSON can hold/],
    ['? [a, b]\n: c\n', 1, 3, /^a mapping key is itself a list or mapping/],
    ['a: &a [*a]\n', 1, 8, /^alias \*a refers to a node that contains it/],
    [`v: ${'['.repeat(MAX_NESTING + 1)}${']'.repeat(MAX_NESTING + 1)}\n`, 1, 103, /^nesting deeper than 100 levels/],
    ["config: '{\n---\n}'\n", 1, 11, /quote/],
  ])('%j', (text, line, col, message) => {
    const s = readYamlStream(text);
    const problems = [...s.problems, ...s.documents.flatMap(d => d.problems)];
    expect(problems[0]).toEqual({ line, col, message: expect.stringMatching(message) });
  });
});

describe('quoted scalars as go-yaml reads them (issue 11)', () => {
  test('continuation lines less indented than the key, down to column 0, fold as usual', () => {
    expect(value("spec:\n  config: '{\n\"a\": 1,\n  \"b\": [1,\n    2]\n}'\n")).toEqual({ spec: { config: '{ "a": 1, "b": [1, 2] }' } });
    expect(value('metadata:\n  annotations:\n    k: "[\n  {\\"name\\": \\"x\\"}\n]"\n')).toEqual({ metadata: { annotations: { k: '[ {"name": "x"} ]' } } });
  });
});

describe('locating a field', () => {
  const text = 'kind: Pod\nmetadata:\n  name: p\n  annotations:\n    k8s.v1.cni.cncf.io/networks: x\nspec:\n  routes:\n    - {dst: a}\n    - {dst: b, gw: c}\n';
  const doc = readYamlStream(text).documents[0];
  test.each([
    ['metadata.annotations[k8s.v1.cni.cncf.io/networks]', 5, 5],
    ['metadata.annotations[k8s.v1.cni.cncf.io/networks][0].name', 5, 5],
    ['spec.routes[1].gw', 9, 16],
    ['spec.routes[1]', 9, 7],
    ['spec.missing', 6, 1],
    ['interface "net1" of kube-system/n', 1, 1],
    ['(document)', 1, 1],
  ])('%s', (field, line, col) => {
    expect(doc.locate(parseFieldPath(field))).toEqual({ line, col });
  });
});
