/**
 * The app's validation: once per synth, the rules catalog runs over the plain objects the library's
 * constructs synthesize, the same function `cdk8s-macvlan lint` runs over manifests ({@link lintManifestSet}),
 * so that synth and `lint` agree by construction. Each finding goes back to the construct that owns the
 * object and is reported on that construct (errors fail synth, warnings are recorded on it).
 *
 * Rules that exist only on props (before any object exists) are pure functions in src/rules; the construct
 * registers them here with {@link ValidationEngine.addCheck} and they are reported the same way.
 *
 * cdk8s validates the whole app once per chart it synthesizes (and once more for the app). The results of a
 * pass are kept, and reused by the next pass only if no input changed: the one invalidation point is the start
 * of a pass (the app root's validation, which cdk8s runs first), where the registrations and each object's
 * version are compared with those the kept results were computed from, object by object. A version covers
 * everything the object's `object()` reads that can change after construction (pools bound, annotations
 * written, a workload's scheduling).
 */
import { IConstruct, IValidation } from 'constructs';
import { CapacityStatusRow, Finding, ObjectRef, RuleInfo, objectsLinter } from '../rules';
import { reportFindings } from './report';
import { RESIDENT_SHAPES } from './resident-shapes';

/** A finding as the engine reports it (a catalog finding, or one read back from `lint`). */
export interface ReportedFinding {
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  readonly field: string;
  readonly message: string;
  readonly fix: string;
}

/**
 * An object a construct synthesizes, as the engine reads it. Large apps register tens of thousands of these: a
 * construct passes one small object whose methods read the construct (rather than closures per object), and
 * `subject` may be a getter (it is read only for a finding).
 */
export interface ValidatedObject {
  /** The object as it is synthesized (plain JSON, as `lint` reads it from the YAML). Built once per pass. */
  readonly object: () => Record<string, any>;
  /** How the object is named in messages, e.g. `SpiderIPPool "vlan100-v4"`. */
  readonly subject: string;
  /**
   * Rules the owner already decides from its props (and reports against them): not reported again from the
   * object.
   * @default - none
   */
  readonly decidedFromProps?: readonly RuleInfo[];
  /**
   * Rules that read parts of the object the engine does not build (it would take a second render of the
   * construct): not reported from it at synth; `lint` reads them from the manifest.
   * @default - none
   */
  readonly notModelled?: readonly RuleInfo[];
  /**
   * A number that changes whenever the object would change (pools added, networks bound, annotations written):
   * the engine compares it, object by object, with the one the kept results were computed from.
   * @default - the object never changes after construction
   */
  readonly version?: () => number;
  /**
   * The owner's props-only rules (as {@link ValidationEngine.addCheck}, reported under `subject`).
   * @default - none
   */
  readonly propsFindings?: () => readonly Finding[];
  /**
   * Objects this one refers to that may belong to another app (a pod attaching a network of another app): they
   * resolve references; their own findings are that app's. The owner calls `visit` for each; `seen` is shared by
   * every owner of the pass, so that what many owners share (a network and its pools) is visited once.
   * @default - none
   */
  readonly references?: (visit: (reference: ValidationReference) => void, seen: Set<object>) => void;
}

/** A construct of possibly another app whose object this app's objects refer to. */
export interface ValidationReference extends IConstruct {
  /** The object as synthesized. */
  _validationObject(): Record<string, any>;
}

/** Props-only rules of an owner. */
interface CheckSource {
  readonly subject: string;
  readonly propsFindings?: () => readonly Finding[];
}

/** Where a check's findings point: the object it came with (its index), or the owner's first object. */
interface CheckEntry {
  readonly source: CheckSource;
  readonly owner: IConstruct;
  /** The object registered together with the check (`addObject`); undefined for `addCheck`. */
  readonly objectIndex?: number;
}

/** A finding of one owner: the subject it is reported under and the object it is about. */
export interface OwnerFinding {
  readonly subject: string;
  readonly finding: ReportedFinding;
  /** The object, when the owner synthesizes one. */
  readonly object?: ObjectRef;
}

const ENGINES = new WeakMap<IConstruct, ValidationEngine>();

/** The validation cdk8s runs on one owner: its messages from the engine's current pass. */
class OwnerValidation implements IValidation {
  /** The owner's findings of the engine's pass number `pass` (cdk8s asks every construct: no lookup per ask). */
  public findings: OwnerFinding[] | undefined = undefined;
  public pass = -1;

