/** Test helpers: synthesize charts in-process and read the objects back. */
import { App, Chart, Testing } from 'cdk8s';

/** A fresh app for a test (no outdir writes). */
export function testApp(): App {
  return Testing.app();
}

/** All objects of one chart, as plain JSON, after validation. */
export function synthObjects(chart: Chart): any[] {
  return Testing.synth(chart);
}

/** Runs the app's validation and returns the error lines (empty when valid). */
export function validationErrors(app: App): string[] {
  try {
    app.synthYaml();
    return [];
  } catch (e) {
    const msg = (e as Error).message;
    if (!msg.startsWith('Validation failed')) throw e;
    return msg.split('\n').slice(1).map(l => l.trim()).filter(l => l.length > 0);
  }
}

/** Finds one object by kind and name. */
export function findObject(objects: readonly any[], kind: string, name: string): any {
  const found = objects.find(o => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} "${name}" among ${objects.map(o => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  return found;
}
