/**
 * Every cdk8s-plus 2.x: the same app, written once against cdk8s-plus-28, type-checks and synthesizes the same
 * manifests when it imports cdk8s-plus-33 instead (IPodNetworks.applyTo takes any construct with pod metadata),
 * with the project's compiler and with the compilers users have (TypeScript 5.9 and 7).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as plus28 from 'cdk8s-plus-28';
import * as plus33 from 'cdk8s-plus-33';
import { MacvlanStandaloneNetwork, PodNetworks } from '../src';
import { buildApp as buildWith28 } from './compile-fixtures/plus-app';
import { USER_COMPILERS, compileWith } from './support/compilers';
import { MacvlanError } from '../src/errors';

const ROOT = path.join(__dirname, '..');
const SOURCE = 'test/compile-fixtures/plus-app.ts';
const VARIANT = 'test/compile-fixtures/.out/plus-app-33.ts';

/** The app with `cdk8s-plus-33` in place of `cdk8s-plus-28` (and the library path one folder deeper). */
function writeVariant(): void {
  const text = fs.readFileSync(path.join(ROOT, SOURCE), 'utf8');
  const variant = text.replace(/from 'cdk8s-plus-28'/g, "from 'cdk8s-plus-33'").replace(/from '\.\.\/\.\.\/src'/g, "from '../../../src'");
  expect(variant).not.toBe(text);
  expect(variant).not.toMatch(/cdk8s-plus-28'/);
  fs.mkdirSync(path.dirname(path.join(ROOT, VARIANT)), { recursive: true });
  fs.writeFileSync(path.join(ROOT, VARIANT), variant);
}

beforeAll(writeVariant);

describe('the same app with cdk8s-plus-28 and cdk8s-plus-33', () => {
  test('the two versions are really different packages (distinct classes)', () => {
    expect(plus33.Deployment).not.toBe(plus28.Deployment);
    expect(JSON.parse(fs.readFileSync(require.resolve('cdk8s-plus-33/package.json'), 'utf8')).version).toMatch(/^2\./);
  });

  test('synthesizes the same networks, pools and pod annotations', () => {
    // cdk8s-plus-33 renders a few more pod defaults (e.g. shareProcessNamespace): compare what this library writes
    const ours = (build: () => App) => {
      const objects: any[] = build().charts.flatMap(c => c.toJson());
      const annotations = (o: any) => (o.kind === 'Pod' ? o.metadata : o.spec.template.metadata).annotations;
      return {
        custom: objects.filter(o => /spidernet\.io|cncf\.io/.test(o.apiVersion)),
        pods: objects.filter(o => ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind))
          .map(o => ({ kind: o.kind, name: o.metadata.name, annotations: annotations(o) })),
      };
    };
    const with28 = ours(buildWith28);
    // written by beforeAll: a static import cannot name it
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const with33 = ours(require(path.join(ROOT, VARIANT)).buildApp);
    expect(with33).toEqual(with28);
    expect(with28.custom.map((o: any) => o.kind).sort()).toEqual(['NetworkAttachmentDefinition', 'NetworkAttachmentDefinition', 'SpiderIPPool']);
    expect(with28.pods.map(p => p.kind)).toEqual(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'Pod']);
    expect(with28.pods.filter(p => p.annotations['v1.multus-cni.io/default-network'] === 'kube-system/macvlan-standalone-vlan0')).toHaveLength(2);
    expect(with28.pods.filter(p => p.annotations['k8s.v1.cni.cncf.io/networks'] !== undefined)).toHaveLength(3);
    expect(with28.pods.every(p => p.annotations['ipam.spidernet.io/ippools'] !== undefined)).toBe(true);
  });

  test.each(USER_COMPILERS.map(c => [c]))('type-checks with %s', async (compiler) => {
    const result = await compileWith(compiler, 'plus-app', [SOURCE, VARIANT]);
    expect(result.diagnostics).toEqual([]);
  });
});

describe('applyTo without the compiler (JavaScript, casts)', () => {
  test.each([
    ['a construct without pod metadata', (c: any) => new Chart(c, 'other'), /\[c\/other\] applyTo\(workload\): expects a Pod or a workload with a pod template, got Chart at c\/other, which has no pod metadata\. Fix: pass a cdk8s-plus Pod/],
    ['a plain object', () => ({ podMetadata: {} }), /applyTo\(workload\): expects a Pod or a workload with a pod template, got a plain object/],
    ['null', () => null, /got null\./],
  ])('%s is refused with the library error', (_what, make: (c: Chart) => unknown, message) => {
    const chart = new Chart(Testing.app(), 'c');
    const set = PodNetworks.standalone(new MacvlanStandaloneNetwork(chart, 's', { master: 'eth1' }));
    let thrown: unknown;
    try {
      set.applyTo(make(chart) as any);
    } catch (e) {
      thrown = e;
    }
    expect(MacvlanError.isMacvlanError(thrown)).toBe(true);
    expect((thrown as Error).message).toMatch(message);
  });
});
