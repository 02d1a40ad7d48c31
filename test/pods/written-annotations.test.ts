/**
 * applyTo's check for hand-written Multus/Spiderpool annotations reads cdk8s' metadata map instead of rendering the
 * metadata where it can: it must say what the render says, for every metadata. And a set's annotations, rendered
 * from its NICs as attached, are what its `attachments` list says.
 */
import { App, Chart, Lazy, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { Ipam, IpPool, MacvlanOverlayNetwork, MacvlanStandaloneNetwork, PodNetworks } from '../../src';
import { IPodMetadata } from '../../src/pods/workload';
import { writtenAnnotation, writtenAnnotationBySynth } from '../../src/pods/written-annotations';

const KEYS = ['v1.multus-cni.io/default-network', 'k8s.v1.cni.cncf.io/networks', 'ipam.spidernet.io/ippools'];

/** An annotation value: a string, or a Lazy resolving to a string or to nothing. */
const value = fc.oneof(
  fc.string().map(s => ({ lazy: false, s: s as string | undefined })),
  fc.option(fc.string(), { nil: undefined }).map(s => ({ lazy: true, s })),
);
const annotationKey = fc.oneof(fc.constantFrom(...KEYS), fc.constantFrom('a', 'b.example.com/x', 'resolve'));
const metadataCase = fc.record({
  annotations: fc.array(fc.tuple(annotationKey, value), { maxLength: 5 }),
  viaProps: fc.boolean(),
  userResolver: fc.boolean(),
  label: fc.boolean(),
});

describe('writtenAnnotation', () => {
  test('reads the same hand-written annotation as the rendered metadata (property)', () => {
    fc.assert(fc.property(metadataCase, c => {
      const app = c.userResolver ? new App({ resolvers: [{ resolve: () => undefined }] }) : Testing.app();
      const chart = new Chart(app, 'c');
      const asValue = (v: { lazy: boolean; s: string | undefined }) =>
        (v.lazy ? Lazy.any({ produce: () => v.s }) as unknown as string : v.s as string);
      const props = c.viaProps ? Object.fromEntries(c.annotations.map(([k, v]) => [k, asValue(v)])) : undefined;
      const d = new kplus.Deployment(chart, 'd', { containers: [{ image: 'nginx' }], podMetadata: props ? { annotations: props } : undefined });
      if (!c.viaProps) for (const [k, v] of c.annotations) d.podMetadata.addAnnotation(k, asValue(v));
      if (c.label) d.podMetadata.addLabel('app', 'x');
      expect(writtenAnnotation(d.podMetadata, KEYS)).toBe(writtenAnnotationBySynth(d.podMetadata, KEYS));
    }));
  });

  test('a metadata object of another class is rendered', () => {
    const rendered: string[] = [];
    const meta: IPodMetadata = {
      addAnnotation: () => undefined,
      toJson: () => {
        rendered.push('x');
        return { annotations: { [KEYS[1]]: '[]' } };
      },
    };
    expect(writtenAnnotation(meta, KEYS)).toBe(KEYS[1]);
    expect(rendered).toHaveLength(1);
  });

  test('applyTo still refuses a hand-written annotation that resolves to a value, and accepts one that resolves to nothing', () => {
    const chart = new Chart(Testing.app(), 'c');
    const net = new MacvlanOverlayNetwork(chart, 'o', { master: 'bond0.10', ipam: Ipam.none() });
    const d1 = new kplus.Deployment(chart, 'd1', { containers: [{ image: 'nginx' }] });
    d1.podMetadata.addAnnotation(KEYS[1], Lazy.any({ produce: () => '[]' }) as unknown as string);
    expect(() => PodNetworks.overlay(net).applyTo(d1)).toThrow(/already has annotation "k8s\.v1\.cni\.cncf\.io\/networks"/);
    const d2 = new kplus.Deployment(chart, 'd2', { containers: [{ image: 'nginx' }] });
    d2.podMetadata.addAnnotation(KEYS[1], Lazy.any({ produce: () => undefined }) as unknown as string);
    expect(() => PodNetworks.overlay(net).applyTo(d2)).not.toThrow();
  });
});

describe('a set\'s annotations', () => {
  /** The annotations as the `attachments` list describes them (how they were rendered before). */
  function fromAttachments(set: { attachments: ReturnType<typeof PodNetworks.overlay>['attachments'] }): Record<string, string> {
    const atts = set.attachments;
    const out: Record<string, string> = {};
    const primary = atts.find(a => a.isDefault);
    if (primary) out[KEYS[0]] = primary.network.qualifiedName;
    const extra = atts.filter(a => !a.isDefault);
    if (extra.length > 0) {
      out[KEYS[1]] = JSON.stringify(extra.map(a => ({
        name: a.network.name, namespace: a.network.namespace, interface: a.interfaceName, ...(a.ips && a.ips.length > 0 ? { ips: a.ips } : {}),
      })));
    }
    const sp = atts.filter(a => a.network.ipam.type === 'spiderpool');
    if (sp.length > 0) {
      out[KEYS[2]] = JSON.stringify(sp.map(a => {
        const v4 = a.pools.filter(p => p.ipVersion === 4).map(p => p.name);
        const v6 = a.pools.filter(p => p.ipVersion === 6).map(p => p.name);
        return { interface: a.interfaceName, ...(v4.length > 0 ? { ipv4: v4 } : {}), ...(v6.length > 0 ? { ipv6: v6 } : {}) };
      }));
    }
    return out;
  }

  const nic = fc.record({
    spiderpool: fc.boolean(),
    pools: fc.array(fc.boolean(), { maxLength: 3 }), // true: IPv6
    ownPools: fc.option(fc.array(fc.boolean(), { maxLength: 2 }), { nil: undefined }),
    interfaceName: fc.option(fc.constantFrom('net7', 'data0'), { nil: undefined }),
    ips: fc.option(fc.array(fc.constantFrom('10.0.0.5/24', 'fd00::5/64'), { maxLength: 2 }), { nil: undefined }),
  });

  test('are what the attachments list says, for either kind of set (property)', () => {
    fc.assert(fc.property(fc.boolean(), fc.array(nic, { minLength: 1, maxLength: 4 }), (standalone, nics) => {
      const chart = new Chart(Testing.app(), 'c');
      let p = 0;
      const pools = (six: boolean[]) => six.map(v6 => new IpPool(chart, `p${p}`, { name: `p${p}`, subnet: v6 ? `fd00:${++p}::/64` : `10.${++p}.0.0/24` }));
      const networks = nics.map((n, i) => {
        const props = {
          master: `bond0.${i + 10}`,
          name: `n${i}`,
          ipam: n.spiderpool ? Ipam.spiderpool() : Ipam.staticAddresses(),
          pools: n.spiderpool ? pools(n.pools) : undefined,
        };
        return standalone ? new MacvlanStandaloneNetwork(chart, `n${i}`, props) : new MacvlanOverlayNetwork(chart, `n${i}`, props);
      });
      const options = (n: typeof nics[number], i: number) => ({
        interfaceName: n.interfaceName !== undefined ? `${n.interfaceName.slice(0, 4)}${i}` : undefined,
        pools: n.spiderpool && n.ownPools ? pools(n.ownPools) : undefined,
        ips: !n.spiderpool ? n.ips : undefined,
      });
      const set = standalone
        ? networks.slice(1).reduce((s, n, i) => s.attach(n as MacvlanStandaloneNetwork, options(nics[i + 1], i + 1)),
          PodNetworks.standalone(networks[0] as MacvlanStandaloneNetwork))
        : networks.reduce((s, n, i) => s.attach(n as MacvlanOverlayNetwork, options(nics[i], i)), PodNetworks.overlay());
      expect(set.annotations()).toEqual(fromAttachments(set));
      expect(Object.keys(set.annotations())).toEqual(Object.keys(fromAttachments(set)));
      // applied, then another pool for the first network: the pod's annotations follow
      const d = new kplus.Deployment(chart, 'd', { containers: [{ image: 'nginx' }] });
      set.applyTo(d);
      if (nics[0].spiderpool) networks[0].addPool(pools([true])[0]);
      expect(set.annotations()).toEqual(fromAttachments(set));
    }), { numRuns: 60 });
  });
});
