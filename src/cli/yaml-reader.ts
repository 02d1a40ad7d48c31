/**
 * Reads untrusted YAML (and JSON) text into plain values, within stated bounds, document by document.
 * Internal to the CLI.
 *
 * Bounds: at most {@link MAX_NESTING} levels of nested collections per document (counted through aliases
 * too), at most {@link MAX_INPUT_BYTES} bytes per input. The nesting bound is checked on the parser's
 * concrete syntax tree, which the `yaml` library builds without recursion, before anything recursive
 * (composition, conversion to plain values, the rules) sees the document: a deeper document is one
 * problem at the position of its first too-deep collection, the same on every run, and never a stack
 * overflow (which in V8 can also abort the process while compiling a regular expression).
 */
import * as YAML from 'yaml';
import { GO_YAML_SCALAR_TAGS } from './go-yaml-scalars';

/**
 * The deepest nesting of collections (mappings and sequences) a document may have. Kubernetes objects,
 * CRD schemas included, need a few dozen levels; the bound leaves the parser and the rules ample stack.
 */
export const MAX_NESTING = 100;

/** The largest input read (16 MiB; the API server stores at most about 1.5 MiB per object). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** A problem reading the text, with its 1-based line and column when known. */
export interface TextProblem {
  readonly line?: number;
  readonly col?: number;
  readonly message: string;
}

/** One document of the input. */
export interface YamlDocument {
  /** 1-based position in the stream. */
  readonly index: number;
  /** 1-based line and column where the document's content starts. */
  readonly line: number;
  readonly col: number;
  /** The plain value; `undefined` when the document could not be read (see `problems`). */
  readonly value?: unknown;
  /** Why the document could not be read (empty when `value` is set). */
  readonly problems: TextProblem[];
  /**
   * The 1-based line and column of a field, given as a path of keys and indexes from the document's root:
   * the key of the deepest mapping entry (or the sequence item) on the path that the document has, else
   * the document's start.
   */
  locate(path: ReadonlyArray<string | number>): { line: number; col: number };
}

/** The documents of a YAML stream and the problems outside any document. */
export interface YamlStream {
  readonly documents: YamlDocument[];
  readonly problems: TextProblem[];
}

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/** Lexer control marks: not part of the text. */
const MARKS = new Set(['\x02', '\x18', '\x1f']);

/**
 * The `yaml` library's CST parser closes nested block collections recursively, so a few thousand levels
 * closed at once overflow the stack before the exact check on its tree can run. This scan runs on the
 * lexer's tokens (the lexer is a loop) and finds, per document, an upper bound of the block nesting: the
 * stack of distinct columns where block nodes start and are still open (at most two collections share a
 * column: a sequence that is the value of a mapping key). Nesting at least that deep is far beyond
 * {@link MAX_NESTING}: such a document is reported at the collection that crosses the bound, and never parsed.
 */
const PRESCAN_COLUMNS = 2 * MAX_NESTING;

interface DeepSegment {
  /** Offset of the document's first character after its `---` line (or of the stream start). */
  readonly start: number;
  end: number;
  /** Where the nesting crossed MAX_NESTING. */
  readonly at: number;
  /** Where the blanked text holds the null document standing in for it. */
  nullAt?: number;
}

function prescanBlockNesting(text: string): DeepSegment[] {
  const out: DeepSegment[] = [];
  let offset = 0;
  let segmentStart = 0;
  let flagged: DeepSegment | undefined;
  let lineStart = true;
  let col = 0;
  let flow = 0;
  let afterIndicator = false;
  const columns: Array<{ col: number; offset: number }> = [];
  const open = (c: number, at: number) => {
    if (columns.length === 0 || columns[columns.length - 1].col < c) columns.push({ col: c, offset: at });
    if (columns.length > PRESCAN_COLUMNS && !flagged) {
      flagged = { start: segmentStart, end: text.length, at: columns[MAX_NESTING].offset };
      out.push(flagged);
    }
  };
  for (const lexeme of goYamlLexer().lex(text)) {
    if (MARKS.has(lexeme)) continue;
    const type = YAML.CST.tokenType(lexeme);
    const at = offset;
    offset += lexeme.length;
    if (type === 'doc-start' || type === 'doc-end') {
      if (flagged) flagged.end = at;
      flagged = undefined;
      segmentStart = offset;
      columns.length = 0;
      flow = 0;
      afterIndicator = false;
    }
    if (type === 'newline') {
      lineStart = true;
      col = 0;
      afterIndicator = false;
      continue;
    }
    if (type === 'space' || type === 'comment' || flagged) {
      col += lexeme.length;
      continue;
    }
    if (type === 'flow-map-start' || type === 'flow-seq-start') {flow++;} else if (type === 'flow-map-end' || type === 'flow-seq-end') {flow = Math.max(0, flow - 1);} else if (flow === 0 && type !== 'doc-start' && type !== 'doc-end') {
      if (lineStart) {
        while (columns.length > 0 && columns[columns.length - 1].col > col) columns.pop();
        open(col, at);
      }
      if (type === 'seq-item-ind' || type === 'explicit-key-ind') {
        open(col, at);
        afterIndicator = true;
      } else if (afterIndicator) {
        open(col, at);
        afterIndicator = false;
      }
    }
    lineStart = false;
    const nl = lexeme.lastIndexOf('\n');
    col = nl >= 0 ? lexeme.length - nl - 1 : col + lexeme.length;
  }
  return out;
}

