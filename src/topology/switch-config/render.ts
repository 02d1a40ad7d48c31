/**
 * Internal: renders a switch plan for a vendor (what `VlanTopology.switchConfig()` and the fabric call).
 */
import { MacvlanError } from '../../errors';
import { SwitchPlan } from '../switch-plan';
import { switchViews } from './common';
import { SwitchConfig, SwitchVendor } from './vendor';

/**
 * The configuration of every switch of `plan` for `vendor`, racks in plan order, switches in rack order (one
 * per stack). A plan the vendor cannot express throws the library's error, attributed to `constructPath`.
 */
export function renderSwitchConfigs(plan: SwitchPlan, vendor: SwitchVendor, constructPath?: string): SwitchConfig[] {
  const out: SwitchConfig[] = [];
  try {
    for (const rack of plan.racks) {
      for (const view of switchViews(rack, vendor._firstHop)) {
        out.push({ rack: rack.name, switchName: view.name, vendor: vendor.name, fileName: `${view.name}.${vendor.name}.cfg`, text: vendor._render(view) });
      }
    }
  } catch (e) {
    if (constructPath === undefined || !MacvlanError.isMacvlanError(e)) throw e;
    throw new MacvlanError({ constructPath, field: e.field, message: e.problem, fix: e.fix, ruleId: e.ruleId });
  }
  return out;
}
