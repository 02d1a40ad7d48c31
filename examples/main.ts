/**
 * `npm run synth`: writes every example scenario into manifests/, one YAML file per chart.
 */
import { App, YamlOutputType } from 'cdk8s';
import { addBasicScenario } from './basic';

const app = new App({ outdir: 'manifests', yamlOutputType: YamlOutputType.FILE_PER_CHART });
addBasicScenario(app);
app.synth();
console.log(`wrote ${app.charts.length} chart(s) to manifests/`);
