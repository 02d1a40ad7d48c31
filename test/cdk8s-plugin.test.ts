/**
 * The cdk8s CLI validation plugin (MacvlanValidation): through a stand-in of the CLI's ValidationContext, and
 * through the real `cdk8s synth` of cdk8s-cli (a devDependency) on an app that pulls YAML in with `Include`.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MacvlanErrors, MacvlanValidation, MacvlanValidationProps } from '../src';

const ROOT = path.join(__dirname, '..');
const FIXTURE = path.join(__dirname, 'fixtures', 'cdk8s-plugin');

const CLEAN_POOL = `apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderIPPool
metadata:
  name: legacy-v4
spec:
  subnet: 10.20.0.0/24
  ips: [10.20.0.10-10.20.0.100]
  gateway: 10.20.0.1
`;
const BROKEN = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: legacy
  namespace: kube-system
spec:
  config: '{"cniVersion":"0.3.1","name":"legacy","plugins":[{"type":"macvlan","master":"enp175s0f0np0.200","mode":"bridge","ipam":{"type":"spiderpool","default_ipv4_ippool":["legacy-v4"]}},{"type":"coordinator","mode":"underlay"}]}'
---
apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderIPPool
metadata:
  name: legacy-v4
spec:
  subnet: 10.20.0.0/24
  ips: [10.20.0.10-10.20.0.100]
  excludeIps: [10.20.0.50]
  gateway: 10.20.0.1
`;
const WARNING_ONLY = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: hl
  namespace: kube-system
spec:
  config: '{"cniVersion":"0.3.1","name":"hl","plugins":[{"type":"macvlan","master":"ens192","mode":"bridge","ipam":{"type":"host-local","subnet":"10.9.0.0/24"}},{"type":"coordinator","mode":"underlay"}]}'
`;

/** A stand-in for cdk8s-cli's ValidationContext: what the plugin reads and calls. */
class FakeContext {
  public readonly violations: any[] = [];
  public status?: string;
  public metadata?: Record<string, string>;
  public readonly report = {
    addViolation: (v: any) => this.violations.push(v),
    submit: (status: string, metadata?: Record<string, string>) => { this.status = status; this.metadata = metadata; },
  };
  constructor(public readonly manifests: string[]) {}
}

let tmp: string;
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mv-plugin-')); });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function manifest(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

async function run(files: string[], props?: MacvlanValidationProps): Promise<FakeContext> {
  const context = new FakeContext(files);
  await new MacvlanValidation(props).validate(context);
  return context;
}

