/**
 * Internal: shape checks of what public constructors, methods and factories are given (JavaScript types,
 * null/undefined, lists vs single values, finite numbers, enum members, the right class). They run once, at
 * the boundary, before the input is used, and throw {@link MacvlanError} naming the call, the construct, the
 * prop path, the value and the fix. Value rules (a subnet that is a string but not canonical, an MTU out of
 * range) are not here: the rules catalog reports those at synth. Pure: depends on nothing but ./errors, so
 * every layer may use it.
 */
import { MacvlanError } from './errors';

/** Where a check runs: the call the user made (`new IpPool()`, `PodNetworks.overlay()`) and its construct. */
export interface ShapeContext {
  readonly call: string;
  readonly constructPath?: string;
}

/**
 * One expected shape. `check` throws a MacvlanError when `value` does not fit. Every shape decides a value in
 * two ways: `accepts`, a predicate that allocates nothing (the path every valid input takes: constructors run
 * thousands of times in a fabric), and the general walk that builds the field path and throws the first problem,
 * which `check` runs only when `accepts` said no. A property test holds the two to the same answer.
 */
export interface Shape {
  /** What is expected, as a noun phrase: `a string`, `a list of strings`, `a MacvlanOverlayNetwork`. */
  readonly expected: string;
  /**
   * How to fix a value that does not fit, when "pass <expected>" is not enough.
   * @default - "pass <expected>"
   */
  readonly fix?: string;
  /** Whether `value` fits: exactly when `check` would not throw, decided without a field path or an error. */
  accepts(value: unknown): boolean;
  /**
   * @param optional the value is an optional field (the fix then also says it may be left out)
   */
  check(value: unknown, field: string, ctx: ShapeContext, optional?: boolean): void;
  /**
   * The general walk alone (no `accepts` first, here or in the nested shapes): throws the first problem.
   * @internal for the property test that holds `accepts` to it
   */
  _explain(value: unknown, field: string, ctx: ShapeContext, optional?: boolean): void;
}

/** A shape from its predicate and its general walk: `check` runs the walk only for a value the predicate refuses. */
function shapeOf(expected: string, fix: string | undefined, accepts: (v: unknown) => boolean,
  explain: (shape: Shape, value: unknown, field: string, ctx: ShapeContext, optional: boolean | undefined) => void): Shape {
  const shape: Shape = {
    expected,
    fix,
    accepts,
    check(value, field, ctx, optional) {
      if (accepts(value)) return;
      explain(shape, value, field, ctx, optional);
    },
    _explain(value, field, ctx, optional) {
      explain(shape, value, field, ctx, optional);
    },
  };
  return shape;
}

/** A field of an object shape. */
interface FieldShape {
  readonly shape: Shape;
  readonly required: boolean;
}

/** The library's error for a value that does not fit `expected`. */
export function shapeError(ctx: ShapeContext, field: string, expected: string, value: unknown, fix: string): MacvlanError {
  return new MacvlanError({
    constructPath: ctx.constructPath,
    field: field === '' ? undefined : field,
    message: `${expected} expected by ${ctx.call}, got ${describeValue(value)}`,
    fix,
  });
}

/** The fix of a shape, for a required or an optional field. */
function fixOf(shape: Shape, field: string, optional: boolean | undefined): string {
  const base = shape.fix ?? `pass ${shape.expected}`;
  return optional ? `${base}, or leave ${lastSegment(field)} out` : base;
}

function lastSegment(field: string): string {
  const m = /([A-Za-z0-9_$]+)\)?$/.exec(field);
  return m ? m[1] : field;
}

/** A fix, or a fix that depends on the value (undefined: the default fix). */
export type Fix = string | ((value: unknown) => string | undefined);

function leaf(expected: string, test: (v: unknown) => boolean, fix?: Fix): Shape {
  return shapeOf(expected, typeof fix === 'string' ? fix : undefined, test, (shape, value, field, ctx, optional) => {
    if (test(value)) return;
    const own = typeof fix === 'function' ? fix(value) : undefined;
    throw shapeError(ctx, field, expected, value, fixOf(own !== undefined ? { ...shape, fix: own } : shape, field, optional));
  });
}

