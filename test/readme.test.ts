import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { addVlanTopologyScenario } from '../examples/vlan-topology';
import { USER_COMPILERS, compileWith } from './support/compilers';
import { testApp } from './support/synth';

const ROOT = path.join(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const OUT = path.join(ROOT, 'test', 'compile-fixtures', '.out');

interface Block { readonly line: number; readonly code: string; readonly context: string; readonly marker?: string }

/** The ```ts blocks with the context comment and marker right above each (only blank lines between). */
function tsBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const fence = /```ts\n([\s\S]*?)\n```/g;
  let m: RegExpExecArray | null;
  while ((m = fence.exec(text))) {
    const before = text.slice(0, m.index);
    let context = '';
    let marker: string | undefined;
    let rest = before.replace(/\s*$/, '');
    // the comments right above the fence, nearest first
    for (;;) {
      if (!rest.endsWith('-->')) break;
      const open = rest.lastIndexOf('<!--');
      const comment = rest.slice(open);
      const c = /^<!-- ts-context\n([\s\S]*)\n-->$/.exec(comment);
      const k = /^<!-- readme-example: ([\w.-]+) -->$/.exec(comment);
      if (c) context = c[1];
      else if (k) marker = k[1];
      else break;
      rest = rest.slice(0, open).replace(/\s*$/, '');
    }
    blocks.push({ line: before.split('\n').length + 1, code: m[1], context, marker });
  }
  return blocks;
}

/** The block as a module of test/compile-fixtures/.out, `cdk8s-macvlan` pointing at src/. */
function asModule(b: Block): string {
  return `${b.context}\n${b.code}\nexport {};\n`.replace(/from 'cdk8s-macvlan'/g, "from '../../../src'");
}

function between(begin: string, end: string): string {
  const i = README.indexOf(begin);
  const j = README.indexOf(end);
  expect(i).toBeGreaterThan(-1);
  expect(j).toBeGreaterThan(i);
  return README.slice(i + begin.length, j).trim();
}

describe('README', () => {
  test('keeps the two-command quick start', () => {
    expect(README).toContain('npm ci && npm run synth');
    expect(README).toMatch(/^npm test\b/m);
  });

  test('embeds the example topology\'s current Mermaid diagram', () => {
    const { topology } = addVlanTopologyScenario(testApp());
    expect(between('<!-- topology-diagram:begin -->', '<!-- topology-diagram:end -->')).toBe('```mermaid\n' + topology.renderMermaid().trim() + '\n```');
  });

  test('embeds the example topology\'s current switch plan', () => {
    const { topology } = addVlanTopologyScenario(testApp());
    const demoted = topology.renderSwitchPlanMarkdown().trim().split('\n')
      .map(l => (l.startsWith('# ') ? '###' + l.slice(1) : l.startsWith('## ') ? '####' + l.slice(2) : l)).join('\n');
    expect(between('<!-- switch-plan:begin -->', '<!-- switch-plan:end -->')).toBe(demoted);
  });
});

/*
 * Every TypeScript block of the README, compiled as users compile it (TypeScript 5.9 and 7, `cdk8s-macvlan`
 * resolved to src/). A block that uses names it does not define declares them in an HTML comment right above it
 * (`<!-- ts-context ... -->`, not shown on the rendered page). The five-minute example (`<!-- readme-example:
 * main.ts -->`) is also run, and what it writes is what the README shows.
 */
describe('README TypeScript blocks', () => {
  const blocks = tsBlocks(README);
  const files = blocks.map((b, i) => {
    const file = path.join(OUT, `readme-block-${i + 1}.ts`);
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(file, asModule(b));
    return path.relative(ROOT, file).split(path.sep).join('/');
  });

  test('the blocks: the five-minute main.ts, the topology, the peer choices', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    expect(blocks.filter(b => b.marker === 'main.ts')).toHaveLength(1);
    // the five-minute path uses what `cdk8s init typescript-app` installs today
    expect(blocks.find(b => b.marker === 'main.ts')!.code).toContain("from 'cdk8s-plus-33'");
    expect(README).toContain('npx cdk8s-cli init typescript-app');
    expect(README).toMatch(/^npm install cdk8s-macvlan/m);
  });

  test.each(USER_COMPILERS.map(c => [c]))('every block compiles with %s', async (compiler) => {
    const result = await compileWith(compiler, 'readme', files);
    const byBlock = result.diagnostics.map(d => {
      const i = files.indexOf(d.file);
      return `README line ${i >= 0 ? blocks[i].line : '?'} (${d.file}:${d.line}): TS${d.code} ${d.message}`;
    });
    expect(byBlock).toEqual([]);
  });

  test('the five-minute example writes the annotations and the NAD config the README shows', () => {
    const i = blocks.findIndex(b => b.marker === 'main.ts');
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'mv-readme-'));
    const previous = process.env.CDK8S_OUTDIR;
    process.env.CDK8S_OUTDIR = outdir;
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(path.join(ROOT, files[i]));
      });
      const objects = YAML.parseAllDocuments(fs.readFileSync(path.join(outdir, 'underlay.k8s.yaml'), 'utf8')).map(d => d.toJS());
      const ann = objects.find(o => o.kind === 'Deployment').spec.template.metadata.annotations;
      expect(README).toContain(`v1.multus-cni.io/default-network: ${ann['v1.multus-cni.io/default-network']}`);
      expect(README).toContain(`ipam.spidernet.io/ippools: '${ann['ipam.spidernet.io/ippools']}'`);
      const config = objects.find(o => o.kind === 'NetworkAttachmentDefinition').spec.config;
      const shown = /```json\n([\s\S]*?)\n```/.exec(README)![1].replace(/\n\s*/g, '');
      expect(shown).toBe(config);
    } finally {
      if (previous === undefined) delete process.env.CDK8S_OUTDIR;
      else process.env.CDK8S_OUTDIR = previous;
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
