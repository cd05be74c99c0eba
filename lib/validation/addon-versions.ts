/**
 * Rule for the add-ons against the Kubernetes version: an enabled add-on whose pinned release does not support the
 * cluster's Kubernetes minor (lib/addon-support.ts) is an error; a pinned release the table does not know is a
 * warning, since nothing was checked.
 */
import { AddonSupport, CERT_MANAGER_SUPPORT } from '../addon-support';
import { minorDistance, minorOf, parseVersion } from '../semver';
import { error, Problem, warning } from '../problems';
import { ValidationContext } from './context';

function supportProblems(support: AddonSupport, kubernetesVersion: string): Problem[] {
  const k = parseVersion(kubernetesVersion);
  const minor = minorOf(support.version);
  if (!k || !minor) return [];
  const window = support.windows[minor];
  if (!window) {
    return [
      warning(
        support.path,
        support.version,
        `${support.name} ${support.version} has no entry in the Kubernetes compatibility table (lib/addon-support.ts), so Kubernetes ${kubernetesVersion} was not checked against it`,
        `add ${minor} with its supported Kubernetes minors from the add-on's release notes`,
      ),
    ];
  }
  const min = parseVersion(window.kubernetesMin)!;
  const max = parseVersion(window.kubernetesMax)!;
  if (minorDistance(min, k) >= 0 && minorDistance(k, max) >= 0) return [];
  return [
    error(
      'kubernetesVersion',
      kubernetesVersion,
      `is not supported by ${support.name} ${support.version} (${support.constant} in lib/versions.ts), which supports Kubernetes ${window.kubernetesMin} to ${window.kubernetesMax}`,
      `use Kubernetes ${window.kubernetesMin}.x to ${window.kubernetesMax}.x, move ${support.constant} to a release that supports ${k.major}.${k.minor}, or disable ${support.name} (${support.path}.enabled: false)`,
    ),
  ];
}

/** Every add-on/Kubernetes incompatibility of the enabled add-ons. */
export function addonVersionProblems(ctx: ValidationContext): Problem[] {
  return ctx.plan.addons.certManager.enabled ? supportProblems(CERT_MANAGER_SUPPORT, ctx.plan.kubernetesVersion) : [];
}
