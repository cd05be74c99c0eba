/**
 * Synth-time checks of the add-on values against the Talos config, run with the definition checks so every
 * problem is reported at once: the merged Cilium values (values files + what the definition sets) must suit Talos.
 */
import { ciliumPlanValues } from './addon-values';
import { checkCiliumValues } from './cilium-values';
import { ClusterPlan } from './cluster-plan';
import { HelmValues, mergeAllValues, ValuesSyntaxError } from './helm-values';
import { errorAt, Problem } from './problems';
import { projectHelmValuesDir, readValuesFile, ValuesFileError } from './values-files';

/** The values files Cilium is rendered with, in merge order. */
export function ciliumValuesFiles(plan: Pick<ClusterPlan, 'addons'>): string[] {
  return ['cilium.yaml', ...plan.addons.cilium.extraValuesFiles];
}

/** How the merged Cilium values are named in messages: `helm-values/cilium.yaml + helm-values/extra.yaml`. */
export function ciliumValuesSource(plan: Pick<ClusterPlan, 'addons'>): string {
  return ciliumValuesFiles(plan)
    .map((f) => `helm-values/${f.replace(/^helm-values\//, '')}`)
    .join(' + ');
}

/** A values file read, or the problem (path, file, reason, fix) why it cannot be. */
type ValuesRead = { readonly values: HelmValues; readonly problem?: undefined } | { readonly problem: Problem };

function readOrProblem(valuesDir: string, file: string, path: string): ValuesRead {
  try {
    return { values: readValuesFile(valuesDir, file) };
  } catch (e) {
    if (!(e instanceof ValuesFileError) && !(e instanceof ValuesSyntaxError)) throw e;
    return { problem: errorAt(path, file, e.reason, e.fix) };
  }
}

function problemsOf(reads: readonly ValuesRead[]): Problem[] {
  return reads.flatMap((r) => (r.problem ? [r.problem] : []));
}

/** Problems of the values files of the enabled add-ons other than Cilium (bundled, but users edit them). */
function bundledValuesProblems(plan: ClusterPlan, valuesDir: string): Problem[] {
  const files = [...(plan.addons.certManager.enabled ? ['cert-manager.yaml'] : []), ...(plan.addons.argocd.enabled ? ['argocd.yaml'] : [])];
  return problemsOf(files.map((file) => readOrProblem(valuesDir, file, `helm-values/${file}`)));
}

/** Every problem of the add-on values: each enabled add-on's files readable, and the Cilium values suit Talos. */
export function addonValueProblems(plan: ClusterPlan, valuesDir: string = projectHelmValuesDir()): Problem[] {
  const bundled = bundledValuesProblems(plan, valuesDir);
  if (!plan.addons.cilium.enabled) return bundled;
  const read = ciliumValuesFiles(plan).map((file, i) =>
    readOrProblem(valuesDir, file, i === 0 ? 'helm-values/cilium.yaml' : `addons.cilium.extraValuesFiles[${i - 1}]`),
  );
  const problems = [...problemsOf(read), ...bundled];
  if (problems.length > 0) return problems;
  const layers = read.flatMap((r) => (r.problem ? [] : [r.values]));
  return checkCiliumValues(mergeAllValues([...layers, ciliumPlanValues(plan)]), plan, ciliumValuesSource(plan));
}
