/**
 * Compares the linter with the oracle, object by object, and folds the outcomes into classes:
 * agree, miss (upstream rejects, or the pod fails at runtime, and the linter has no error) and over (the linter has
 * an error and upstream accepts). Misses are classed by upstream's message, over by our rule ids.
 */
import { LintFinding, LintResult } from '../src/rules';
import { STRICTER_THAN_UPSTREAM } from '../src/rules/upstream';
import { OracleVerdict } from './oracle';

export type Outcome = 'agree' | 'miss' | 'over';

/** Upstream's judgement of one object: its verdict, or `runtime` when it is accepted but fails when the pod starts. */
export type Upstream = 'accept' | 'reject' | 'runtime';

export interface Comparison {
  readonly kind: string;
  readonly upstream: Upstream;
  readonly outcome: Outcome;
  /** Upstream message class (miss), our rule ids (over), or the verdict (agree). */
  readonly cls: string;
  readonly messages: readonly string[];
  readonly ours: readonly string[];
  readonly mutations: readonly string[];
  /** For `over`: every error is a rule documented as deliberately stricter, or a known approximation of the oracle. */
  readonly deliberate: boolean;
}

/**
 * Where the oracle, not the linter, departs from upstream (the oracle's SOURCE.md, "Shims and assumptions"): it
 * decodes SpiderMultusConfig specs with Go's encoding/json, which matches field names case-insensitively, while the
 * API server's structural schema is case-sensitive (kubectl's strict field validation refuses `vlanId`, other
 * clients prune it and the VLAN is lost). Only such findings count; any other MV160 finding stays undocumented.
 */
export function oracleApproximation(kind: string, f: LintFinding): boolean {
  if (f.rule !== 'MV160' || kind !== 'SpiderMultusConfig') return false;
  const m = /unknown field "([^"]+)" \(did you mean "([^"]+)"\?\)/.exec(f.message);
  return m !== null && m[1] !== m[2] && m[1].toLowerCase() === m[2].toLowerCase();
}

/** A rule documented as deliberately stricter than upstream (src/rules/upstream.ts; docs/rules.md states why). */
export function deliberateRule(ruleId: string): boolean {
  return STRICTER_THAN_UPSTREAM[ruleId] !== undefined;
}

/** Replaces the values in a message by placeholders so that messages of one check fall into one class. */
export function messageClass(message: string): string {
  return message
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'/g, '\'…\'')
    .replace(/\[[^\]]*\]/g, '[…]')
    .replace(/\{.*\}/g, '{…}')
    .replace(/\b[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}(\.\d+){0,3}(\/\d+)?/gi, '#')
    .replace(/\b\d+(\.\d+){0,3}(\/\d+)?\b/g, '#')
    .replace(/\b(IPPool|SpiderMultusConfig|spidermultusconfig|net-attach-def|NIC|interface|pool|network) (?!is\b|must\b|should\b)[^\s,:]+/g, '$1 …')
    .replace(/\s+/g, ' ')
    .slice(0, 140);
}

const RUNTIME = /^runtime: /;

export function upstreamOf(v: OracleVerdict): Upstream {
  if (v.verdict === 'reject') return 'reject';
  return (v.notes ?? []).some(n => RUNTIME.test(n)) ? 'runtime' : 'accept';
}

/**
 * One object: the oracle's verdict against our lint result. Undefined when the oracle does not judge the kind.
 * `rejectedByUs` names the objects of the same set that we reject (`pool/<name>`, `network/<ns>/<name>`): a pod
 * that upstream fails at runtime only because such an object is missing agrees (the set does not pass lint).
 */