/**
 * The text with the content of each segment blanked to a null document (`~`), offsets and lines unchanged;
 * sets each segment's `nullAt`.
 */
function blank(text: string, segments: DeepSegment[]): string {
  let out = '';
  let from = 0;
  for (const s of segments) {
    out += text.slice(from, s.start);
    const body = text.slice(s.start, s.end).replace(/[^\n]/g, ' ');
    let i = 0;
    while (i < body.length && (body[i] !== ' ' || (i === 0 && s.start > 0 && text[s.start - 1] !== '\n'))) i++;
    if (i < body.length) {
      s.nullAt = s.start + i;
      out += `${body.slice(0, i)}~${body.slice(i + 1)}`;
    } else {
      out += body;
    }
    from = s.end;
  }
  return out + text.slice(from);
}

/**
 * The `yaml` library's lexer, reading quoted scalars as go-yaml (and so kubectl) does: a quoted scalar ends
 * at its closing quote, however its continuation lines are indented (YAML 1.2 wants them indented more than
 * the enclosing block; go-yaml, like libyaml, does not check, and Multus' own examples rely on it: a
 * `config: '{` whose closing `}'` is at column 0). A document marker at the start of a line still ends it
 * with an error, as in go-yaml. The line folding of quoted scalars drops leading white space, so the value
 * is the same either way.
 */
function goYamlLexer(): YAML.Lexer {
  const lexer = new YAML.Lexer();
  const patched = lexer as unknown as {
    buffer: string;
    continueScalar(offset: number): number;
    parseQuotedScalar(): Generator<string, unknown>;
  };
  const continueScalar = patched.continueScalar.bind(lexer);
  const parseQuotedScalar = patched.parseQuotedScalar.bind(lexer);
  let inQuoted = false;
  patched.continueScalar = (offset: number) => {
    if (!inQuoted) return continueScalar(offset);
    const marker = patched.buffer.substr(offset, 3);
    const after = patched.buffer[offset + 3];
    return (marker === '---' || marker === '...') && (after === undefined || after === ' ' || after === '\t' || after === '\n' || after === '\r')
      ? -1 : offset;
  };
  patched.parseQuotedScalar = function* quoted() {
    inQuoted = true;
    try {
      return yield* parseQuotedScalar();
    } finally {
      inQuoted = false;
    }
  };
  return lexer;
}

/** The tokens of the text: our lexer feeding the `yaml` library's CST parser. */
function* cstTokens(text: string, onNewLine: (offset: number) => void): Generator<YAML.CST.Token> {
  const parser = new YAML.Parser(onNewLine);
  onNewLine(0); // as YAML.Parser.parse() does: the first line starts at 0
  for (const lexeme of goYamlLexer().lex(text)) yield* parser.next(lexeme);
  yield* parser.end();
}

