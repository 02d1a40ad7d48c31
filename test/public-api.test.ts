/**
 * What the package exports, read from the type checker (types included, which a runtime `Object.keys` cannot
 * see): the internal models and base classes that API.md once showed stay out of it.
 */
import * as path from 'path';
import * as ts from 'typescript';

function exportedNames(): string[] {
  const root = path.join(__dirname, '..');
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, root);
  const program = ts.createProgram([path.join(root, 'src', 'index.ts')], { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const out: string[] = [];
  const walk = (module: ts.Symbol, prefix: string) => {
    for (const sym of checker.getExportsOfModule(module)) {
      out.push(prefix + sym.name);
      if ((sym.getDeclarations() ?? []).some(ts.isNamespaceExport)) walk(checker.getAliasedSymbol(sym), `${prefix}${sym.name}.`);
    }
  };
  walk(checker.getSymbolAtLocation(program.getSourceFile(path.join(root, 'src', 'index.ts'))!)!, '');
  return out;
}

let names: string[];
beforeAll(() => {
  names = exportedNames();
});

test('the public names are read (top level and the k8s submodule)', () => {
  for (const n of ['IpPool', 'IMacvlanNetwork', 'MacvlanNetworkProps', 'StandaloneHelperPlugin', 'PodNetworks', 'IPodNetworks', 'k8s', 'k8s.SpiderIpPool', 'k8s.LabelSelector']) expect(names).toContain(n);
});

test.each([
  // the networks' base class: its constructor takes the coordinator mode and the helper model
  'MacvlanNetwork',
  // the pod network sets' common base class (PodNetworks only holds the factories)
  'PodNetworkSet',
  // helpers: an interface no signature takes, and the model behind the factories
  'IHelperPlugin', 'HelperPlugin', 'HelperPluginModel', 'spidernetPlugin', 'registerHelperModel',
  // the thin objects' old top-level names (now k8s.*)
  'SpiderIpPoolObject', 'SpiderMultusConfigObject', 'SpiderReservedIpObject', 'NodeNetworkConfigurationPolicyObject',
  'NetworkAttachmentDefinition', 'SpiderIpPoolSpec', 'LabelSelectorSpec', 'SelectorRequirement',
  // validation plumbing
  'ValidationEngine', 'MacvlanError',
])('%s is not exported', name => {
  expect(names).not.toContain(name);
});
