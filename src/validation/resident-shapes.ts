/**
 * A few small objects of each kind the engine has validated, linted in a pass of their own that lives as long
 * as the process: its models keep the hidden classes (V8 "maps") of a pass's objects alive.
 *
 * Why: V8 holds the hidden class of an object built field by field (a class instance such as a lint `Entry`, a
 * parsed annotation) only weakly, through the transition that made it. When the last object of that class dies, a
 * full collection frees the class and discards every optimized function specialized on it ("weak objects"
 * deoptimization). A pass's objects die with their app, so every full collection between two synths (a test
 * suite synthesizing app after app, a watch loop, `npm run bench`, which collects before each round) threw the
 * validation's optimized code away, and the next pass ran mostly in the interpreter while V8 compiled it again.
 * Measured at 409 VLANs / 1000 Deployments, synthesizing in a loop with a full collection before each app: a pass
 * took 42-75 ms before this sample and 25-35 ms with it (18-27 ms with no full collection at all).
 *
 * What it keeps: up to {@link PER_KIND} objects of each kind, each of at most {@link MAX_VALUES} values (a host
 * policy of a whole fabric is not kept; at most {@link TRIES_PER_KIND} objects of a kind are measured), and the lint pass over them. The objects are those the constructs
 * synthesize (plain data: no construct, no closure over an app; they may share a spec object with a construct,
 * which the lint only reads). The pass's findings are never read. It is made again when the sample grows (at most
 * once per kind and object kept), after the app's own pass; it costs a process's first synth a lint of a few
 * objects. A failure in it (a lint bug that only this mix of objects from different apps would show) drops the
 * sample for the rest of the process rather than fail a synth for an optimization.
 */
import { ObjectsLinter, objectsLinter } from '../rules';

/**
 * How many objects of one kind the sample keeps: the shapes of one kind differ by what an object carries (the
 * bench's pods alternate standalone and overlay networks; pools are IPv4 and IPv6), and three cover those.
 */
const PER_KIND = 3;
/** The largest object kept, in values (every property and item counts one). */
const MAX_VALUES = 1000;
/** How many objects of one kind are measured at most (a kind of large objects is not measured at every pass). */
const TRIES_PER_KIND = 8;

/** Whether `o` has at most {@link MAX_VALUES} values, counted until the limit. */
function isSmall(o: unknown): boolean {
  const stack: unknown[] = [o];
  let values = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    const children = Array.isArray(v) ? v : Object.values(v);
    values += children.length;
    if (values > MAX_VALUES) return false;
    for (let i = 0; i < children.length; i++) stack.push(children[i]);
  }
  return true;
}

class ResidentShapes {
  private readonly perKind = new Map<string, number>();
  private readonly tries = new Map<string, number>();
  private readonly objects: Array<Record<string, any>> = [];
  private readonly kept = new Set<object>();
  private grew = false;
  private failed = false;
  /** The pass over the sample (kept only for what it holds). */
  private pass: ObjectsLinter | undefined;

  /** Offers one object of a pass (kept if small, new, and of a kind with fewer than {@link PER_KIND} objects kept). */
  public offer(object: Record<string, any>): void {
    const kind = object.kind;
    const n = this.perKind.get(kind) ?? 0;
    if (n >= PER_KIND || this.failed || this.kept.has(object)) return;
    const tried = this.tries.get(kind) ?? 0;
    if (tried >= TRIES_PER_KIND) return;
    this.tries.set(kind, tried + 1);
    if (!isSmall(object)) return;
    this.perKind.set(kind, n + 1);
    this.objects.push(object);
    this.kept.add(object);
    this.grew = true;
  }

  /** After a pass: lints the sample again if the pass added to it. */
  public settle(): void {
    if (!this.grew || this.failed) return;
    this.grew = false;
    try {
      const pass = objectsLinter({}, false);
      for (const o of this.objects) pass.add(o);
      pass.finish();
      this.pass = pass;
    } catch {
      this.failed = true;
      this.pass = undefined;
      this.objects.length = 0;
      this.kept.clear();
    }
  }

  /**
   * How many objects of how many kinds the sample holds, and whether a pass was made after the last of them was
   * added (tests).
   */
  public get size(): { readonly objects: number; readonly kinds: number; readonly linted: boolean } {
    return { objects: this.objects.length, kinds: this.perKind.size, linted: this.pass !== undefined && !this.grew };
  }
}

/** The process's sample (one for every app: the hidden classes are the process's). */
export const RESIDENT_SHAPES = new ResidentShapes();
