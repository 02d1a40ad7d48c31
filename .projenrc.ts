import { cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-macvlan',
  description:
    'Typed cdk8s constructs for Macvlan underlay networking: Multus NetworkAttachmentDefinitions, Spiderpool IP pools, nmstate bond/VLAN policies and annotated workloads.',
  author: 'cdk8s-macvlan developers',
  // No public contact address or repository exists yet: leave them empty rather than invent one
  // (jsii insists on a repository entry: see the `repository` field below).
  authorAddress: '',
  repositoryUrl: '',
  stability: 'experimental',
  // bin/ is wired explicitly with addBins below (projen would add every executable in bin/ as a command)
  autoDetectBin: false,
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  keywords: ['cdk8s', 'kubernetes', 'multus', 'macvlan', 'spiderpool', 'nmstate', 'cni'],

  // Toolchain pins that work on this registry mirror (see shared/docs/TOOLCHAIN.md).
  cdk8sVersion: '2.68.12',
  constructsVersion: '10.3.0',
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.0',
  minNodeVersion: '20.0.0',
  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  // the `cdk8s-macvlan lint` CLI reads YAML; jsii libraries must bundle non-jsii dependencies
  bundledDeps: ['yaml@^2.8.0'],
  devDeps: ['cdk8s-cli@2.207.60', 'cdk8s-plus-28@2.5.6', 'cdk8s-plus-33@2.5.57', 'typescript59@npm:typescript@~5.9.3', 'typescript7@npm:typescript@7.0.2', 'ajv@^8.17.1', 'fast-check@^4.3.0', 'ts-node@^10.9.2'],

  // No hosted CI/release automation: CI is `.ci/run`.
  github: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  docgen: true,

  jestOptions: {
    // snapshots are compared, never rewritten, by `npm test` (update them with `npx jest -u`)
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testTimeout: 120_000,
      // the network e2e suite creates namespaces: keep suites from fighting over CPU on 2 cores
      maxWorkers: 2,
    },
  },
  // ts-jest only transpiles in jsii projects: a separate `tsc --noEmit` makes test types real.
  typecheckTests: true,
  tsconfigDev: {
    include: ['../examples/**/*.ts', '../bench/**/*.ts', '../scripts/**/*.ts', '../parity/**/*.ts'],
    // compile-fail snippets are compiled by test/typecheck.test.ts, one by one, and must fail there
    exclude: ['typecheck/snippets/**', 'compile-fixtures/.out/**'],
    compilerOptions: {},
  },
  gitignore: ['/manifests/', '/bench/results.json', '*.cpuprofile'],
});


// `cdk8s-macvlan lint ...`: the shim runs lib/ when compiled, src/ through ts-node in a checkout
project.addBins({ 'cdk8s-macvlan': 'bin/cdk8s-macvlan.js' });

// Release hygiene: the first release; CHANGELOG.md says what is in it.
project.package.addVersion('0.1.0');
// jsii refuses a package.json without `repository.url`; there is no public repository yet, so it stays empty.
project.package.addField('repository', { type: 'git', url: '' });

// compile-fail snippets are meant not to type-check; test/typecheck.test.ts compiles them
project.eslint?.addIgnorePattern('test/typecheck/snippets/');

// Layers only point down (ARCHITECTURE.md): net <- cni, k8s <- rules <- validation <- networks <- pods, topology <- cli.
// Each layer may not import from the layers above it (errors.ts, at the bottom, is for everyone).
const LAYERS = [['net'], ['cni', 'k8s'], ['rules'], ['validation'], ['networks'], ['pods', 'topology'], ['cli']];
project.eslint?.addRules({
  'import/no-restricted-paths': ['error', {
    zones: LAYERS.flatMap((layer, i) => layer.map(dir => ({
      target: `./src/${dir}`,
      from: LAYERS.slice(i + 1).flat().map(above => `./src/${above}`),
      message: `src/${dir} is below these layers (see ARCHITECTURE.md): move the shared code down instead`,
    }))),
  }],
  // No import cycles (type-only imports do not count): in a cycle, the module loaded first decides which exports
  // the others see undefined (ARCHITECTURE.md, "Where a new rule goes").
  'import/no-cycle': ['error'],
});

