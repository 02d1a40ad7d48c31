/**
 * What `npx projen build` and `npm pack` produce: one command, the release metadata, no package without lib/,
 * and projen's synth from .projenrc.ts reproducing the committed generated files byte for byte
 * (so a build on a fresh clone leaves `git status` clean).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('package.json', () => {
  test('exactly one command, cdk8s-macvlan, pointing at the shim', () => {
    expect(pkg.bin).toEqual({ 'cdk8s-macvlan': 'bin/cdk8s-macvlan.js' });
    expect(() => fs.accessSync(path.join(ROOT, pkg.bin['cdk8s-macvlan']), fs.constants.X_OK)).not.toThrow();
  });

  test('release metadata: 0.1.0, experimental, no placeholder contact or repository', () => {
    expect(pkg.version).toBe('0.1.0');
    expect(pkg.stability).toBe('experimental');
    expect(pkg.license).toBe('Apache-2.0');
    expect(JSON.stringify(pkg.author)).not.toMatch(/\.local|example\.|\.invalid/);
    expect(pkg.repository?.url ?? '').toBe('');
    expect(fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8')).toMatch(/^## 0\.1\.0/m);
  });

  test('npm pack runs the lib/ check first', () => {
    expect(pkg.scripts.prepack).toBe('projen prepack');
    const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8'));
    expect(tasks.tasks.prepack.steps).toEqual([{ exec: 'node scripts/check-pack.js' }]);
  });

  test('the lib/ check refuses an uncompiled tree and names what is missing', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'mv-pack-'));
    try {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'check-pack.js'), empty], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('refusing to pack: lib/index.js, lib/index.d.ts, lib/cli/main.js, .jsii missing');
      expect(r.stderr).toContain('npx projen build');
      for (const f of ['lib/index.js', 'lib/index.d.ts', 'lib/cli/main.js', '.jsii']) {
        fs.mkdirSync(path.dirname(path.join(empty, f)), { recursive: true });
        fs.writeFileSync(path.join(empty, f), '');
      }
      expect(spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'check-pack.js'), empty]).status).toBe(0);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('projen synth', () => {
  // Files projen writes from .projenrc.ts that are committed: a build must leave each as it is.
  const GENERATED = ['package.json', '.projen/tasks.json', '.projen/deps.json', '.npmignore', '.gitignore',
    '.gitattributes', 'tsconfig.json', 'test/tsconfig.json', 'projenrc/tsconfig.json', '.eslintrc.json'];

  test('.projenrc.ts reproduces the committed generated files (a build leaves git status clean)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mv-projen-'));
    try {
      for (const f of ['.projenrc.ts', 'package.json', 'tsconfig.json', 'bin', 'projenrc']) {
        fs.cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
      }
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
      const r = spawnSync(process.execPath, ['-r', 'ts-node/register', '.projenrc.ts'], {
        cwd: dir,
        encoding: 'utf8',
        // no npm install after synth; transpile only (the dev tsconfig type-checks .projenrc.ts)
        env: { ...process.env, PROJEN_DISABLE_POST: 'true', TS_NODE_PROJECT: 'projenrc/tsconfig.json', TS_NODE_TRANSPILE_ONLY: 'true' },
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      for (const f of GENERATED) {
        expect(`${f}:\n${fs.readFileSync(path.join(dir, f), 'utf8')}`).toBe(`${f}:\n${fs.readFileSync(path.join(ROOT, f), 'utf8')}`);
      }
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).bin).toEqual({ 'cdk8s-macvlan': 'bin/cdk8s-macvlan.js' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