/** A string (any content: what the string says is for the rules). */
export function str(example?: string): Shape {
  return leaf('a string', v => typeof v === 'string', example !== undefined ? `pass a string such as ${JSON.stringify(example)}` : undefined);
}

/** A finite number (the rules decide integer-ness and range). */
export function num(): Shape {
  return leaf('a finite number', v => typeof v === 'number' && Number.isFinite(v));
}

/** A finite integer (for numbers no rule checks). */
export function int(): Shape {
  return leaf('an integer', v => typeof v === 'number' && Number.isInteger(v));
}

/** true or false. */
export function bool(): Shape {
  return leaf('true or false', v => typeof v === 'boolean');
}

/** One of an enum's values (for enums whose value no rule checks). */
export function oneOf(enumName: string, enumObject: { [key: string]: string }): Shape {
  const entries = Object.entries(enumObject);
  const values = entries.map(([, v]) => v);
  return leaf(article(enumName), v => typeof v === 'string' && values.includes(v),
    `use one of ${entries.map(([k]) => `${enumName}.${k}`).join(', ')}`);
}

/** An instance of `cls`, built with `how`. */
export function instanceOf(cls: { readonly prototype: object }, name: string, how?: string, fix?: (value: unknown) => string | undefined): Shape {
  const test = (v: unknown) => typeof v === 'object' && v !== null && cls.prototype.isPrototypeOf(v);
  const base = how !== undefined ? `pass ${how}` : undefined;
  return leaf(article(name), test, fix === undefined ? base : v => fix(v) ?? base);
}

/** A value accepted by `test`, described as `expected`. */
export function custom(expected: string, test: (v: unknown) => boolean, fix?: Fix): Shape {
  return leaf(expected, test, fix);
}

/** A construct (a cdk8s Chart or any construct below it). */
export function construct(fix = SCOPE_FIX): Shape {
  return fix === SCOPE_FIX ? SCOPE_SHAPE : leaf(CONSTRUCT_EXPECTED, isConstructLike, fix);
}

const SCOPE_FIX = 'pass the chart (or construct) to create it in';
const CONSTRUCT_EXPECTED = 'a construct (a Chart or a construct inside one)';
/** The scope of every constructor (one shape, not one per construct built). */
const SCOPE_SHAPE: Shape = leaf(CONSTRUCT_EXPECTED, isConstructLike, SCOPE_FIX);

/** A list (a real array) of `item`. */
export function listOf(item: Shape): Shape {
  const expected = `a list of ${plural(item.expected)}`;
  const accepts = (value: unknown): boolean => {
    if (!Array.isArray(value)) return false;
    for (let i = 0; i < value.length; i++) if (!item.accepts(value[i])) return false;
    return true;
  };
  return shapeOf(expected, undefined, accepts, (shape, value, field, ctx, optional) => {
    if (!Array.isArray(value)) {
      const fix = typeof value === 'string' ? `pass ${expected}, e.g. [${JSON.stringify(truncate(value))}]` : undefined;
      throw shapeError(ctx, field, expected, value, fixOf({ ...shape, fix }, field, optional));
    }
    for (let i = 0; i < value.length; i++) item._explain(value[i], `${field}[${i}]`, ctx);
  });
}

/** A `{ [key: string]: item }` map (plain object). */
export function mapOf(item: Shape): Shape {
  const expected = `a map of ${plural(item.expected)}`;
  const accepts = (value: unknown): boolean => {
    if (!isObjectLike(value) || isConstructLike(value)) return false;
    for (const key of Object.keys(value as object)) if (!item.accepts((value as Record<string, unknown>)[key])) return false;
    return true;
  };
  return shapeOf(expected, `pass ${expected}, e.g. { key: ... }`, accepts, (shape, value, field, ctx, optional) => {
    if (!isObjectLike(value) || isConstructLike(value)) throw shapeError(ctx, field, expected, value, fixOf(shape, field, optional));
    for (const key of Object.keys(value as object)) item._explain((value as Record<string, unknown>)[key], `${field}${propKey(key)}`, ctx);
  });
}

