/**
 * `npm run synth`: writes every example scenario into manifests/, one YAML file per chart, plus the VLAN
 * topology's switch plan (Markdown), diagram (Mermaid) and switch configurations (manifests/switch-configs/,
 * one file per switch and vendor: Huawei VRP, Cisco NX-OS, Arista EOS), and the same for the two-rack fabric
 * (`fabric-switch-plan.md`, `fabric.mmd`, one configuration per switch of each rack).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, YamlOutputType } from 'cdk8s';
import { FirstHopRedundancy, SwitchConfig, SwitchVendor } from '../src';
import { addBasicScenario } from './basic';
import { addFabricScenario } from './fabric';
import { addPeersScenario } from './peers';
import { addVlanTopologyScenario } from './vlan-topology';

/** Synthesizes every example into `outdir`; returns the files written, sorted. */
export function synthExamples(outdir: string): string[] {
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  addBasicScenario(app);
  const { topology } = addVlanTopologyScenario(app);
  addPeersScenario(app);
  const { fabric } = addFabricScenario(app);
  app.synth();
  fs.writeFileSync(path.join(app.outdir, 'switch-plan.md'), topology.renderSwitchPlanMarkdown());
  fs.writeFileSync(path.join(app.outdir, 'topology.mmd'), topology.renderMermaid());
  fs.writeFileSync(path.join(app.outdir, 'fabric-switch-plan.md'), fabric.renderSwitchPlanMarkdown());
  fs.writeFileSync(path.join(app.outdir, 'fabric.mmd'), fabric.renderMermaid());
  const vendors = [SwitchVendor.huaweiVrp(), SwitchVendor.ciscoNxos(), SwitchVendor.aristaEos()];
  // the fabric's pairs are dual-stack: on NX-OS, whose VRRP is IPv4 only, their gateways run HSRP version 2; on
  // Huawei VRP, whose CloudEngine documentation gives M-LAG pairs a dual-active gateway instead of VRRP, VARP
  // writes that gateway (the gateway address and one virtual MAC on both switches)
  const fabricVendors = [
    SwitchVendor.huaweiVrp({ firstHopRedundancy: FirstHopRedundancy.VARP }),
    SwitchVendor.ciscoNxos({ firstHopRedundancy: FirstHopRedundancy.HSRP }),
    SwitchVendor.aristaEos(),
  ];
  writeSwitchConfigs(app.outdir, [...vendors.flatMap(v => topology.switchConfig(v)), ...fabricVendors.flatMap(v => fabric.switchConfig(v))]);
  return fs.readdirSync(outdir).sort();
}

/** Writes each switch's configuration to `<outdir>/switch-configs/<switch>.<vendor>.cfg`. */
export function writeSwitchConfigs(outdir: string, configs: readonly SwitchConfig[]): void {
  const dir = path.join(outdir, 'switch-configs');
  fs.mkdirSync(dir, { recursive: true });
  for (const c of configs) fs.writeFileSync(path.join(dir, c.fileName), c.text);
}

if (require.main === module) {
  const files = synthExamples('manifests');
  console.log(`wrote ${files.join(', ')} to manifests/`);
}