describe('MacvlanValidation', () => {
  test('clean manifests pass with no violations', async () => {
    const c = await run([manifest('clean.yaml', CLEAN_POOL)]);
    expect(c.violations).toEqual([]);
    expect(c.status).toBe('success');
    expect(c.metadata).toEqual({ manifests: '1', objects: '1', errors: '0', warnings: '0' });
  });

  test('each finding is a violation with rule, message, fix, object, field and manifest; errors fail', async () => {
    const file = manifest('broken.yaml', BROKEN);
    const c = await run([file]);
    expect(c.status).toBe('failure');
    expect(c.violations.map(v => [v.ruleName, v.violatingResources[0].resourceName, v.violatingResources[0].locations[0]])).toEqual([
      ['MV015 (error)', 'legacy', 'spec.config.plugins[0].master'],
      ['MV160 (error)', 'legacy-v4', 'spec.excludeIps'],
    ]);
    expect(c.violations[1].recommendation).toMatch(/^SpiderIPPool legacy-v4 spec\.excludeIps: unknown field "excludeIps" \(did you mean "excludeIPs"\?\)/);
    expect(c.violations[1].fix).toMatch(/^rename "excludeIps" to "excludeIPs" \(cdk8s-macvlan explain MV160\)$/);
    expect(c.violations.every(v => v.violatingResources[0].manifestPath === file)).toBe(true);
  });

  test('rules across manifests see the whole app (a pool in one file, its network in another)', async () => {
    const [nad, pool] = BROKEN.split('---\n');
    const c = await run([manifest('nad.yaml', nad), manifest('pool.yaml', pool.replace('excludeIps', 'excludeIPs'))]);
    expect(c.violations.map(v => v.ruleName)).toEqual(['MV015 (error)']);
  });

  test('warnings are reported and pass, unless failOnWarnings', async () => {
    const file = manifest('warn.yaml', WARNING_ONLY);
    const c = await run([file]);
    expect(c.violations.map(v => v.ruleName)).toContain('MV071 (warning)');
    expect(c.status).toBe('success');
    expect((await run([file], { failOnWarnings: true })).status).toBe('failure');
  });

  test('a manifest that does not parse is a violation, not a crash', async () => {
    const c = await run([manifest('bad.yaml', 'a: [1, 2\n'), path.join(tmp, 'missing.yaml')]);
    expect(c.status).toBe('failure');
    expect(c.violations.map(v => v.ruleName)).toEqual(['YAML', 'YAML']);
  });

  test.each([
    [{ failOnWarning: true }, /properties\.failOnWarning: unknown property "failOnWarning"\. Fix: use only failOnWarnings, capacityWarnPercent/],
    [{ failOnWarnings: 'yes' }, /properties\.failOnWarnings: failOnWarnings must be true or false, got "yes"/],
    [{ capacityWarnPercent: 150 }, /capacityWarnPercent must be a number above 0 and at most 100, got 150/],
    [[], /the validation properties must be a map, got a list/],
  ])('bad properties %j are the library error', (props, message) => {
    let thrown: unknown;
    try {
      new MacvlanValidation(props as any);
    } catch (e) {
      thrown = e;
    }
    expect(MacvlanErrors.isMacvlanError(thrown)).toBe(true);
    expect((thrown as Error).message).toMatch(message);
  });
});

/** `cdk8s synth` of the fixture app in a fresh directory, with the plugin configured in cdk8s.yaml. */
function cdk8sSynth(include: string | undefined): Promise<{ code: number | null; out: string }> {
  fs.mkdirSync(path.join(ROOT, 'test', 'compile-fixtures', '.out'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(ROOT, 'test', 'compile-fixtures', '.out', 'cdk8s-app-'));
  const tsNode = require.resolve('ts-node/register/transpile-only');
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), [
    'language: typescript',
    `app: ${JSON.stringify(`"${process.execPath}" -r "${tsNode}" "${path.join(FIXTURE, 'app.ts')}"`)}`,
    'validations:',
    `  - package: ${JSON.stringify(path.join(FIXTURE, 'plugin.js'))}`,
    '    version: 0.1.0',
    '    class: MacvlanValidation',
    '',
  ].join('\n'));
  const cli = path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'bin', 'cdk8s');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'synth'], {
      cwd: dir,
      env: { ...process.env, CDK8S_MACVLAN_INCLUDE: include ?? '', CDK8S_CHECK_UPGRADE: 'false', NO_COLOR: '1' },
    });
    let out = '';
    child.stdout.on('data', d => { out += d; });
    child.stderr.on('data', d => { out += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', code => {
      clearTimeout(timer);
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ code, out });
    });
  });
}

describe('with the real cdk8s synth (cdk8s-cli)', () => {
  test('YAML pulled in with Include is validated: the synth fails with the findings and their construct paths', async () => {
    const { code, out } = await cdk8sSynth(manifest('include-broken.yaml', BROKEN));
    expect(out).toContain('Validation Report (');
    expect(out).toMatch(/MV015 \(error\) \(1 occurrences\)/);
    expect(out).toMatch(/MV160 \(error\) \(1 occurrences\)/);
    expect(out).toContain('Construct Path: underlay/legacy/');
    expect(out).toContain('unknown field "excludeIps" (did you mean "excludeIPs"?)');
    expect(code).toBe(2);
  });

  test('a clean app passes', async () => {
    const { code, out } = await cdk8sSynth(manifest('include-clean.yaml', CLEAN_POOL));
    expect(out).toContain('Validations ended succesfully');
    expect(code).toBe(0);
  });
});
