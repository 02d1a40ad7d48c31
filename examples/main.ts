/**
 * `npm run synth`: writes every example scenario into manifests/, one YAML file per chart, plus the VLAN
 * topology's switch plan (Markdown) and diagram (Mermaid).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, YamlOutputType } from 'cdk8s';
import { addBasicScenario } from './basic';
import { addVlanTopologyScenario } from './vlan-topology';

const app = new App({ outdir: 'manifests', yamlOutputType: YamlOutputType.FILE_PER_CHART });
addBasicScenario(app);
const { topology } = addVlanTopologyScenario(app);
app.synth();
fs.writeFileSync(path.join(app.outdir, 'switch-plan.md'), topology.renderSwitchPlanMarkdown());
fs.writeFileSync(path.join(app.outdir, 'topology.mmd'), topology.renderMermaid());
console.log(`wrote ${app.charts.length} chart(s), switch-plan.md and topology.mmd to ${app.outdir}/`);