/** Any object (not a list, not null): for content someone else checks. */
export const OPEN_OBJECT: Shape = custom('an object', v => isObjectLike(v) && !isConstructLike(v), 'pass an object { ... }');

/** A required field. */
export function req(shape: Shape): FieldShape {
  return { shape, required: true };
}

/** An optional field: undefined means "not set"; null is refused like any other wrong value. */
export function opt(shape: Shape): FieldShape {
  return { shape, required: false };
}

/**
 * An object with the given fields. Unknown keys are refused (with a value, they would be dropped silently);
 * a construct or a list is refused whatever its keys.
 */
export function obj(typeName: string, fields: { readonly [key: string]: FieldShape }, options: { readonly openKeys?: boolean } = {}): Shape {
  const expected = `${article(typeName)} object`;
  const known = Object.keys(fields);
  const list = known.map(key => fields[key]);
  const openKeys = options.openKeys === true;
  const accepts = (value: unknown): boolean => {
    if (!isObjectLike(value) || isConstructLike(value)) return false;
    const o = value as Record<string, unknown>;
    for (let i = 0; i < known.length; i++) {
      const v = o[known[i]];
      if (v === undefined ? list[i].required : !list[i].shape.accepts(v)) return false;
    }
    if (openKeys) return true;
    for (const key in o) {
      // (own enumerable keys, as Object.keys lists them, without the list)
      if (Object.prototype.hasOwnProperty.call(o, key) && !Object.prototype.hasOwnProperty.call(fields, key) && o[key] !== undefined) return false;
    }
    return true;
  };
  const shape = shapeOf(expected, `pass ${expected} { ${known.slice(0, 4).join(', ')}${known.length > 4 ? ', ...' : ''} }`, accepts,
    (self, value, field, ctx, optional) => {
      if (!isObjectLike(value) || isConstructLike(value)) throw shapeError(ctx, field, expected, value, fixOf(self, field, optional));
      const o = value as Record<string, unknown>;
      for (const key of known) {
        const f = fields[key];
        const v = o[key];
        const at = field === '' ? key : `${field}.${key}`;
        if (v === undefined && f.required) throw shapeError(ctx, at, f.shape.expected, v, `give ${key}: ${fixOf(f.shape, at, false).replace(/^pass /, '')}`);
        if (v !== undefined) f.shape._explain(v, at, ctx, !f.required);
      }
      if (openKeys) return;
      for (const key of Object.keys(o)) {
        if (Object.prototype.hasOwnProperty.call(fields, key) || o[key] === undefined) continue;
        const near = closest(key, known);
        throw new MacvlanError({
          constructPath: ctx.constructPath,
          field: field === '' ? key : `${field}.${key}`,
          message: `${typeName} has no "${truncate(key)}" (${ctx.call} would ignore it)`,
          fix: near !== undefined ? `use "${near}" instead` : `remove it; ${typeName} takes ${known.join(', ')}`,
        });
      }
    });
  OBJECT_SHAPES.set(typeName, { keys: known, openKeys, shape });
  return shape;
}

/**
 * Every object shape by type name, with its keys (a test compares them with the props interfaces, so that a
 * prop added or renamed there is not refused here).
 */
export const OBJECT_SHAPES = new Map<string, { readonly keys: readonly string[]; readonly openKeys: boolean; readonly shape: Shape }>();

/** Runs `shape` on `value` (the whole argument is `field`). */
export function checkShape(value: unknown, shape: Shape, ctx: ShapeContext, field: string): void {
  shape.check(value, field, ctx);
}

/**
 * The construct path a new construct `id` under `scope` will have (for errors thrown before it exists); checks
 * that `scope` is a construct and `id` a string first.
 */
export function checkScopeAndId(scope: unknown, id: unknown, call: string): string {
  checkScope(scope, id, call);
  const parent = (scope as { node: { path: string } }).node.path;
  return parent === '' ? id as string : `${parent}/${id}`;
}

/** The checks of {@link checkScopeAndId}, without making the path (only an error needs it). */
function checkScope(scope: unknown, id: unknown, call: string): void {
  SCOPE_SHAPE.check(scope, 'scope', { call });
  if (typeof id !== 'string') {
    const parent = (scope as { node: { path: string } }).node.path;
    throw shapeError({ call, constructPath: parent === '' ? undefined : parent }, 'id', 'a string', id, 'pass the construct id as a string, e.g. "pool"');
  }
}

