/**
 * Issue 12: every input of the issue that crashed inside the library (TypeError), was accepted and
 * synthesized wrongly, or was refused naming another method, now ends in the library's error pointing at the
 * prop and construct at fault.
 */
import { REPRO_CASES, reproEnv } from './repro-cases';
import { MacvlanErrors, k8s } from '../../src';
import { libraryError } from '../support/errors';
import { validationErrors } from '../support/synth';

process.env.CDK8S_MACVLAN_QUIET = '1';

describe('the inputs of issue 12 end in the library\'s error', () => {
  test.each(REPRO_CASES.filter(c => !c.atSynth).map(c => [c.name, c] as const))('%s', (_name, c) => {
    const env = reproEnv();
    const details = libraryError(() => c.run(env));
    expect(details.field).toBe(c.expect.field);
    expect(details.constructPath).toBe(c.expect.constructPath);
    if (c.expect.problem !== undefined) expect(details.problem).toContain(c.expect.problem);
    expect(details.problem).not.toMatch(/got an? (undefined|object|string|number)$/); // not "got a undefined"
    expect(details.fix.length).toBeGreaterThan(0);
    expect(details.message).toBe(`${details.constructPath !== undefined ? `[${details.constructPath}] ` : ''}${details.field !== undefined ? `${details.field}: ` : ''}${details.problem}. Fix: ${details.fix.replace(/\.$/, '')}.`);
  });

  test.each(REPRO_CASES.filter(c => c.atSynth).map(c => [c.name, c] as const))('%s', (_name, c) => {
    const env = reproEnv();
    c.run(env);
    const errors = validationErrors(env.app);
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^\\[${c.expect.constructPath}\\] ${c.expect.ruleId} error: .*${escape(c.expect.problem!)}`))]));
  });

  test('the wording (golden): a prop of the wrong type, a missing prop', () => {
    const env = reproEnv();
    const msg = (i: number) => MacvlanErrors.details(catchError(() => REPRO_CASES[i].run(env)))?.message;
    expect(msg(1)).toBe('[c/p] subnet: a string expected by new IpPool(), got 5. Fix: pass a string such as "172.16.100.0/24".');
    expect(msg(0)).toBe('[c/p] subnet: a string expected by new IpPool(), got nothing (undefined). Fix: give subnet: a string such as "172.16.100.0/24".');
    expect(msg(25)).toBe('[c/n] namespace: a string expected by new MacvlanStandaloneNetwork(), got 42. Fix: pass a string such as "kube-system", or leave namespace out.');
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the thin Kubernetes objects check their props too', () => {
  test.each([
    ['k8s.NetworkAttachmentDefinition', (c: any) => new k8s.NetworkAttachmentDefinition(c, 'x', { metadata: { name: 'n' }, spec: { config: { cniVersion: '0.3.1' } as any } }), 'spec.config'],
    ['k8s.SpiderIpPool', (c: any) => new k8s.SpiderIpPool(c, 'x', { metadata: { name: 'p' }, spec: null as any }), 'spec'],
    ['k8s.SpiderMultusConfig', (c: any) => new k8s.SpiderMultusConfig(c, 'x', undefined as any), undefined],
    ['k8s.NodeNetworkConfigurationPolicy', (c: any) => new k8s.NodeNetworkConfigurationPolicy(c, 'x', { metadata: {}, spec: { desiredState: [] as any } }), 'spec.desiredState'],
    ['k8s.SpiderReservedIp', (c: any) => new k8s.SpiderReservedIp(c, 'x', { metadata: { name: 'r' }, spec: 'x' as any }), 'spec'],
  ])('%s', (name, make, field) => {
    const { chart } = reproEnv();
    expect(libraryError(() => make(chart))).toMatchObject({ constructPath: 'c/x', field, problem: expect.stringContaining(`expected by new ${name}()`) });
  });
});
