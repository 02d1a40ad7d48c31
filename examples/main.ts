/**
 * `npm run synth`: writes every example scenario into manifests/, one YAML file per chart, plus the VLAN
 * topology's switch plan (Markdown) and diagram (Mermaid).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, YamlOutputType } from 'cdk8s';
import { addBasicScenario } from './basic';
import { addPeersScenario } from './peers';
import { addVlanTopologyScenario } from './vlan-topology';

/** Synthesizes every example into `outdir`; returns the files written, sorted. */
export function synthExamples(outdir: string): string[] {
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  addBasicScenario(app);
  const { topology } = addVlanTopologyScenario(app);
  addPeersScenario(app);
  app.synth();
  fs.writeFileSync(path.join(app.outdir, 'switch-plan.md'), topology.renderSwitchPlanMarkdown());
  fs.writeFileSync(path.join(app.outdir, 'topology.mmd'), topology.renderMermaid());
  return fs.readdirSync(outdir).sort();
}

if (require.main === module) {
  const files = synthExamples('manifests');
  console.log(`wrote ${files.join(', ')} to manifests/`);
}
