/**
 * Rules for versions: a Talos release this project knows, a Kubernetes release inside that Talos minor's support
 * window, and a config contract the pinned Talos provider can generate, the nodes' Talos understands, and the
 * document builder speaks. Facts: ../shared/docs/talos-facts.md §2.
 */
import { compareVersions, minorOf, parseVersion } from '../semver';
import { kubernetesWindowProblem, SUPPORTED_CONTRACTS, TALOS_SUPPORT, talosSupport } from '../talos-support';
import { KUBERNETES_VERSION, PROVIDER_MAX_CONTRACT, TALOS_CONFIG_CONTRACT, TALOS_PROVIDER_VERSION, TALOS_VERSION } from '../versions';
import { error, Problem } from '../problems';
import { ValidationContext } from './context';

const FULL_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const CONTRACT = /^v\d+\.\d+$/;

function talosVersion(ctx: ValidationContext): Problem[] {
  const version = ctx.plan.talosVersion;
  if (typeof version !== 'string' || !FULL_VERSION.test(version)) {
    return [error('talos.version', version, 'is not a Talos release (vMAJOR.MINOR.PATCH)', `write a release such as ${TALOS_VERSION}`)];
  }
  if (!talosSupport(version)) {
    return [error('talos.version', version, `is a Talos minor this project does not know (it knows ${Object.keys(TALOS_SUPPORT).join(', ')})`, `use a release of a known minor, e.g. ${TALOS_VERSION}`)];
  }
  return [];
}

function kubernetesVersion(ctx: ValidationContext): Problem[] {
  const version = ctx.plan.kubernetesVersion;
  if (typeof version !== 'string' || !FULL_VERSION.test(version)) {
    return [error('kubernetesVersion', version, 'is not a Kubernetes release (MAJOR.MINOR.PATCH, the image tags need the patch)', `write a release such as ${KUBERNETES_VERSION}`)];
  }
  const outside = kubernetesWindowProblem(ctx.plan.talosVersion, version);
  if (!outside) return [];
  const support = talosSupport(ctx.plan.talosVersion)!;
  return [error('kubernetesVersion', version, `is outside the support window: ${outside}`, `use a Kubernetes ${support.kubernetesMin}.x to ${support.kubernetesMax}.x release, or a Talos version that supports ${minorOf(version)}`)];
}

function configContract(ctx: ValidationContext): Problem[] {
  const contract = ctx.plan.configContract;
  const path = 'talos.configContract';
  if (typeof contract !== 'string' || !CONTRACT.test(contract)) {
    const minor = typeof contract === 'string' ? minorOf(contract) : undefined;
    return [error(path, contract, 'is not a config contract (vMAJOR.MINOR)', `write it as ${minor ?? TALOS_CONFIG_CONTRACT}`)];
  }
  const problems: Problem[] = [];
  const providerMax = PROVIDER_MAX_CONTRACT[TALOS_PROVIDER_VERSION];
  if (providerMax && compareVersions(parseVersion(contract)!, parseVersion(providerMax)!) > 0) {
    problems.push(error(path, contract, `is newer than the Talos provider ${TALOS_PROVIDER_VERSION} can generate (up to ${providerMax})`, `use ${providerMax} or older, or bump TALOS_PROVIDER_VERSION in lib/versions.ts`));
  }
  const talosMinor = minorOf(ctx.plan.talosVersion);
  if (talosMinor && compareVersions(parseVersion(contract)!, parseVersion(talosMinor)!) > 0) {
    problems.push(error(path, contract, `is newer than the nodes' Talos ${ctx.plan.talosVersion}, which would reject documents it does not know`, `use ${talosMinor} or older`));
  }
  if (!SUPPORTED_CONTRACTS.includes(contract)) {
    problems.push(error(path, contract, `is not a contract the document builder speaks (${SUPPORTED_CONTRACTS.join(', ')})`, `use one of ${SUPPORTED_CONTRACTS.join(', ')}`));
  }
  return problems;
}

/** Every problem of versions. */
export function versionProblems(ctx: ValidationContext): Problem[] {
  return [...talosVersion(ctx), ...kubernetesVersion(ctx), ...configContract(ctx)];
}
