/**
 * Synth-time checks of the add-on values against the Talos config, run with the definition checks so every
 * problem is reported at once: the merged Cilium values (values files + what the definition sets) must suit Talos.
 */
import { ciliumPlanValues } from './addon-values';
import { checkCiliumValues } from './cilium-values';
import { ClusterPlan } from './cluster-plan';
import { HelmValues, mergeAllValues } from './helm-values';
import { Problem } from './problems';
import { projectHelmValuesDir, readValuesFile, ValuesFileError } from './values-files';

/** The values files Cilium is rendered with, in merge order. */
export function ciliumValuesFiles(plan: Pick<ClusterPlan, 'addons'>): string[] {
  return ['cilium.yaml', ...plan.addons.cilium.extraValuesFiles];
}

/** How the merged Cilium values are named in messages: `helm-values/cilium.yaml + helm-values/extra.yaml`. */
export function ciliumValuesSource(plan: Pick<ClusterPlan, 'addons'>): string {
  return ciliumValuesFiles(plan).map((f) => `helm-values/${f.replace(/^helm-values\//, '')}`).join(' + ');
}

/** Every problem of the add-on values (none when Cilium is off). */
export function addonValueProblems(plan: ClusterPlan, valuesDir: string = projectHelmValuesDir()): Problem[] {
  if (!plan.addons.cilium.enabled) return [];
  const problems: Problem[] = [];
  const layers: HelmValues[] = [];
  ciliumValuesFiles(plan).forEach((file, i) => {
    try {
      layers.push(readValuesFile(valuesDir, file));
    } catch (e) {
      if (!(e instanceof ValuesFileError)) throw e;
      const path = i === 0 ? 'helm-values/cilium.yaml' : `addons.cilium.extraValuesFiles[${i - 1}]`;
      problems.push({ severity: 'error', path, value: file, message: e.reason, fix: e.fix });
    }
  });
  if (problems.length > 0) return problems;
  return checkCiliumValues(mergeAllValues([...layers, ciliumPlanValues(plan)]), plan, ciliumValuesSource(plan));
}