/** Composition options: YAML as go-yaml v2 reads it (its scalars, merge keys, unknown tags kept as text). */
const COMPOSE_OPTIONS: YAML.DocumentOptions & YAML.SchemaOptions & YAML.ParseOptions = {
  prettyErrors: false,
  // problems are ours to report: the library must not write process warnings to stderr
  logLevel: 'error',
  schema: 'core',
  merge: true,
  resolveKnownTags: false,
  customTags: tags => [
    ...tags.filter(t => typeof t === 'object' && !['tag:yaml.org,2002:null', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float'].includes(t.tag)),
    ...GO_YAML_SCALAR_TAGS,
  ],
};

/** Splits YAML text into documents, each read into a plain value or problems. Never throws. */
export function readYamlStream(text: string): YamlStream {
  if (typeof text !== 'string') return { documents: [], problems: [{ message: 'the input is not text' }] };
  if (Buffer.byteLength(text, 'utf8') > MAX_INPUT_BYTES) {
    return { documents: [], problems: [{ message: `the input is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, the most cdk8s-macvlan lint reads: split it into several files` }] };
  }
  const lines = new YAML.LineCounter();
  const pos = (offset: number | undefined): { line?: number; col?: number } => {
    if (offset === undefined || !Number.isFinite(offset)) return {};
    const p = lines.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: p.line, col: p.col };
  };
  const deepSegments = prescanBlockNesting(text);
  const source = deepSegments.length > 0 ? blank(text, deepSegments) : text;
  const tooDeep = new Map<number, TextProblem>();
  let count = 0;
  // The CST parser and the composer are both streaming: the depth check sits between them, and a
  // document that is too deep reaches the composer without its content.
  function* bounded(tokens: Iterable<YAML.CST.Token>): Generator<YAML.CST.Token> {
    for (const token of tokens) {
      if (token.type === 'document') {
        count++;
        const at = firstTooDeep(token);
        if (at !== undefined) {
          tooDeep.set(count, { ...pos(at), message: nestingMessage() });
          yield { ...token, value: undefined };
          continue;
        }
      }
      yield token;
    }
  }
  const documents: YamlDocument[] = [];
  const problems: TextProblem[] = [];
  let docs: YAML.Document.Parsed[];
  const composer = new YAML.Composer(COMPOSE_OPTIONS);
  try {
    docs = Array.from(composer.compose(bounded(cstTokens(source, lines.addNewLine))));
  } catch (e) {
    return { documents: [], problems: [{ message: `the YAML parser failed: ${firstLine(e)}` }] };
  }
  if (docs.length === 0) {
    for (const err of composer.streamInfo().errors) problems.push({ ...pos(err.pos?.[0]), message: firstLine(err.message) });
  }
  const matched = new Set<DeepSegment>();
  docs.forEach((doc, i) => {
    const index = i + 1;
    const start = pos(doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0) as { line: number; col: number };
    const here = { index, ...start, locate: () => start };
    const segment = deepSegments.find(d => d.nullAt !== undefined && d.nullAt === doc.contents?.range?.[0]);
    if (segment) matched.add(segment);
    const deep = tooDeep.get(index) ?? (segment ? { ...pos(segment.at), message: nestingMessage() } : undefined);
    if (deep) {
      documents.push({ ...here, problems: [deep] });
      return;
    }
    if (doc.errors.length > 0) {
      documents.push({ ...here, problems: doc.errors.map(err => ({ ...pos(err.pos?.[0]), message: firstLine(err.message) })) });
      return;
    }
    const shape = inspectNodes(doc);
    if (shape) {
      documents.push({ ...here, problems: [{ ...pos(shape.offset), message: shape.message }] });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      documents.push({ ...here, problems: [{ ...start, message: firstLine(e) }] });
      return;
    }
    const locate = (path: ReadonlyArray<string | number>) => {
      const at = pos(locateOffset(doc, path));
      return at.line !== undefined && at.col !== undefined ? { line: at.line, col: at.col } : start;
    };
    documents.push({ ...here, value, problems: [], locate });
  });
  // A too-deep segment the composer did not turn into a document of its own is still reported.
  for (const d of deepSegments) if (!matched.has(d)) problems.push({ ...pos(d.at), message: nestingMessage() });
  return { documents, problems };
}

function nestingMessage(): string {
  return `nesting deeper than ${MAX_NESTING} levels, the most cdk8s-macvlan lint reads (Kubernetes objects need far fewer): flatten the document`;
}

/** The offset of the first collection (in document order) nested deeper than MAX_NESTING, if any. */
function firstTooDeep(doc: YAML.CST.Document): number | undefined {
  const stack: Array<[YAML.CST.Token | undefined, number]> = [[doc.value, 0]];
  while (stack.length > 0) {
    const [token, outer] = stack.pop()!;
    if (!token || typeof token !== 'object') continue;
    let depth = outer;
    if (COLLECTIONS.has(token.type)) {
      depth++;
      if (depth > MAX_NESTING) return token.offset;
    }
    const items = (token as { items?: Array<{ key?: YAML.CST.Token | null; value?: YAML.CST.Token }> }).items;
    if (Array.isArray(items)) {
      for (let i = items.length - 1; i >= 0; i--) {
        stack.push([items[i].value, depth]);
        stack.push([items[i].key ?? undefined, depth]);
      }
    }
  }
  return undefined;
}

/**
 * Checks a composed document before it becomes a plain value, without recursion: the nesting as the value
 * will have it (an alias nests its anchor's node where it stands), aliases inside their own anchor (a value
 * that contains itself, which go-yaml rejects too) and numbers JSON cannot hold (`.inf`, `.nan`: kubectl's
 * conversion to JSON rejects them). Gives `!!merge`-tagged values their text, as go-yaml does.
 */
function inspectNodes(doc: YAML.Document.Parsed): { offset?: number; message: string } | undefined {
  if (!YAML.isNode(doc.contents)) return undefined;
  interface Frame { readonly node: YAML.Node; readonly kids: YAML.Node[]; next: number; deepest: number }
  const memo = new Map<YAML.Node, number>();
  const onPath = new Set<YAML.Node>();
  let complexKey: YAML.Node | undefined;
  const asValue = (n: unknown) => {
    // a `!!merge` tag on a value (not on a `<<` key) resolves to the library's merge symbol; go-yaml keeps the text
    if (YAML.isScalar(n) && typeof n.value === 'symbol') n.value = n.source ?? '<<';
    return n;
  };
  const frame = (node: YAML.Node): Frame => {
    let kids: unknown[] = [];
    if (YAML.isAlias(node)) {
      kids = [node.resolve(doc)];
    } else if (YAML.isMap(node)) {
      const complex = node.items.find(p => YAML.isCollection(p.key) || (YAML.isAlias(p.key) && YAML.isCollection(p.key.resolve(doc))));
      if (complex) complexKey = complexKey ?? (complex.key as YAML.Node);
      kids = node.items.flatMap(p => [p.key, asValue(p.value)]);
    } else if (YAML.isSeq(node)) {
      kids = node.items.map(asValue);
    }
    return { node, kids: kids.filter((k): k is YAML.Node => YAML.isNode(k)), next: 0, deepest: 0 };
  };
  asValue(doc.contents);
  const stack: Frame[] = [frame(doc.contents)];
  onPath.add(doc.contents);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.kids.length) {
      const kid = top.kids[top.next++];
      const known = memo.get(kid);
      if (known !== undefined) {
        top.deepest = Math.max(top.deepest, known);
      } else if (onPath.has(kid)) {
        const alias = YAML.isAlias(top.node) ? top.node : undefined;
        return {
          offset: top.node.range?.[0],
          message: `alias ${alias ? `*${alias.source} ` : ''}refers to a node that contains it (a value that contains itself; kubectl rejects it too): copy the value instead`,
        };
      } else {
        onPath.add(kid);
        stack.push(frame(kid));
      }
      continue;
    }
    const node = top.node;
    if (YAML.isScalar(node) && typeof node.value === 'number' && !Number.isFinite(node.value)) {
      return {
        offset: node.range?.[0],
        message: `${String(node.source)} is not a number JSON can hold, so kubectl rejects it: quote it if it is meant as text`,
      };
    }
    const depth = top.deepest + (YAML.isCollection(node) ? 1 : 0);
    if (depth > MAX_NESTING) return { offset: node.range?.[0], message: nestingMessage() };
    memo.set(node, depth);
    onPath.delete(node);
    stack.pop();
    if (stack.length > 0) stack[stack.length - 1].deepest = Math.max(stack[stack.length - 1].deepest, depth);
  }
  if (complexKey) {
    return {
      offset: complexKey.range?.[0],
      message: 'a mapping key is itself a list or mapping, which JSON cannot hold, so kubectl rejects it: use a string key',
    };
  }
  return undefined;
}

