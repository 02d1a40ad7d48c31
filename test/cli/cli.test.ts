import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { addBasicScenario } from '../../examples/basic';
import { CliIo, main } from '../../src/cli/main';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join('test', 'fixtures', 'lint');

/** Runs the CLI in-process, capturing output. */
async function run(argv: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: t => { stdout += t; }, stderr: t => { stderr += t; }, readStdin: async () => stdin };
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const code = await main(argv, io);
    return { code, stdout, stderr };
  } finally {
    process.chdir(cwd);
  }
}

const POOL = (subnet: string) => `apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderIPPool
metadata: {name: p0}
spec: {subnet: ${subnet}, ips: [10.0.0.10]}
`;

describe('cdk8s-macvlan lint (in-process)', () => {
  test('clean directory: exit 0, summary only', async () => {
    const r = await run(['lint', path.join(FIXTURES, 'clean')]);
    expect(r).toEqual({ code: 0, stdout: '0 error(s), 0 warning(s) in 2 file(s)\n', stderr: '' });
  });

  test('text output: file:document: RULE severity, object, field, message and fix', async () => {
    const r = await run(['lint', path.join(FIXTURES, 'broken', 'pools.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('test/fixtures/lint/broken/pools.yaml:1: MV001 error SpiderIPPool vlan100-v4 spec.subnet: "172.16.100.1/24" has host bits set '
      + '(Spiderpool only accepts the network address). Fix: write "172.16.100.0/24" (docs/rules.md#mv001)');
    expect(r.stdout).toMatch(/pools\.yaml:3: MV052 error SpiderIPPool vlan200-wide spec\.vlan:/);
  });

  test('warnings only: exit 0', async () => {
    const nad = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata: {name: n, namespace: kube-system}
spec:
  config: '{"name":"n","type":"macvlan","master":"eth1","ipam":{}}'
`;
    const r = await run(['lint', '-'], nad);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<stdin>:1: MV074 warning NetworkAttachmentDefinition kube-system\/n spec\.config\.cniVersion: cniVersion is not set/);
    expect(r.stdout).toMatch(/0 error\(s\), 1 warning\(s\) in 1 file\(s\)\n$/);
  });

  test('--format json', async () => {
    const r = await run(['lint', '--format', 'json', '-'], `${POOL('10.0.0.0/24')}---\n${POOL('10.0.0.1/24').replace('p0', 'p1')}`);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.findings).toEqual([expect.objectContaining({
      file: '<stdin>',
      document: 2,
      rule: 'MV001',
      severity: 'error',
      kind: 'SpiderIPPool',
      name: 'p1',
      field: 'spec.subnet',
      fix: 'write "10.0.0.0/24"',
      docs: 'docs/rules.md#mv001',
    })]);
    expect(out.summary).toEqual({ files: 1, objects: 2, errors: 1, warnings: 0 });
    expect((await run(['lint', '--format=json', path.join(FIXTURES, 'clean')])).code).toBe(0);
  });

  test('--format json carries the capacity table; --capacity-warn sets the MV171 threshold', async () => {
    const pool = 'apiVersion: spiderpool.spidernet.io/v2beta1\nkind: SpiderIPPool\nmetadata: {name: p}\nspec: {subnet: 10.0.0.0/24, ips: [10.0.0.10-10.0.0.19]}\n';
    const nad = `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata: {name: n, namespace: kube-system}\nspec:\n  config: '${JSON.stringify({ cniVersion: '0.3.1', name: 'n', plugins: [{ type: 'macvlan', master: 'eth1', ipam: { type: 'spiderpool', default_ipv4_ippool: ['p'] } }, { type: 'coordinator' }] })}'\n`;
    const sts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: default}\nspec: {replicas: 8, template: {metadata: {annotations: {v1.multus-cni.io/default-network: kube-system/n}}, spec: {containers: [{name: c, image: nginx}]}}}\n';
    const input = `${pool}---\n${nad}---\n${sts}`;
    const r = await run(['lint', '--format', 'json', '-'], input);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).capacity).toEqual([{
      pool: 'p',
      ipVersion: 4,
      supply: 10,
      demand: 8,
      status: 'ok',
      warnPercent: 90,
      workloads: [{ kind: 'StatefulSet', namespace: 'default', name: 'db', interface: 'eth0', pods: 8, explanation: 'replicas 8' }],
    }]);
    const warned = await run(['lint', '--capacity-warn', '75', '-'], input);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(/^<stdin>:1: MV171 warning SpiderIPPool p spec\.ips: pool "p" is 80% used/);
    expect((await run(['lint', '--capacity-warn=0', '-'], input)).code).toBe(2);
    expect((await run(['lint', '--capacity-warn', 'x', '-'], input)).stderr).toContain('--capacity-warn must be a percentage above 0 and at most 100, got "x"');
  });

  test('malformed YAML: file:line:col, no stack trace, exit 1', async () => {
    const r = await run(['lint', '-'], `${POOL('10.0.0.0/24')}---\nkind: Pod\nmetadata: {name: [x}\n`);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<stdin>:7:20: YAML error: Flow sequence .+$/m);
    expect(r.stdout + r.stderr).not.toMatch(/\s+at .*\(.*:\d+:\d+\)/);
    const json = JSON.parse((await run(['lint', '--format', 'json', path.join(FIXTURES, 'broken', 'syntax.yml')])).stdout);
    expect(json.parseErrors[0]).toEqual(expect.objectContaining({ file: 'test/fixtures/lint/broken/syntax.yml', line: 5, col: 16 }));
  });

  test('JSON input, top-level arrays and Lists', async () => {
    const r = await run(['lint', '-'], JSON.stringify([{ kind: 'List', items: [JSON.parse(JSON.stringify({ kind: 'SpiderIPPool', metadata: { name: 'p' }, spec: { subnet: '10.0.0.0/33' } }))] }]));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<stdin>:1: MV001 error SpiderIPPool p spec\.subnet: "10\.0\.0\.0\/33" is not a valid CIDR/);
  });

  test('deep nesting: one stated problem per document, the same on every run, never a crash (issue 12)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-macvlan-deep-'));
    try {
      const file = path.join(dir, 'd.yaml');
      fs.writeFileSync(file, '- '.repeat(1000) + 'x');
      const message = 'YAML error: nesting deeper than 100 levels, the most cdk8s-macvlan lint reads (Kubernetes objects need far fewer): flatten the document';
      const first = await run(['lint', file, file]);
      expect(first).toEqual({ code: 1, stdout: `${file}:1:201: ${message}\n${file}:1:201: ${message}\n2 error(s), 0 warning(s) in 2 file(s)\n`, stderr: '' });
      expect(await run(['lint', file, file])).toEqual(first);

      const array = '['.repeat(900) + ']'.repeat(900);
      const stdin = await run(['lint', '-'], `{"a": ${array}}\n---\n{"b": ${array}}\n`);
      expect(stdin.code).toBe(1);
      expect(stdin.stdout).toBe(`<stdin>:1:106: ${message}\n<stdin>:3:106: ${message}\n2 error(s), 0 warning(s) in 1 file(s)\n`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each([
    [[], /Usage: cdk8s-macvlan lint/],
    [['lint'], /no input/],
    [['lint', '--format', 'xml', 'x'], /--format must be text or json, got "xml"/],
    [['lint', '--strict', 'x'], /unknown option "--strict"/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['lint', 'does/not/exist.yaml'], /cannot read "does\/not\/exist\.yaml": ENOENT/],
  ])('usage error %j: exit 2', async (argv, pattern) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stdout).toBe('');
  });

  test('--help and rules-doc', async () => {
    expect((await run(['--help'])).code).toBe(0);
    const doc = await run(['rules-doc']);
    expect(doc.code).toBe(0);
    expect(doc.stdout).toBe(fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8'));
  });

  test('the synthesized basic example lints clean', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-macvlan-basic-'));
    try {
      const app = Testing.app({ outdir: dir });
      addBasicScenario(app);
      app.synth();
      expect(fs.readdirSync(dir).some(f => f.endsWith('.yaml'))).toBe(true);
      const r = await run(['lint', dir]);
      expect(r.stdout).toMatch(/^0 error\(s\), 0 warning\(s\) in 1 file\(s\)\n$/);
      expect(r.code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bin/cdk8s-macvlan.js (spawned)', () => {
  const shim = path.join('bin', 'cdk8s-macvlan.js');
  const spawn = (...args: string[]) => spawnSync(process.execPath, [shim, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

  test('reports every planted problem in test/fixtures/lint/broken and exits 1; the clean directory exits 0', () => {
    const r = spawn('lint', path.join(FIXTURES, 'broken'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const planted: Array<[string, string]> = [
      ['pools.yaml:1', 'MV001'], ['pools.yaml:2', 'MV004'], ['pools.yaml:2', 'MV011'], ['pools.yaml:3', 'MV052'],
      ['networks.yaml:1', 'MV015'], ['networks.yaml:2', 'MV071'], ['networks.yaml:3', 'MV053'], ['networks.yaml:3', 'MV055'], ['networks.yaml:3', 'MV056'],
      ['workloads/deployments.yaml:1', 'MV064'], ['workloads/deployments.yaml:2', 'MV060'], ['workloads/deployments.yaml:3', 'MV022'],
      ['workloads/deployments.yaml:3', 'MV066'], ['workloads/deployments.yaml:4', 'MV021'], ['workloads/deployments.yaml:5', 'MV070'],
      ['workloads/deployments.yaml:5', 'MV069'], ['workloads/pod.json:1', 'MV061'], ['workloads/pod.json:1', 'MV068'],
      ['hosts.yaml:1', 'MV083'], ['hosts.yaml:1', 'MV080'], ['hosts.yaml:1', 'MV030'], ['hosts.yaml:1', 'MV029'], ['hosts.yaml:1', 'MV031'],
      ['hosts.yaml:1', 'MV081'], ['hosts.yaml:1', 'MV026'], ['hosts.yaml:2', 'MV079'], ['hosts.yaml:2', 'MV028'], ['hosts.yaml:2', 'MV027'],
      ['hosts.yaml:2', 'MV082'],
    ];
    for (const [where, rule] of planted) {
      expect(r.stdout).toContain(`test/fixtures/lint/broken/${where}: ${rule} `);
    }
    expect(r.stdout).toMatch(/^test\/fixtures\/lint\/broken\/syntax\.yml:5:16: YAML error: /m);
    expect(r.stdout).toMatch(/^28 error\(s\), 4 warning\(s\) in 6 file\(s\)$/m);

    const clean = spawn('lint', path.join(FIXTURES, 'clean'));
    expect(clean.status).toBe(0);
    expect(clean.stdout).toBe('0 error(s), 0 warning(s) in 2 file(s)\n');
  });
});