  /** `firstObject`: the index of the owner's first object (-1: checks only, so far). */
  constructor(private readonly engine: ValidationEngine, public readonly owner: IConstruct, public firstObject: number) {}

  public validate(): string[] {
    return this.engine._messagesOf(this);
  }
}

/** The start of a pass (registered on the app root, which cdk8s validates first). */
class PassStart implements IValidation {
  constructor(private readonly engine: ValidationEngine) {}

  public validate(): string[] {
    this.engine.startPass();
    return [];
  }
}

const NO_MESSAGES: readonly string[] = Object.freeze([]);

/**
 * One per app (construct tree root). Internal: constructs register what they synthesize; users see the
 * findings as validation errors and construct metadata.
 */
export class ValidationEngine {
  /** The engine of the app `scope` belongs to. */
  public static of(scope: IConstruct): ValidationEngine {
    let root = scope;
    while (root.node.scope) root = root.node.scope; // (node.root builds the list of every scope on the way)
    let engine = ENGINES.get(root);
    if (!engine) {
      engine = new ValidationEngine();
      ENGINES.set(root, engine);
      // cdk8s validates every construct of the app, the root first: the one point where a pass starts.
      root.node.addValidation(new PassStart(engine));
    }
    return engine;
  }

  /** What the objects are and who owns them (parallel lists: one entry per object, nothing copied). */
  private readonly objects: ValidatedObject[] = [];
  private readonly objectOwners: IConstruct[] = [];
  /** Props-only rules, in registration order. */
  private readonly checks: CheckEntry[] = [];
  private readonly references: ValidatedObject[] = [];
  /** Who registered here, each with the validation cdk8s runs on it (which knows the index of its first object). */
  private readonly owners = new Map<IConstruct, OwnerValidation>();
  /** How many passes ran (the number of the current results). */
  private passes = 0;
  private results?: Map<IConstruct, OwnerFinding[]>;
  /** The capacity table is kept only once someone asked for it (it is as large as the app's pools). */
  private keepCapacity = false;
  private capacityRows?: CapacityStatusRow[];
  /** Each object's version when the kept results were computed (parallel to `objects`; NaN: not yet validated). */
  private readonly versions: number[] = [];
  /** How many registrations the kept results were computed from. */
  private resultsFrom = -1;

  private constructor() {}

  /** `owner` synthesizes `object`: the catalog checks it (with every other object of the app) at each synth. */
  public addObject(owner: IConstruct, object: ValidatedObject): void {
    this.objects.push(object);
    this.objectOwners.push(owner);
    this.versions.push(NaN);
    if (object.propsFindings) this.checks.push({ source: object, owner, objectIndex: this.objects.length - 1 });
    if (object.references) this.references.push(object);
    this.watch(owner, this.objects.length - 1);
  }

  /** `owner` decides these props-only rules (run at each synth, reported on `owner`). */
  public addCheck(owner: IConstruct, subject: string, findings: () => readonly Finding[]): void {
    this.checks.push({ source: { subject, propsFindings: findings }, owner });
    this.watch(owner, -1);
  }

  /** Whether `owner` registered objects or checks here. */
  public owns(owner: IConstruct): boolean {
    return this.owners.has(owner);
  }

  /** The start of a validation pass: runs every rule over the app, unless nothing changed since the last run. */
  public startPass(): void {
    const registrations = this.objects.length + this.checks.length + this.references.length;
    // (a pass that runs reads each object's version as it builds the object: see run)
    if (this.results && registrations === this.resultsFrom && !this.readVersions()) return;
    this.run();
    this.resultsFrom = registrations;
  }