export function compare(v: OracleVerdict, ours: LintResult, mutations: readonly string[], rejectedByUs: ReadonlySet<string> = new Set(),
  inSet: ReadonlySet<string> = new Set()): Comparison | undefined {
  if (v.verdict === 'n/a') return undefined;
  const errors = [...new Set(ours.findings.filter(f => f.severity === 'error').map(f => f.rule))].sort();
  const upstream = upstreamOf(v);
  const kind = v.kind;
  const base = { kind, upstream, ours: errors, mutations, deliberate: false };
  if (upstream === 'accept') {
    if (errors.length === 0) return { ...base, outcome: 'agree', cls: 'accept', messages: [] };
    // Upstream compares a pool only with the pools it accepted before; we compare with every pool of the set. An
    // overlap or duplicate name with a pool we reject as well is the same failing set: such findings do not count.
    const cascade = (f: LintFinding) => {
      if (f.rule === 'MV097') return rejectedByUs.has(`first-pool/${ours.object.name}`);
      const other = /SpiderIPPool "([^"]*)"/.exec(f.message);
      return (f.rule === 'MV011' || f.rule === 'MV012') && other !== null && rejectedByUs.has(`pool/${other[1]}`);
    };
    const errs = ours.findings.filter(f => f.severity === 'error' && !cascade(f));
    if (errs.length === 0) return { ...base, outcome: 'agree', cls: 'accept (overlap or name clash with a pool both reject)', messages: [] };
    const ids = [...new Set(errs.map(f => f.rule))].sort();
    const deliberate = errs.every(f => deliberateRule(f.rule) || oracleApproximation(kind, f));
    return { ...base, ours: ids, outcome: 'over', cls: ids.join('+'), messages: [], deliberate };
  }
  const messages = upstream === 'reject' ? v.messages : (v.notes ?? []).filter(n => RUNTIME.test(n));
  if (errors.length > 0) return { ...base, outcome: 'agree', cls: `${upstream}: ${messageClass(messages[0] ?? '')}`, messages };
  if (upstream === 'runtime' && messages.every(n => rejectedByUs.has(runtimeSubject(n)))) {
    return { ...base, outcome: 'agree', cls: 'runtime (a rejected object of the set)', messages };
  }
  if (upstream === 'runtime' && messages.every(n => inSet.has(runtimeSubject(n)))) {
    // the pool is in the set but upstream refuses it: a miss on that object, counted in its own class
    return { ...base, outcome: 'miss', cls: 'runtime: selects a pool of the set that upstream refuses (and we accept)', messages };
  }
  return { ...base, outcome: 'miss', cls: messageClass(messages[0] ?? '(no message)'), messages };
}

/** `pool/<name>` or `network/<ns>/<name>` of a runtime note. */
export function runtimeSubject(note: string): string {
  const pool = /^runtime: pool (\S+) /.exec(note);
  if (pool) return `pool/${pool[1]}`;
  const net = /^runtime: network (\S+) /.exec(note);
  return net ? `network/${net[1]}` : '';
}

/** Counts per kind and per class, with the first example of each class. */
export interface Report {
  readonly total: number;
  readonly byKind: Record<string, { agree: number; miss: number; over: number }>;
  readonly classes: Array<{ kind: string; outcome: Outcome; cls: string; deliberate: boolean; count: number; example: Example; mutations: Record<string, number> }>;
}

export interface Example {
  readonly scene: number;
  readonly object: number;
  readonly messages: readonly string[];
  readonly ours: readonly string[];
}

export class Tally {
  private total = 0;
  private readonly byKind = new Map<string, { agree: number; miss: number; over: number }>();
  /** The first scene of each agreeing class (kind and upstream message class), for fixtures. */
  readonly agreeExamples = new Map<string, { scene: number; object: number }>();
  private readonly classes = new Map<string, { kind: string; outcome: Outcome; cls: string; deliberate: boolean; count: number; example: Example; mutations: Record<string, number> }>();

  add(c: Comparison, scene: number, object: number): void {
    this.total++;
    const k = this.byKind.get(c.kind) ?? { agree: 0, miss: 0, over: 0 };
    k[c.outcome]++;
    this.byKind.set(c.kind, k);
    if (c.outcome === 'agree') {
      const key = `${c.kind}\u0000${c.cls}`;
      if (!this.agreeExamples.has(key)) this.agreeExamples.set(key, { scene, object });
      return;
    }
    const key = `${c.kind}\u0000${c.outcome}\u0000${c.cls}\u0000${c.deliberate}`;
    let entry = this.classes.get(key);
    if (!entry) {
      entry = { kind: c.kind, outcome: c.outcome, cls: c.cls, deliberate: c.deliberate, count: 0, example: { scene, object, messages: c.messages, ours: c.ours }, mutations: {} };
      this.classes.set(key, entry);
    }
    entry.count++;
    for (const m of c.mutations) entry.mutations[m] = (entry.mutations[m] ?? 0) + 1;
  }

  report(): Report {
    const byKind: Report['byKind'] = {};
    for (const k of [...this.byKind.keys()].sort()) byKind[k] = this.byKind.get(k)!;
    const classes = [...this.classes.values()].sort((a, b) => b.count - a.count || (a.kind + a.outcome + a.cls < b.kind + b.outcome + b.cls ? -1 : 1));
    return { total: this.total, byKind, classes };
  }
}