/**
 * A constructor's context: the construct path is made when an error reads it (a valid construct never does), from
 * the scope's path, which never changes.
 */
class ConstructorContext implements ShapeContext {
  private path?: string;

  constructor(public readonly call: string, private readonly scope: { readonly node: { readonly path: string } }, private readonly id: string) {}

  public get constructPath(): string {
    if (this.path === undefined) {
      const parent = this.scope.node.path;
      this.path = parent === '' ? this.id : `${parent}/${this.id}`;
    }
    return this.path;
  }
}

/**
 * Checks a constructor's scope, id and props; returns the context for further checks.
 * @param call e.g. `new IpPool()`
 */
export function checkConstructorArgs(scope: unknown, id: unknown, props: unknown, shape: Shape, call: string): ShapeContext {
  checkScope(scope, id, call);
  const ctx = new ConstructorContext(call, scope as { node: { path: string } }, id as string);
  shape.check(props, '', ctx);
  return ctx;
}

/** A short, safe rendering of any value for messages (never throws, bounded length, no deep walk). */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing (undefined)';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string': return JSON.stringify(truncate(v));
    case 'number': return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint': return `the bigint ${truncate(String(v))}n`;
    case 'boolean': return String(v);
    case 'symbol': return 'a symbol';
    case 'function': return 'a function';
    default: break;
  }
  if (Array.isArray(v)) {
    const items = v.slice(0, 3).map(shallow).join(', ');
    return v.length === 0 ? 'an empty list' : `the list [${items}${v.length > 3 ? ', ...' : ''}]`;
  }
  if (isConstructLike(v)) {
    const qualified = (v as { qualifiedName?: unknown }).qualifiedName;
    const name = className(v) ?? 'a construct';
    return typeof qualified === 'string' ? `${name} "${truncate(qualified)}"` : `${name} at "${truncate(v.node.path)}"`;
  }
  const cls = className(v);
  if (cls !== undefined && cls !== 'Object') return article(cls);
  const keys = Object.keys(v as object);
  return keys.length === 0 ? 'an empty object' : `an object with ${keys.slice(0, 4).map(k => JSON.stringify(truncate(k, 20))).join(', ')}${keys.length > 4 ? ', ...' : ''}`;
}

function shallow(v: unknown): string {
  if (v !== null && (typeof v === 'object' || typeof v === 'function')) return Array.isArray(v) ? '[...]' : '{...}';
  return describeValue(v);
}

function className(v: unknown): string | undefined {
  try {
    const proto = Object.getPrototypeOf(v);
    const ctor = proto === null ? undefined : proto.constructor;
    return typeof ctor === 'function' && typeof ctor.name === 'string' && ctor.name !== '' ? ctor.name : undefined;
  } catch {
    return undefined;
  }
}

/** A construct as far as a child construct needs one (a node with a path that takes children). */
function isConstructLike(v: unknown): v is { node: { path: string } } {
  if (typeof v !== 'object' || v === null) return false;
  const node = (v as { node?: { path?: unknown; addChild?: unknown } }).node;
  return typeof node === 'object' && node !== null && typeof node.path === 'string' && typeof node.addChild === 'function';
}

/** `a Foo` / `an IpPool`. */
function article(name: string): string {
  return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
}

function isObjectLike(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function truncate(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

function propKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(truncate(key, 40))}]`;
}

function plural(expected: string): string {
  return expected
    .replace(/^an? (.*) object$/, '$1 objects')
    .replace(/^a string$/, 'strings')
    .replace(/^an integer$/, 'integers')
    .replace(/^a finite number$/, 'finite numbers')
    .replace(/^an? /, '')
    .replace(/^(Ip\w+|Macvlan\w+)$/, '$1s');
}

/** The known key nearest to `key` (case or one or two edits away), if any. */
function closest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    if (k.toLowerCase() === lower) return k;
    const d = editDistance(lower, k.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap || a.length > 64 || b.length > 64) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