  /** Runs every rule once over the app. */
  public run(): void {
    const results = new Map<IConstruct, OwnerFinding[]>();
    const add = (owner: IConstruct, subject: string, finding: ReportedFinding, object?: ObjectRef) => {
      let list = results.get(owner);
      if (!list) results.set(owner, (list = []));
      list.push({ subject, finding, object });
    };
    const own = this.objects.length;
    // the objects of other apps that this app's objects refer to, after this app's own
    const others: Array<Record<string, any>> = [];
    const linter = objectsLinter({
      describeLocation: index => (index < own ? this.objectOwners[index].node.path : `an object of another app (${others[index - own]?.kind})`),
    }, this.keepCapacity);
    // (each object checked as soon as it is built, while it is in the CPU's cache; its version, the one these
    // results come from, read then too)
    // (and offered to the resident sample, which keeps the pass's hidden classes alive: see resident-shapes.ts)
    const objects = this.objects;
    const versions = this.versions;
    for (let i = 0; i < own; i++) {
      const o = objects[i];
      versions[i] = o.version ? o.version() : 0;
      const object = o.object();
      linter.add(object);
      RESIDENT_SHAPES.offer(object);
    }
    const referenced = new Set<IConstruct>();
    const visit = (r: ValidationReference) => {
      if (this.owners.has(r) || referenced.has(r)) return;
      referenced.add(r);
      const object = r._validationObject();
      others.push(object);
      linter.add(object);
    };
    const seen = new Set<object>();
    for (const source of this.references) source.references!(visit, seen);
    const report = linter.finish();
    RESIDENT_SHAPES.settle();
    // (the engine's objects are never Lists: result i is object i)
    const found = report.withFindings;
    for (let i = 0; i < found.length; i++) {
      const r = found[i];
      if (r.index >= own) continue;
      const owner = this.objectOwners[r.index];
      const entry = this.objects[r.index];
      const skip = entry.decidedFromProps === undefined && entry.notModelled === undefined ? undefined
        : new Set([...entry.decidedFromProps ?? [], ...entry.notModelled ?? []].map(rule => rule.id));
      for (const f of r.findings) if (!skip?.has(f.rule)) add(owner, entry.subject, f, r.object);
    }
    for (let i = 0; i < this.checks.length; i++) {
      const c = this.checks[i];
      const findings = c.source.propsFindings!();
      if (findings.length === 0) continue;
      // a check registered apart (addCheck) points at its owner's first object, if it has one
      const index = c.objectIndex ?? this.owners.get(c.owner)!.firstObject;
      const object = index >= 0 ? report.refAt(index) : undefined;
      for (const f of findings) add(c.owner, c.source.subject, fromFinding(f), object);
    }
    this.results = results;
    this.passes++;
    for (const [owner, list] of results) {
      const v = this.owners.get(owner);
      if (v !== undefined) {
        v.findings = list;
        v.pass = this.passes;
      }
    }
    this.capacityRows = this.keepCapacity ? report.capacity : undefined;
  }

  /** The address capacity table of the app's pools (from the current pass). */
  public capacity(): CapacityStatusRow[] {
    this.keepCapacity = true;
    this.startPass();
    if (!this.capacityRows) this.run(); // results of a pass that did not keep the table: the same inputs again
    return this.capacityRows!;
  }

  /** Every finding of the current pass, with its owner and the object it is about (tests compare it with `lint`). */
  public findings(): Array<OwnerFinding & { readonly owner: IConstruct }> {
    if (!this.results) this.startPass();
    return [...this.results!].flatMap(([owner, list]) => list.map(f => Object.assign({}, f, { owner })));
  }

  /**
   * The validation messages of an owner from the current pass (errors; warnings are recorded on it), for the
   * validation cdk8s runs on it (which keeps the owner's findings).
   * @internal
   */
  public _messagesOf(v: OwnerValidation): string[] {
    if (!this.results) this.startPass(); // validated on its own, outside an app pass
    return v.pass === this.passes && v.findings !== undefined ? reportFindings(v.owner, v.findings) : NO_MESSAGES as string[];
  }

  /** Reads every object's version (kept for the next pass); whether one differs from the one the results came from. */
  private readVersions(): boolean {
    const objects = this.objects;
    const versions = this.versions;
    let changed = false;
    for (let i = 0; i < objects.length; i++) {
      const o = objects[i];
      const v = o.version ? o.version() : 0;
      if (v !== versions[i]) {
        versions[i] = v;
        changed = true;
      }
    }
    return changed;
  }

  private watch(owner: IConstruct, objectIndex: number): void {
    const known = this.owners.get(owner);
    if (known !== undefined) {
      if (known.firstObject < 0 && objectIndex >= 0) known.firstObject = objectIndex;
      return;
    }
    const validation = new OwnerValidation(this, owner, objectIndex);
    this.owners.set(owner, validation);
    owner.node.addValidation(validation);
  }
}

function fromFinding(f: Finding): ReportedFinding {
  return { rule: f.rule.id, severity: f.rule.severity, field: f.field, message: f.message, fix: f.fix };
}
