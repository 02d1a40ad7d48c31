/**
 * The rules run over the app as it is at each synth: every change shows up at the next synth. (cdk8s validates
 * once per chart in one synth; the engine reuses a pass's results only while every object's version, which
 * covers what can change after construction, is the one they were computed from.)
 */
import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IpPool, MacvlanOverlayNetwork, MacvlanStandaloneNetwork, NadSource, PodNetworks } from '../../src';
import { ValidationEngine } from '../../src/validation/engine';
import { testApp, validationErrors } from '../support/synth';

describe('validation after a change', () => {
  test('a network that gets its pool after a failed synth validates at the next one', () => {
    const app = testApp();
    const chart = new Chart(app, 'c');
    const net = new MacvlanStandaloneNetwork(chart, 'net', { name: 'net', master: 'eth1' });
    PodNetworks.standalone(net).applyTo(new kplus.Deployment(chart, 'd', { containers: [{ image: 'nginx' }] }));
    expect(validationErrors(app).join('\n')).toMatch(/MV020 error: pod networks of "c\/d" interface "eth0" of kube-system\/net/);
    net.addPool(new IpPool(chart, 'v4', { name: 'v4', subnet: '172.16.0.0/24' }));
    expect(validationErrors(app)).toEqual([]);
  });

  test('a pool added after a clean synth is checked against the others', () => {
    const app = testApp();
    const chart = new Chart(app, 'c');
    new MacvlanStandaloneNetwork(chart, 'net', { name: 'net', master: 'eth1', pools: [new IpPool(chart, 'a', { name: 'a', subnet: '172.16.0.0/24' })] });
    expect(validationErrors(app)).toEqual([]);
    new IpPool(chart, 'b', { name: 'b', subnet: '172.16.0.0/16' });
    const errors = validationErrors(app).join('\n');
    expect(errors).toMatch(/SpiderIPPool "b"/);
    expect(errors).toMatch(/overlap/);
  });

  test('a name claimed after a clean synth is reported as a duplicate', () => {
    const app = testApp();
    const chart = new Chart(app, 'c');
    const pool = new IpPool(chart, 'a', { name: 'a', subnet: '172.16.0.0/24' });
    new MacvlanStandaloneNetwork(chart, 'net', { name: 'net', master: 'eth1', pools: [pool] });
    expect(validationErrors(app)).toEqual([]);
    new MacvlanStandaloneNetwork(new Chart(app, 'd'), 'net', { name: 'net', master: 'eth2', pools: [pool] });
    expect(validationErrors(app).join('\n')).toMatch(/MV097 error: NetworkAttachmentDefinition "kube-system\/net"/);
  });

  test('a pod pool bound to another network after a clean synth fails the pod (MV069)', () => {
    const app = testApp();
    const chart = new Chart(app, 'c');
    const shared = new IpPool(chart, 'shared', { name: 'shared', subnet: '172.17.0.0/24' });
    const a = new MacvlanOverlayNetwork(chart, 'a', { name: 'a', master: 'eth1', pools: [new IpPool(chart, 'pa', { name: 'pa', subnet: '172.16.0.0/24' })] });
    const b = new MacvlanOverlayNetwork(chart, 'b', { name: 'b', master: 'eth2', pools: [new IpPool(chart, 'pb', { name: 'pb', subnet: '172.18.0.0/24' })] });
    const deployment = new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx' }] });
    PodNetworks.overlay().attach(a, { pools: [shared] }).applyTo(deployment);
    expect(validationErrors(app)).toEqual([]);
    b.addPool(shared);
    expect(validationErrors(app).join('\n')).toMatch(/MV069 error: .*pool "shared" only serves kube-system\/b/);
  });

  test('an annotation written on a SpiderMultusConfig after a clean synth is checked at the next one (MV113)', () => {
    const app = testApp();
    const chart = new Chart(app, 'c');
    const net = new MacvlanStandaloneNetwork(chart, 'net', {
      name: 'net', master: 'eth1', source: NadSource.SPIDER_MULTUS_CONFIG, pools: [new IpPool(chart, 'p', { name: 'p', subnet: '172.16.0.0/24' })],
    });
    expect(validationErrors(app)).toEqual([]);
    ApiObject.of(net).metadata.addAnnotation('multus.spidernet.io/cni-version', '9.9.9');
    expect(validationErrors(app).join('\n')).toMatch(/MV113 error: SpiderMultusConfig "kube-system\/net"/);
    // and a value changed again is read again
    ApiObject.of(net).metadata.addAnnotation('multus.spidernet.io/cni-version', '0.3.1');
    expect(validationErrors(app)).toEqual([]);
  });

  test('scheduling added to a workload after a clean synth is checked at the next one (MV173)', () => {
    const app = testApp();
    const chart = new Chart(app, 'c');
    const pool = new IpPool(chart, 'p', { name: 'p', subnet: '172.16.0.0/24', nodeAffinity: { matchLabels: { zone: 'a' } } });
    const net = new MacvlanOverlayNetwork(chart, 'net', { name: 'net', master: 'eth1', pools: [pool] });
    const deployment = new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx' }] });
    deployment.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('zone', 'a')));
    PodNetworks.overlay(net).applyTo(deployment);
    expect(validationErrors(app)).toEqual([]);
    // a second required term: the pods may now also run where the pool does not allocate
    deployment.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('zone', 'b')));
    expect(validationErrors(app).join('\n')).toMatch(/MV173 error: pod networks of "c\/web"/);
  });

  test('the validation pass runs each construct check once per synth, however many charts', () => {
    const app = testApp();
    const charts = [new Chart(app, 'c1'), new Chart(app, 'c2'), new Chart(app, 'c3')];
    const pool = new IpPool(charts[0], 'p', { name: 'p', subnet: '172.16.0.0/24' });
    const net = new MacvlanStandaloneNetwork(charts[1], 'net', { name: 'net', master: 'eth1', pools: [pool] });
    const spy = jest.spyOn(ValidationEngine.prototype, 'run');
    app.synthYaml(); // cdk8s validates every construct once: the rules run once, at the app root
    expect(spy).toHaveBeenCalledTimes(1);
    net.addPool(new IpPool(charts[2], 'p6', { name: 'p6', subnet: 'fd00::/64' }));
    app.synthYaml();
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
  });
});