// The validation hot path (every object of an app, every synth): V8 gives each object of a literal that starts with a
// spread ({ ...x, key }, { ...a, ...b }) a hidden class of its own, and the rules reading thousands of such objects
// then run on megamorphic property loads (measured: 30% of the engine pass at 4094 VLANs). Build such objects field by
// field, with the fixed keys first, or with Object.assign.
project.eslint?.addOverride({
  files: ['src/net/**', 'src/rules/**', 'src/validation/**', 'src/k8s/**', 'src/networks/**', 'src/pods/**'],
  rules: {
    'no-restricted-syntax': ['error', {
      selector: 'ObjectExpression[properties.length>1] > SpreadElement:first-child',
      message: 'an object literal that starts with a spread gets a hidden class per object in V8: put the fixed keys first, or use Object.assign (see .projenrc.ts)',
    }],
  },
});

// npm ci breaks on unrs-resolver 1.13 here (non-Linux optional builds missing).
project.package.addPackageResolutions('unrs-resolver@1.12.2');

for (const p of ['/examples/', '/bench/', '/parity/', '/manifests/', '/.ci/', '/scripts/', '/crds/']) project.addPackageIgnore(p);

const quiet = {
  JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20',
  JSII_SILENCE_SUPPORT_WARNING: '1',
};
for (const [k, v] of Object.entries(quiet)) project.tasks.addEnvironment(k, v);

project.addTask('synth', {
  description: 'Synthesize the example scenarios into manifests/',
  exec: 'ts-node --transpile-only examples/main.ts',
});
// The upstream CRDs are vendored in crds/ (data, with SOURCE.txt provenance): the repository needs no ../shared.
project.addTask('crds:refresh', {
  description: 'Replace the vendored upstream CRDs in crds/ with those of a folder (default ../shared/crds)',
  steps: [{ exec: 'ts-node --transpile-only scripts/refresh-crds.ts', receiveArgs: true }],
});
// npm runs `prepack` before `npm pack` / `npm publish`: never a package without lib/.
project.addTask('prepack', {
  description: 'Refuse to pack an uncompiled tree (lib/ and .jsii must exist)',
  exec: 'node scripts/check-pack.js',
});
project.addTask('try-as-user', {
  description: 'cdk8s init typescript-app, install the packed tarball, paste the README example, cdk8s synth with cdk8s-plus-33 and -28 (needs the registry; after npx projen build)',
  steps: [{ exec: 'bash scripts/try-as-user.sh', receiveArgs: true }],
});
project.addTask('bench', {
  description: 'Benchmark synth at fabric scale against a bare-cdk8s baseline',
  exec: 'node --expose-gc -r ts-node/register/transpile-only bench/bench.ts',
});

project.addTask('parity', {
  description: 'Differential run against the upstream oracle (../shared/oracle): npm run parity -- --seed 1 --count 14000',
  exec: 'ts-node --transpile-only parity/main.ts',
  receiveArgs: true,
});

project.addTask('upstream-docs', {
  description: 'Lint the manifests of upstream documentation (git mirrors or copies, not in npm test; triage in docs/upstream-docs.md): npm run upstream-docs -- [--json REPORT] OUT GITDIR|DIR...',
  exec: 'ts-node --transpile-only parity/upstream-docs.ts',
  receiveArgs: true,
});

project.addTask('fuzz:lint', {
  description: 'Seeded property run of lintManifests and the CLI on generated inputs (not in npm test): npm run fuzz:lint -- --seed 1 --count 100000',
  exec: 'ts-node --transpile-only scripts/fuzz-lint.ts',
  receiveArgs: true,
});

// Issue 12: the long seeded search over the constructs' entry points (npm test runs a bounded part of it).
project.addTask('fuzz:constructs', {
  description: 'Generated input at every construct entry point, each run twice: npx projen fuzz:constructs -- --runs 100000 --seed 1',
  exec: 'ts-node --transpile-only scripts/fuzz-constructs.ts',
  receiveArgs: true,
});

// generated by tests (compile fixtures for other TypeScript versions); added last: projen drops it when added before `!/test/`
project.gitignore.addPatterns('/test/compile-fixtures/.out/');

project.synth();
