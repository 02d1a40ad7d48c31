/** The vendored upstream CRDs (crds/): provenance recorded, and the refresh task that replaces them. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { VENDOR_DIR, provenanceProblems, refresh } from '../scripts/refresh-crds';

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, p);
    if (fs.statSync(full).isFile()) out[p] = fs.readFileSync(full, 'utf8');
  }
  return out;
}

describe('vendored CRDs', () => {
  const projects = fs.readdirSync(VENDOR_DIR).sort();

  test('one folder per upstream project', () => {
    expect(projects).toEqual(['kubernetes-nmstate', 'network-attachment-definition-client', 'spiderpool']);
  });

  test.each(projects)('%s records repository, commit, path of each file and license', (p) => {
    expect(provenanceProblems(path.join(VENDOR_DIR, p))).toEqual([]);
  });

  test('refresh copies every CRD and SOURCE.txt byte for byte, and removes files no longer upstream', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mv-crds-'));
    try {
      const to = path.join(tmp, 'out');
      fs.mkdirSync(path.join(to, 'stale'), { recursive: true });
      fs.writeFileSync(path.join(to, 'stale', 'old.yaml'), 'x');
      const copied = refresh(VENDOR_DIR, to);
      expect(copied).toContain('spiderpool/spiderpool.spidernet.io_spiderippools.yaml');
      expect(tree(to)).toEqual(tree(VENDOR_DIR));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('refresh refuses a folder whose CRDs have no provenance, and leaves the target alone', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mv-crds-'));
    try {
      const from = path.join(tmp, 'from');
      fs.mkdirSync(path.join(from, 'someproject'), { recursive: true });
      fs.writeFileSync(path.join(from, 'someproject', 'crd.yaml'), 'kind: CustomResourceDefinition\n');
      const to = path.join(tmp, 'out');
      fs.mkdirSync(to);
      fs.writeFileSync(path.join(to, 'keep.txt'), 'kept');
      expect(() => refresh(from, to)).toThrow(/refusing .*\n  someproject: no SOURCE.txt \(upstream repository, commit, path and license\)/);
      fs.writeFileSync(path.join(from, 'someproject', 'SOURCE.txt'), 'Repo: https://github.com/a/b\n');
      expect(() => refresh(from, to)).toThrow(/does not name the upstream commit[\s\S]*does not name the license[\s\S]*does not mention crd.yaml/);
      expect(fs.readFileSync(path.join(to, 'keep.txt'), 'utf8')).toBe('kept');
      expect(() => refresh(path.join(tmp, 'nope'), to)).toThrow(/is not a directory/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