describe('validation inputs across apps and callers', () => {
  test('a pod of one app sees a change to another app\'s pool (one revision for every app)', () => {
    const appA = testApp();
    const a = new Chart(appA, 'a');
    const shared = new IpPool(a, 'shared', { name: 'shared', subnet: '172.17.0.0/24' });
    const n1 = new MacvlanOverlayNetwork(a, 'n1', { name: 'n1', master: 'eth1', pools: [new IpPool(a, 'p1', { name: 'p1', subnet: '172.16.0.0/24' })] });
    const n2 = new MacvlanOverlayNetwork(a, 'n2', { name: 'n2', master: 'eth2', pools: [new IpPool(a, 'p2', { name: 'p2', subnet: '172.18.0.0/24' })] });
    const appB = testApp();
    const deployment = new kplus.Deployment(new Chart(appB, 'b'), 'web', { containers: [{ image: 'nginx' }] });
    PodNetworks.overlay().attach(n1, { pools: [shared] }).applyTo(deployment);
    expect(validationErrors(appB)).toEqual([]);
    n2.addPool(shared);
    expect(validationErrors(appB).join('\n')).toMatch(/MV069 error: .*pool "shared" only serves kube-system\/n2/);
  });

  test('attachment options are read when attached: later changes to the caller\'s lists reach neither checks nor annotations', () => {
    const app = testApp();
    const chart = new Chart(app, 'c');
    const own = new IpPool(chart, 'own', { name: 'own', subnet: '172.16.0.0/24' });
    const other = new IpPool(chart, 'other', { name: 'other', subnet: '172.17.0.0/24' });
    const n1 = new MacvlanOverlayNetwork(chart, 'n1', { name: 'n1', master: 'eth1', pools: [own] });
    new MacvlanOverlayNetwork(chart, 'n2', { name: 'n2', master: 'eth2', pools: [other] });
    const options = { pools: [own] };
    const deployment = new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx' }] });
    PodNetworks.overlay().attach(n1, options).applyTo(deployment);
    options.pools.push(other); // would be MV069 if it were read
    expect(validationErrors(app)).toEqual([]);
    const dep = app.charts[0].toJson().find((o: any) => o.kind === 'Deployment');
    expect(dep.spec.template.metadata.annotations['ipam.spidernet.io/ippools']).toBe('[{"interface":"net1","ipv4":["own"]}]');
  });
});
