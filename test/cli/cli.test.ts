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

  test('text output: file:line:col of the field, RULE severity, object, field, message, fix and the explain command', async () => {
    const r = await run(['lint', path.join(FIXTURES, 'broken', 'pools.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('test/fixtures/lint/broken/pools.yaml:7:3: MV001 error: SpiderIPPool vlan100-v4 spec.subnet: "172.16.100.1/24" has host bits set '
      + '(Spiderpool only accepts the network address). Fix: write "172.16.100.0/24" (cdk8s-macvlan explain MV001)');
    expect(r.stdout).toMatch(/pools\.yaml:27:3: MV052 error: SpiderIPPool vlan200-wide spec\.vlan:/);
  });

  test('warnings only: exit 0', async () => {
    const nad = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata: {name: nad1, namespace: kube-system}
spec:
  config: '{"name":"nad1","type":"macvlan","master":"eth1","ipam":{}}'
`;
    const r = await run(['lint', '-'], nad);
    expect(r.code).toBe(0);
    // the field is inside the JSON text of spec.config: the position is that of config
    expect(r.stdout).toMatch(/^<stdin>:5:3: MV074 warning: NetworkAttachmentDefinition kube-system\/nad1 spec\.config\.cniVersion: cniVersion is not set/);
    expect(r.stdout).toMatch(/0 error\(s\), 1 warning\(s\) in 1 file\(s\)\n$/);
  });

  test('--format json', async () => {
    const r = await run(['lint', '--format', 'json', '-'], `${POOL('10.0.0.0/24')}---\n${POOL('10.0.0.1/24').replace('p0', 'p1')}`);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.findings).toEqual([expect.objectContaining({
      file: '<stdin>',
      line: 9,
      col: 8,
      document: 2,
      rule: 'MV001',
      severity: 'error',
      kind: 'SpiderIPPool',
      name: 'p1',
      field: 'spec.subnet',
      fix: 'write "10.0.0.0/24"',
      docs: 'cdk8s-macvlan explain MV001',
    })]);
    expect(out.summary).toEqual({ files: 1, objects: 2, errors: 1, warnings: 0 });
    expect((await run(['lint', '--format=json', path.join(FIXTURES, 'clean')])).code).toBe(0);
  });

  test('--format json carries the capacity table; --capacity-warn sets the MV171 threshold', async () => {
    const pool = 'apiVersion: spiderpool.spidernet.io/v2beta1\nkind: SpiderIPPool\nmetadata: {name: p}\nspec: {subnet: 10.0.0.0/24, ips: [10.0.0.10-10.0.0.19]}\n';
    // (a NAD named "n" would need quotes: kubectl, like go-yaml v2, reads an unquoted n as false)
    const nad = `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata: {name: net1, namespace: kube-system}\nspec:\n  config: '${JSON.stringify({ cniVersion: '0.3.1', name: 'net1', plugins: [{ type: 'macvlan', master: 'eth1', ipam: { type: 'spiderpool', default_ipv4_ippool: ['p'] } }, { type: 'coordinator' }] })}'\n`;
    const sts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: default}\nspec: {replicas: 8, template: {metadata: {annotations: {v1.multus-cni.io/default-network: kube-system/net1}}, spec: {containers: [{name: c, image: nginx}]}}}\n';
    const input = `${pool}---\n${nad}---\n${sts}`;
    const r = await run(['lint', '--format', 'json', '-'], input);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).capacity).toEqual([{
      pool: 'p',
      ipVersion: 4,
      supply: 10,
      demand: 8,
      pinnedDemand: 8,
      status: 'ok',
      warnPercent: 90,
      workloads: [{ kind: 'StatefulSet', namespace: 'default', name: 'db', pods: 8, explanation: 'replicas 8', podInterface: 'eth0' }],
    }]);
    const warned = await run(['lint', '--capacity-warn', '75', '-'], input);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(/^<stdin>:4:29: MV171 warning: SpiderIPPool p spec\.ips: pool "p" is 80% used/);
    expect((await run(['lint', '--capacity-warn=0', '-'], input)).code).toBe(2);
    expect((await run(['lint', '--capacity-warn', 'x', '-'], input)).stderr).toContain('--capacity-warn must be a percentage above 0 and at most 100, got "x"');
  });

  test('--format json: a workload spread over two racks\' pools shows per rack the range and the risk (MV195)', async () => {
    const rackPool = (r: string, n: number) => `apiVersion: spiderpool.spidernet.io/v2beta1\nkind: SpiderIPPool\nmetadata: {name: ${r}}\nspec: {subnet: 10.${n}.0.0/24, ips: [10.${n}.0.10-10.${n}.0.14], nodeAffinity: {matchLabels: {rack: ${r}}}}\n`;
    const nad = `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata: {name: racks, namespace: kube-system}\nspec:\n  config: '${JSON.stringify({ cniVersion: '0.3.1', name: 'racks', plugins: [{ type: 'macvlan', master: 'eth1', ipam: { type: 'spiderpool', default_ipv4_ippool: ['a', 'b'] } }, { type: 'coordinator' }] })}'\n`;
    const terms = '[{matchExpressions: [{key: rack, operator: In, values: [a]}]}, {matchExpressions: [{key: rack, operator: In, values: [b]}]}]';
    const sts = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: default}\nspec: {replicas: 6, template: {metadata: {annotations: {v1.multus-cni.io/default-network: kube-system/racks}}, spec: {affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: ${terms}}}}, containers: [{name: c, image: nginx}]}}}\n`;
    const r = await run(['lint', '--format', 'json', '-'], `${rackPool('a', 1)}---\n${rackPool('b', 2)}---\n${nad}---\n${sts}`);
    expect(r.code).toBe(0); // warnings only
    const out = JSON.parse(r.stdout);
    expect(out.capacity.map((c: any) => [c.pool, c.supply, c.pinnedDemand, c.demand, c.status, c.workloads[0].spreadOver])).toEqual([
      ['a', 5, 0, 6, 'at-risk', 2],
      ['b', 5, 0, 6, 'at-risk', 2],
    ]);
    expect(out.findings.map((f: any) => `${f.rule} ${f.name}`)).toEqual(['MV195 a', 'MV195 b']);
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
    const r = await run(['lint', '-'], JSON.stringify([{ apiVersion: 'v1', kind: 'List', items: [JSON.parse(JSON.stringify({ apiVersion: 'spiderpool.spidernet.io/v2beta1', kind: 'SpiderIPPool', metadata: { name: 'p' }, spec: { subnet: '10.0.0.0/33' } }))] }]));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<stdin>:1:146: MV001 error: SpiderIPPool p spec\.subnet: "10\.0\.0\.0\/33" is not a valid CIDR/);
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

  test('every document is accounted for: scalars, nested lists and values that are not objects are findings (issue 12)', async () => {
    const r = await run(['lint', '--format', 'json', '-'], 'hello\n---\n42\n---\n[[{"kind": "Pod", "metadata": {"name": "p"}}]]\n---\n# only a comment\n---\n');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.findings.map((f: any) => [f.rule, f.line, f.col, f.field, f.message])).toEqual([
      ['MV150', 1, 1, '(document)', 'the string "hello" is not a Kubernetes object, so kubectl rejects the file'],
      ['MV150', 3, 1, '(document)', 'the number 42 is not a Kubernetes object, so kubectl rejects the file'],
      ['MV150', 5, 2, '(document)', 'a list ([{"kind":"Pod","metadata":{"name":"p"}}]) is not a Kubernetes object, so kubectl rejects the file'],
    ]);
    expect(out.summary).toEqual({ files: 1, objects: 3, errors: 3, warnings: 0 });
  });

  test('a NAD with namespace: 42 is reported, not linted as if it had none (issue 12)', async () => {
    const r = await run(['lint', '-'], `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: nad1
  namespace: 42
spec:
  config: '{"cniVersion":"0.3.1","name":"nad1","type":"macvlan","master":"eth1","ipam":{}}'
`);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('<stdin>:5:3: MV151 error: NetworkAttachmentDefinition nad1 metadata.namespace: metadata.namespace is the number 42, not a string, '
      + 'so kubectl rejects the object. Fix: quote it: namespace: "42" (cdk8s-macvlan explain MV151)\n1 error(s), 0 warning(s) in 1 file(s)\n');
  });

  test('YAML as kubectl reads it: !!merge keeps the text, YAML 1.1 booleans and octals, under-indented quoted scalars (issue 11, 12)', async () => {
    const merge = await run(['lint', '-'], 'apiVersion: !!merge v1\nkind: Namespace\nmetadata:\n  name: vlan100\n');
    expect(merge).toEqual({ code: 0, stdout: '0 error(s), 0 warning(s) in 1 file(s)\n', stderr: '' });
    // go-yaml v2 reads an unquoted "n" as false: kubectl refuses it as a name
    const bool = await run(['lint', '-'], 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n');
    expect(bool.stdout).toMatch(/^<stdin>:4:3: MV151 error: Namespace \(no name\) metadata\.name: metadata\.name is the boolean false, not a string/);
  });

  test('Multus\' own example shape: a quoted multi-line config whose closing line is less indented than its key (issue 11)', async () => {
    const r = await run(['lint', path.join(FIXTURES, 'upstream', 'multus-sriov-shape.yml')]);
    expect(r.stdout).not.toMatch(/YAML error/);
    expect(r.stdout).toMatch(/^\S+multus-sriov-shape\.yml:12:3: MV074 warning: NetworkAttachmentDefinition sriov-net-a spec\.config\.cniVersion:/m);
    expect(r.code).toBe(0);
  });

  test('the reader bounds are stated: a file over 16 MiB is one problem', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-macvlan-big-'));
    try {
      const file = path.join(dir, 'big.yaml');
      fs.writeFileSync(file, `# ${'x'.repeat(16 * 1024 * 1024)}\n`);
      const r = await run(['lint', file]);
      expect(r).toEqual({
        code: 1,
        stdout: `${file}: YAML error: the file is larger than 16 MiB, the most cdk8s-macvlan lint reads: split it into several files\n1 error(s), 0 warning(s) in 1 file(s)\n`,
        stderr: '',
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('directories: symbolic links to directories are followed once, loops are not followed, dangling links are reported (issue 12)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-macvlan-links-'));
    try {
      const real = path.join(dir, 'real');
      fs.mkdirSync(path.join(real, 'sub'), { recursive: true });
      fs.writeFileSync(path.join(real, 'sub', 'pool.yaml'), POOL('10.0.0.1/24'));
      const top = path.join(dir, 'top');
      fs.mkdirSync(top);
      fs.symlinkSync(real, path.join(top, 'linked'));
      fs.symlinkSync(top, path.join(real, 'sub', 'back-to-top')); // a loop
      fs.symlinkSync(path.join(dir, 'missing.yaml'), path.join(top, 'dangling.yaml'));
      const r = await run(['lint', top]);
      expect(r.stdout.split('\n')).toEqual([
        `${path.join(top, 'dangling.yaml')}: YAML error: cannot read the file: ENOENT (a dangling symbolic link?)`,
        `${path.join(top, 'linked', 'sub', 'pool.yaml')}:4:8: MV001 error: SpiderIPPool p0 spec.subnet: "10.0.0.1/24" has host bits set (Spiderpool only accepts the network address). Fix: write "10.0.0.0/24" (cdk8s-macvlan explain MV001)`,
        '2 error(s), 0 warning(s) in 2 file(s)',
        '',
      ]);
      expect(r.code).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--version prints the version of package.json', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect((await run(['-V'])).stdout).toBe(`${pkg.version}\n`);
  });

  test('explain prints a rule\'s page offline: what, why (what lint reports on the failing example), failing and fixed example', async () => {
    const r = await run(['explain', 'mv004']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'MV004 (error): SpiderIPPool gateway must be an IP inside the subnet',
      '',
      'Why: on the failing example, lint reports',
      '    MV004 error: SpiderIPPool vlan100-v4 spec.gateway: gateway 172.16.200.1 is outside subnet 172.16.100.0/24. Fix: use the router address of 172.16.100.0/24 (the switch VLANIF)',
    ]);
    expect(r.stdout).toContain('Fails (YAML):\n\n    apiVersion: spiderpool.spidernet.io/v2beta1\n');
    expect(r.stdout).toContain('      gateway: 172.16.200.1\n');
    expect(r.stdout).toContain('Fixed:\n\n    apiVersion: spiderpool.spidernet.io/v2beta1\n');
    expect(r.stdout).toContain('      gateway: 172.16.100.1\n');
    expect(r.stdout).toMatch(/docs\/rules\.md#mv004 in the cdk8s-macvlan package\.\n$/);
    // every rule has a page; the link every finding carries is that command
    for (const id of ['MV001', 'MV098', 'MV150', 'MV151']) expect((await run(['explain', id])).code).toBe(0);
  });

  test.each([
    [[], /Usage: cdk8s-macvlan lint/],
    [['lint'], /no input/],
    [['lint', '--format', 'xml', 'x'], /--format must be text or json, got "xml"/],
    [['lint', '--strict', 'x'], /unknown option "--strict"/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['lint', 'does/not/exist.yaml'], /cannot read "does\/not\/exist\.yaml": ENOENT/],
    [['lint', '-', '-'], /"-" \(stdin\) can be given once/],
    [['explain'], /explain takes one rule id \(e\.g\. MV004\), got none/],
    [['explain', 'MV999'], /no rule "MV999"/],
    [['--version', 'x'], /--version takes no arguments/],
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
      ['pools.yaml:7:3', 'MV001'], ['pools.yaml:17:3', 'MV004'], ['pools.yaml:25:3', 'MV011'], ['pools.yaml:27:3', 'MV052'],
      ['networks.yaml:8:3', 'MV015'], ['networks.yaml:17:3', 'MV071'], ['networks.yaml:27:5', 'MV053'], ['networks.yaml:28:5', 'MV055'],
      ['networks.yaml:30:5', 'MV056'], ['workloads/deployments.yaml:10:9', 'MV064'], ['workloads/deployments.yaml:24:9', 'MV060'],
      ['workloads/deployments.yaml:28:1', 'MV022'], ['workloads/deployments.yaml:42:13', 'MV066'], ['workloads/deployments.yaml:47:1', 'MV021'],
      ['workloads/deployments.yaml:60:1', 'MV070'], ['workloads/deployments.yaml:60:1', 'MV069'], ['workloads/pod.json:9:7', 'MV061'],
      ['workloads/pod.json:8:7', 'MV068'], ['hosts.yaml:8:5', 'MV083'], ['hosts.yaml:22:11', 'MV080'], ['hosts.yaml:17:11', 'MV030'],
      ['hosts.yaml:21:13', 'MV029'], ['hosts.yaml:26:9', 'MV031'], ['hosts.yaml:27:44', 'MV081'], ['hosts.yaml:31:35', 'MV026'],
      ['hosts.yaml:44:9', 'MV079'], ['hosts.yaml:45:26', 'MV028'], ['hosts.yaml:46:9', 'MV027'], ['hosts.yaml:53:9', 'MV082'],
      ['addresses.yaml:11:7', 'MV201'], ['addresses.yaml:43:15', 'MV205'], ['addresses.yaml:69:15', 'MV207'],
    ];
    for (const [where, rule] of planted) {
      expect(r.stdout).toContain(`test/fixtures/lint/broken/${where}: ${rule} `);
    }
    expect(r.stdout).toMatch(/^test\/fixtures\/lint\/broken\/syntax\.yml:5:16: YAML error: /m);
    expect(r.stdout).toMatch(/^31 error\(s\), 4 warning\(s\) in 7 file\(s\)$/m);

    const clean = spawn('lint', path.join(FIXTURES, 'clean'));
    expect(clean.status).toBe(0);
    expect(clean.stdout).toBe('0 error(s), 0 warning(s) in 2 file(s)\n');
  });

  test('a closed pipe ends quietly (cdk8s-macvlan rules-doc | head -1): no EPIPE trace, exit 0', () => {
    // a real shell pipe: head exits after one line while the CLI is still writing
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" ${shim} rules-doc | head -1`], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('# cdk8s-macvlan rules\n');
    expect(r.status).toBe(0);
  });
});
