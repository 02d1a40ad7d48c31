/**
 * The workload as the rules read it without rendering it: where it skips cdk8s-plus' own renderers, the result
 * must be what they render.
 */
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { podPlacementVersion, podTemplateObject, unscheduled, workloadApiObject } from '../../src/pods/pod-template-object';

type Call = 'attract' | 'attractPreferred' | 'colocate' | 'separate' | 'spread' | 'tolerate' | 'assign';
const CALLS: Call[] = ['attract', 'attractPreferred', 'colocate', 'separate', 'spread', 'tolerate', 'assign'];

function schedule(d: kplus.Deployment, other: kplus.Deployment, call: Call, i: number): void {
  const s = d.scheduling;
  if (call === 'attract') s.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('zone', `z${i}`)));
  if (call === 'attractPreferred') s.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('zone', `z${i}`)), { weight: 10 });
  if (call === 'colocate') s.colocate(other);
  if (call === 'separate') s.separate(other);
  if (call === 'spread') s.spread();
  if (call === 'tolerate') s.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.is('dedicated', `t${i}`)));
  if (call === 'assign') s.assign(kplus.Node.named(`worker-${i}`));
}

describe('podTemplateObject', () => {
  test('a scheduling taken as unscheduled renders no affinity and no nodeName (property)', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...CALLS), { maxLength: 4 }), calls => {
      const chart = new Chart(Testing.app(), 'c');
      const other = new kplus.Deployment(chart, 'other', { containers: [{ image: 'nginx' }] });
      const d = new kplus.Deployment(chart, 'd', { containers: [{ image: 'nginx' }] });
      const before = podPlacementVersion(d, workloadApiObject(d));
      let assigned = false;
      calls.forEach((c, i) => {
        if (c === 'assign' && assigned) return; // (cdk8s-plus refuses a second assignment)
        assigned ||= c === 'assign';
        schedule(d, other, c, i);
      });
      const rendered = (d.scheduling as any)._toKube();
      const skipped = unscheduled(d.scheduling);
      // the shortcut only when there is nothing to render, and always then
      expect(skipped).toBe(rendered.affinity === undefined && rendered.nodeName === undefined);
      const spec = podTemplateObject(d, workloadApiObject(d), {}).spec.template.spec ?? {};
      expect(spec.affinity).toEqual(rendered.affinity);
      expect(spec.nodeName).toEqual(rendered.nodeName);
      // every call is a change the validation sees
      const effective = calls.filter((c, i) => c !== 'assign' || calls.indexOf('assign') === i).length;
      if (effective > 0) expect(podPlacementVersion(d, workloadApiObject(d))).toBeGreaterThan(before);
      else expect(podPlacementVersion(d, workloadApiObject(d))).toBe(before);
    }), { numRuns: 60 });
  });

  test('a scheduling object of another shape is rendered, never taken as empty', () => {
    expect(unscheduled(undefined)).toBe(false);
    expect(unscheduled({})).toBe(false);
    expect(unscheduled({ _nodeAffinityRequired: [] })).toBe(false);
  });
});
