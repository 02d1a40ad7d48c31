/**
 * Differential cases kept from `npm run parity` (test/fixtures/parity/*.yaml, written by
 * `npm run parity -- --seed 1 --count 14000 --write-fixtures test/fixtures/parity`): each object carries the
 * verdict of the upstream oracle (`# upstream: accept|reject|runtime | <upstream's message>`) and the error rules
 * the linter reports (`# expect:`). Runs without Go: the verdicts are recorded, the linter runs here.
 */
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import * as YAML from 'yaml';
import { STRICTER_THAN_UPSTREAM, lintManifests } from '../../src/rules';

const DIR = join(__dirname, '..', 'fixtures', 'parity');

/**
 * Errors on objects upstream accepts that are not deliberate rules: the oracle matches field names
 * case-insensitively where the API server does not (MV160, see the oracle's SOURCE.md in the workspace's shared/oracle), and an overlap or a
 * name clash with a pool that the set rejects as well (upstream only compares with the pools it accepted).
 */
const ORACLE_APPROXIMATIONS = ['MV160'];
const CASCADES = ['MV011', 'MV012', 'MV097'];

interface Case {
  readonly obj: any;
  readonly upstream: 'accept' | 'reject' | 'runtime' | 'n/a';
  readonly message: string;
  readonly expect: string[];
}

function readCases(file: string): Case[] {
  // documents are separated by "---" lines; each starts with its "# upstream:" and "# expect:" comment lines
  return readFileSync(join(DIR, file), 'utf8').split(/^---$/m).map(text => {
    const upstream = /^# upstream: (accept|reject|runtime|n\/a)(?: \| (.*))?$/m.exec(text);
    const expect = /^# expect: (.*)$/m.exec(text);
    if (!upstream || !expect) throw new Error(`${file}: a document without its "# upstream:" and "# expect:" lines`);
    return {
      obj: YAML.parse(text),
      upstream: upstream[1] as Case['upstream'],
      message: upstream[2] ?? '',
      expect: expect[1] === '(no error)' ? [] : expect[1].split(' '),
    };
  });
}

const files = readdirSync(DIR).filter(f => f.endsWith('.yaml')).sort();

test('the fixtures are there', () => {
  expect(files.length).toBeGreaterThanOrEqual(40);
});

describe.each(files)('%s', file => {
  const cases = readCases(file);
  const results = lintManifests(cases.map(c => c.obj));
  const errorsOf = (i: number) => [...new Set(results[i].findings.filter(f => f.severity === 'error').map(f => f.rule))].sort();

  test('the linter reports the recorded error rules for every object', () => {
    expect(cases.map((_, i) => errorsOf(i))).toEqual(cases.map(c => c.expect));
  });

  test('each verdict agrees with upstream, or the difference is a documented one', () => {
    const setFails = results.some(r => r.findings.some(f => f.severity === 'error'));
    cases.forEach((c, i) => {
      const ours = errorsOf(i);
      const where = `${file} document ${i + 1} (${c.obj?.kind} ${c.obj?.metadata?.name}): upstream ${c.upstream} ${c.message}`;
      if (c.upstream === 'reject') {
        expect({ where, ours }).toEqual({ where, ours: expect.arrayContaining([expect.any(String)]) });
      } else if (c.upstream === 'runtime') {
        // the pod fails when it starts: we reject it, or an object it needs (which we reject too)
        expect({ where, failing: ours.length > 0 || setFails }).toEqual({ where, failing: true });
      } else if (c.upstream === 'accept') {
        const documented = (id: string) => STRICTER_THAN_UPSTREAM[id] !== undefined || ORACLE_APPROXIMATIONS.includes(id) || CASCADES.includes(id);
        const undocumented = ours.filter(id => !documented(id));
        expect({ where, undocumented }).toEqual({ where, undocumented: [] });
      }
    });
  });
});
