/**
 * Issue 12, property-based: arbitrary values, and valid props with one part replaced by a value of the wrong
 * shape, thrown at every public entry point of the constructs. Each input must end in valid output that our
 * own lint finds clean, in the library's error (MacvlanError), or in rule findings at synth; never in another
 * exception, never in output that differs from what the typed input meant, and the same every run.
 * Bounded (fixed seeds, a few hundred inputs); `npx projen fuzz:constructs` runs the long seeded search.
 */
import fc from 'fast-check';
import { ENTRY_ARBITRARIES, EntryName, FuzzInput, Outcome, VALID_INPUTS, oneWrongPlace, renderInput, runInput } from './fuzz-model';

process.env.CDK8S_MACVLAN_QUIET = '1';

const ACCEPTED = ['valid', 'library-error', 'rule-error'];

/** Runs an input twice (fresh apps) and fails with the input when the outcome is not accepted or differs. */
function judge(input: FuzzInput): Outcome {
  const first = runInput(input);
  if (!ACCEPTED.includes(first.kind)) throw new Error(`${first.kind} for ${renderInput(input)}:\n${first.detail}\n${first.trace ?? ''}`);
  const second = runInput(input);
  if (second.kind !== first.kind || second.detail !== first.detail) throw new Error(`nondeterministic for ${renderInput(input)}:\n${first.detail}\n---\n${second.detail}`);
  return first;
}

describe('every entry point: valid output, the library\'s error or rule findings; never a crash', () => {
  const runs: { readonly [K in EntryName]: number } = {
    IpPool: 60,
    network: 60,
    attach: 50,
    configurePrimary: 30,
    podNetworks: 40,
    applyTo: 30,
    topology: 40,
    topologyMethod: 40,
    factory: 60,
    annotatedPod: 30,
    capacity: 30,
  };
  test.each(Object.keys(runs) as EntryName[])('%s', entry => {
    fc.assert(fc.property(ENTRY_ARBITRARIES[entry], input => {
      judge(input);
    }), { numRuns: runs[entry], seed: 12 });
  });
});

describe('valid props with one place of the wrong shape', () => {
  test('the valid inputs are valid (so the sweep below tests the shape of each place)', () => {
    for (const input of VALID_INPUTS) expect([renderInput(input), runInput(input).kind]).toEqual([renderInput(input), 'valid']);
  });

  test('each place replaced by null, undefined, a number, a string, a boolean, {}, [], a pool, a network, itself in a list', () => {
    const kinds: Record<string, number> = {};
    for (const input of oneWrongPlace()) {
      const o = judge(input);
      kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
    }
    // most wrong shapes are refused at the call; some are fine (an optional prop left undefined, a list of one)
    expect(kinds['library-error']).toBeGreaterThan(500);
  });
});
