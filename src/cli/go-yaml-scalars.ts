/**
 * Scalar resolution as kubectl reads YAML: sigs.k8s.io/yaml decodes with go-yaml v2 (YAML 1.1 rules:
 * `yes`/`no`/`on`/`off`/`y`/`n` are booleans, `0755` is octal, `1_000` is an integer, unquoted
 * timestamps become RFC 3339 strings after the conversion to JSON, unknown and `!!merge` tags keep the
 * text), then converts the result to JSON. Tags for the `yaml` library (our own implementation of those
 * rules, written from go-yaml's documented behaviour). Internal to the CLI.
 */
import type { ScalarTag } from 'yaml';

const BOOLS: { readonly [source: string]: boolean } = Object.fromEntries([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map(s => [s, true]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map(s => [s, false]),
]);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS: { readonly [source: string]: number } = {
  '.nan': NaN,
  '.NaN': NaN,
  '.NAN': NaN,
  '.inf': Infinity,
  '.Inf': Infinity,
  '.INF': Infinity,
  '+.inf': Infinity,
  '+.Inf': Infinity,
  '+.INF': Infinity,
  '-.inf': -Infinity,
  '-.Inf': -Infinity,
  '-.INF': -Infinity,
};
/** go-yaml's float syntax (checked after removing underscores). */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** A plain number as Go's strconv.ParseInt/ParseUint with base 0 reads it (after `_` removal), or undefined. */
function goInteger(text: string): number | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  const [, sign, digits] = m;
  const body = /^0[0-7]+$/.test(digits) ? `0o${digits.slice(1)}` : digits.toLowerCase();
  const magnitude = BigInt(body);
  const value = sign === '-' ? -magnitude : magnitude;
  if (value >= -INT64_MAX - 1n && value <= INT64_MAX) return Number(value);
  if (sign === '' && value <= UINT64_MAX) return Number(value);
  return undefined;
}

const TIMESTAMP = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:([Tt ])([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\.([0-9]{1,9}))?(Z|[-+][0-9]{2}:[0-9]{2})?)?$/;

/**
 * An unquoted timestamp in one of the formats go-yaml v2 accepts, rendered the way encoding/json writes a
 * Go time (RFC 3339 with the given offset, `Z` for UTC, fraction without trailing zeros); undefined if it
 * is not one.
 */
function goTimestamp(text: string): string | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, sep, h, mi, s, frac, zone] = m;
  // "2006-1-2T15:4:5Z07:00" needs a zone; "2006-1-2 15:4:5" has none.
  if (sep !== undefined && ((sep === ' ') !== (zone === undefined))) return undefined;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  if (month < 1 || month > 12) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return undefined;
  const pad = (n: string | number, w = 2) => String(n).padStart(w, '0');
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (sep === undefined) return `${date}T00:00:00Z`;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  if (zone && zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4)) > 59)) return undefined;
  const fraction = frac ? frac.replace(/0+$/, '') : '';
  const offset = !zone || zone === 'Z' || zone === '+00:00' ? 'Z' : zone;
  return `${date}T${pad(h)}:${pad(mi)}:${pad(s)}${fraction ? `.${fraction}` : ''}${offset}`;
}

/**
 * Resolves a plain scalar that starts like a number or timestamp (a digit, a sign or a dot) the way go-yaml
 * v2 does; anything else stays the text.
 */
export function resolveGoNumber(text: string, plain = true): number | string {
  if (Object.prototype.hasOwnProperty.call(SPECIAL_FLOATS, text)) return SPECIAL_FLOATS[text];
  if (text.startsWith('.')) {
    return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) ? Number(text) : text;
  }
  if (plain) {
    const ts = goTimestamp(text);
    if (ts !== undefined) return ts;
  }
  const digits = text.replace(/_/g, '');
  const int = goInteger(digits);
  if (int !== undefined) return int;
  if (YAML_STYLE_FLOAT.test(digits)) return Number(digits);
  return text;
}

/** Tags replacing the `yaml` library's core-schema scalars (null, bool, int, float) and its binary tag. */
export const GO_YAML_SCALAR_TAGS: ScalarTag[] = [
  {
    tag: 'tag:yaml.org,2002:null',
    default: true,
    identify: v => v === null || v === undefined,
    test: /^(?:~|null|Null|NULL)?$/,
    resolve: () => null,
  },
  {
    tag: 'tag:yaml.org,2002:bool',
    default: true,
    identify: v => typeof v === 'boolean',
    test: /^(?:[yYnN]|[Yy]es|YES|[Nn]o|NO|[Tt]rue|TRUE|[Ff]alse|FALSE|[Oo]n|ON|[Oo]ff|OFF)$/,
    resolve: (s: string) => BOOLS[s],
  },
  {
    // numbers, the special floats and timestamps all start with a sign, a digit or a dot in go-yaml
    tag: 'tag:yaml.org,2002:int',
    default: true,
    identify: v => typeof v === 'number',
    test: /^[-+0-9.]/,
    resolve: (s: string) => resolveGoNumber(s),
  },
  {
    tag: 'tag:yaml.org,2002:float',
    identify: () => false,
    resolve: (s: string) => {
      const v = resolveGoNumber(s, false);
      return typeof v === 'number' ? v : s;
    },
  },
  {
    tag: 'tag:yaml.org,2002:timestamp',
    identify: () => false,
    resolve: (s: string) => goTimestamp(s) ?? s,
  },
  {
    // go-yaml decodes !!binary to the bytes; JSON then writes them as a (UTF-8) string
    tag: 'tag:yaml.org,2002:binary',
    identify: () => false,
    resolve: (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'base64').toString('utf8'),
  },
];

/** True for the plain scalars go-yaml reads as null (kept for callers that test scalars). */
export function isGoNull(text: string): boolean {
  return NULLS.has(text);
}
