/**
 * The placement rules (MV172, MV173, MV175) hinge on "does every node the pods may run on satisfy this?". Checked
 * here against brute force: every node over two label keys, each absent or one of three values (the third value
 * appears in no selector, standing for all the values nobody wrote).
 */
import fc from 'fast-check';
import {
  NodeRequirement, disjointFromEqualities, impliesLabelSelector, impliesRequirement, placementConjunctions,
} from '../../src/rules';

const KEYS = ['a', 'b'];
const VALUES = ['x', 'y'];
type Node = { [key: string]: string };
const NODES: Node[] = [];
for (const a of [undefined, 'x', 'y', 'z']) {
  for (const b of [undefined, 'x', 'y', 'z']) {
    const n: Node = {};
    if (a) n.a = a;
    if (b) n.b = b;
    NODES.push(n);
  }
}

function matches(node: Node, r: NodeRequirement): boolean {
  const v = node[r.key];
  switch (r.operator) {
    case 'In': return v !== undefined && (r.values ?? []).includes(v);
    case 'NotIn': return v === undefined || !(r.values ?? []).includes(v);
    case 'Exists': return v !== undefined;
    case 'DoesNotExist': return v === undefined;
    default: throw new Error(r.operator);
  }
}

const requirement: fc.Arbitrary<NodeRequirement> = fc.record({
  key: fc.constantFrom(...KEYS),
  operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
  values: fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 2 }),
}).map(r => (r.operator === 'Exists' || r.operator === 'DoesNotExist' ? { key: r.key, operator: r.operator } : r));
const selector = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 2 });

describe('node selection logic against brute force', () => {
  test('impliesRequirement: true exactly when every node satisfying the placement satisfies the requirement', () => {
    fc.assert(fc.property(selector, fc.array(requirement, { maxLength: 3 }), requirement, (nodeSelector, term, req) => {
      const [conj] = placementConjunctions({ nodeSelector, requiredTerms: [term] });
      const placed = NODES.filter(n => Object.entries(nodeSelector).every(([k, v]) => n[k] === v) && term.every(r => matches(n, r)));
      fc.pre(placed.length > 0); // pods that fit no node at all are not judged
      expect(impliesRequirement(conj, req)).toBe(placed.every(n => matches(n, req)));
    }), { numRuns: 2000 });
  });

  test('impliesLabelSelector over matchLabels and matchExpressions', () => {
    const args = [fc.array(requirement, { maxLength: 3 }), selector, fc.array(requirement, { maxLength: 2 })] as const;
    fc.assert(fc.property(...args, (term, matchLabels, matchExpressions) => {
      const [conj] = placementConjunctions({ requiredTerms: [term] });
      const placed = NODES.filter(n => term.every(r => matches(n, r)));
      fc.pre(placed.length > 0);
      const admitted = (n: Node) => Object.entries(matchLabels).every(([k, v]) => n[k] === v) && matchExpressions.every(r => matches(n, r));
      expect(impliesLabelSelector(conj, { matchLabels, matchExpressions })).toBe(placed.every(admitted));
    }), { numRuns: 2000 });
  });

  test('disjointFromEqualities: true exactly when no placed node matches the selector', () => {
    fc.assert(fc.property(fc.array(requirement, { maxLength: 3 }), selector, (term, eq) => {
      const [conj] = placementConjunctions({ requiredTerms: [term] });
      const placed = NODES.filter(n => term.every(r => matches(n, r)));
      fc.pre(placed.length > 0);
      expect(disjointFromEqualities(conj, eq)).toBe(!placed.some(n => Object.entries(eq).every(([k, v]) => n[k] === v)));
    }), { numRuns: 2000 });
  });
});