/** The offset of the deepest node on a path of keys and indexes (see YamlDocument.locate). */
function locateOffset(doc: YAML.Document.Parsed, path: ReadonlyArray<string | number>): number | undefined {
  let node: unknown = doc.contents;
  let offset = YAML.isNode(node) ? node.range?.[0] : undefined;
  for (const segment of path) {
    if (YAML.isAlias(node)) node = node.resolve(doc);
    if (YAML.isMap(node)) {
      const pair = node.items.find(p => YAML.isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      offset = (YAML.isNode(pair.key) ? pair.key.range?.[0] : undefined) ?? offset;
      node = pair.value;
    } else if (YAML.isSeq(node) && typeof segment === 'number' && segment >= 0 && segment < node.items.length) {
      node = node.items[segment];
      offset = (YAML.isNode(node) ? node.range?.[0] : undefined) ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

/**
 * Splits a finding's field path into keys and indexes: `spec.routes[1].gw` is `spec`, `routes`, 1, `gw`;
 * `metadata.annotations[k8s.v1.cni.cncf.io/networks][0]` keeps the bracketed key whole.
 */
export function parseFieldPath(field: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /\[([^\]]*)\]|([^.[\]]+)/g;
  for (let m = re.exec(field); m; m = re.exec(field)) {
    if (m[1] !== undefined) out.push(/^(0|[1-9][0-9]*)$/.test(m[1]) ? Number(m[1]) : m[1]);
    else out.push(m[2]);
  }
  return out;
}

function firstLine(e: unknown): string {
  const message = typeof e === 'string' ? e : e instanceof Error ? e.message : String(e);
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
