/**
 * A few objects of each kind the engine has validated, linted once more in a small pass that lives as long as
 * the process: its models keep the hidden classes (V8 "maps") of a pass's objects alive.
 *
 * Why: V8 holds the hidden class of an object built field by field (a class instance, a parsed JSON object) only
 * through the transition that created it, weakly. When the last object of a class dies, a full collection frees
 * that hidden class and discards every optimized function that was specialized on it ("weak objects"
 * deoptimization). The objects of a validation pass die with the app. So every full collection between two
 * synths (a test suite synthesizing app after app, a watch loop, `npm run bench`, which collects before each
 * round) threw away the pass's optimized code, and the next pass ran mostly in the interpreter while its
 * functions were compiled again. Measured at 409 VLANs / 1000 Deployments, the pass after a full collection took
 * 42-75 ms this way, and 25-35 ms when this sample keeps the hidden classes alive (the same pass with no full
 * collection before it: 18-27 ms).
 *
 * What it keeps: up to {@link PER_KIND} of the plain objects of each kind (the JSON the constructs synthesize, which
 * refers to no construct), and one lint pass over them. Its findings are never read. A process's first
 * synth is not changed by it (the sample is linted after its pass), and nothing reads it.
 */
import { ObjectsLinter, objectsLinter } from '../rules';

/** How many objects of one kind the sample keeps (the bench's scenarios need 2: a standalone and an overlay pod). */
const PER_KIND = 3;

class ResidentShapes {
  private readonly perKind = new Map<unknown, number>();
  private readonly objects: Array<Record<string, any>> = [];
  private grew = false;
  /** The pass over the sample (kept only for what it holds). */
  private pass: ObjectsLinter | undefined;

  /** Offers one object of a pass (kept if its kind has fewer than {@link PER_KIND} objects in the sample). */
  public offer(object: Record<string, any>): void {
    const kind = object.kind;
    const n = this.perKind.get(kind) ?? 0;
    if (n >= PER_KIND) return;
    this.perKind.set(kind, n + 1);
    this.objects.push(object);
    this.grew = true;
  }

  /** After a pass: lints the sample again if the pass added to it. */
  public settle(): void {
    if (!this.grew) return;
    this.grew = false;
    const pass = objectsLinter({}, false);
    for (const o of this.objects) pass.add(o);
    pass.finish();
    this.pass = pass;
  }

  /** How many objects of how many kinds the sample holds, and whether its pass covers them all (tests). */
  public get size(): { readonly objects: number; readonly kinds: number; readonly linted: boolean } {
    return { objects: this.objects.length, kinds: this.perKind.size, linted: this.pass !== undefined && !this.grew };
  }
}

/** The process's sample (one for every app: the hidden classes are the process's). */
export const RESIDENT_SHAPES = new ResidentShapes();
