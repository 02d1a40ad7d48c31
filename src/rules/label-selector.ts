import { checkDns1123Subdomain } from '../net';
import { Finding, RULES, finding } from './catalog';

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

// (own copies of ip-pool's helpers: ip-pool imports this module)
function isPlainObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(v) ?? typeof v;
  } catch {
    text = `(a ${typeof v})`;
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** A label key as Kubernetes takes it (IsQualifiedName): `[prefix/]name`, prefix a DNS-1123 subdomain, name 1-63 characters. */
export function checkLabelKey(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'has more than one "/"; a label key is "[prefix/]name"';
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    if (parts[0].length === 0) return 'has an empty prefix before "/"';
    const problem = checkDns1123Subdomain(parts[0]);
    if (problem) return `has prefix "${parts[0]}" which ${problem}`;
  }
  if (name.length === 0) return 'has an empty name part';
  if (name.length > 63) return `has a name part of ${name.length} characters; at most 63 are allowed`;
  if (!NAME_PART.test(name)) return `has name part "${name}", which must be letters, digits, "-", "_" or "." and start and end with a letter or digit`;
  return undefined;
}

/** A label value as Kubernetes takes it (IsValidLabelValue): empty, or 1-63 characters like a name part. */
export function checkLabelValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return `${describe(value)} is not a string`;
  if (value.length > 63) return `"${value.slice(0, 20)}..." is ${value.length} characters long; a label value is at most 63`;
  if (!LABEL_VALUE.test(value)) return `"${value}" must be empty or letters, digits, "-", "_" or "." starting and ending with a letter or digit`;
  return undefined;
}

/**
 * A label selector (`matchLabels`, `matchExpressions`) checked as Kubernetes' ValidateLabelSelector does: key
 * and value syntax, the four operators, `values` required for In/NotIn and forbidden for Exists/DoesNotExist.
 * `consequence` says what upstream does with a bad one (refuses the pool, or fails the allocation).
 */
export function checkLabelSelector(sel: unknown, field: string, consequence: string, out: Finding[]): void {
  const bad = (at: string, message: string, fix: string) => out.push(finding(RULES.poolSelector, at, `${message} (${consequence})`, fix));
  if (!isPlainObject(sel)) {
    bad(field, `${describe(sel)} is not a label selector object`, 'write matchLabels: {key: value} and/or matchExpressions: [...]');
    return;
  }
  if (sel.matchLabels !== undefined && sel.matchLabels !== null) {
    if (!isPlainObject(sel.matchLabels)) {
      bad(`${field}.matchLabels`, `matchLabels ${describe(sel.matchLabels)} is not a mapping`, 'write matchLabels: {app: web}');
    } else {
      // (the keys, not entries: no pair per label)
      const labels = sel.matchLabels;
      const keys = Object.keys(labels);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const value = labels[key];
        const keyProblem = checkLabelKey(key);
        if (keyProblem) bad(`${field}.matchLabels`, `label key "${key}" ${keyProblem}`, 'use a label key such as "app" or "example.com/tier"');
        const valueProblem = checkLabelValue(value);
        if (valueProblem) bad(`${field}.matchLabels[${key}]`, `label value ${valueProblem}`, 'use a label value such as "web" (quote numbers and booleans)');
      }
    }
  }
  if (sel.matchExpressions !== undefined && sel.matchExpressions !== null) {
    if (!Array.isArray(sel.matchExpressions)) {
      bad(`${field}.matchExpressions`, `matchExpressions ${describe(sel.matchExpressions)} is not a list`, 'write matchExpressions: [{key: app, operator: In, values: [web]}]');
      return;
    }
    sel.matchExpressions.forEach((raw: unknown, i: number) => {
      const at = `${field}.matchExpressions[${i}]`;
      const e = isPlainObject(raw) ? raw : {};
      if (typeof e.key !== 'string') {
        bad(`${at}.key`, e.key === undefined ? 'the expression has no key' : `key ${describe(e.key)} is not a string`, 'give every expression a label key');
      } else {
        const problem = checkLabelKey(e.key);
        if (problem) bad(`${at}.key`, `key "${e.key}" ${problem}`, 'use a label key such as "app" or "kubernetes.io/hostname"');
      }
      const values = e.values;
      const count = Array.isArray(values) ? values.length : 0;
      if (values !== undefined && values !== null && !Array.isArray(values)) {
        bad(`${at}.values`, `values ${describe(values)} is not a list`, 'write values: ["web"]');
      }
      if (!OPERATORS.includes(e.operator)) {
        bad(`${at}.operator`, e.operator === undefined ? 'the expression has no operator' : `operator ${describe(e.operator)} is not a selector operator`, 'use In, NotIn, Exists or DoesNotExist (this spelling)');
      } else if ((e.operator === 'In' || e.operator === 'NotIn') && count === 0) {
        bad(`${at}.values`, `operator ${e.operator} needs at least one value`, 'list the values, e.g. values: ["web"], or use Exists');
      } else if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && count > 0) {
        bad(`${at}.values`, `operator ${e.operator} takes no values`, 'remove values, or use In/NotIn');
      }
      if (Array.isArray(values)) {
        values.forEach((v: unknown, j: number) => {
          const problem = checkLabelValue(v);
          if (problem) bad(`${at}.values[${j}]`, `value ${problem}`, 'use label values such as "web"');
        });
      }
    });
  }
}
