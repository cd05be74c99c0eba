/**
 * Rules for versions: a Talos release this project knows, a Kubernetes release inside that Talos minor's support
 * window, and a config contract the pinned Talos provider can generate, the nodes' Talos understands, and the
 * document builder speaks; Talos and Kubernetes releases that exist (lib/facts). Facts: ../shared/docs/talos-facts.md §2.
 */
import { FACTS_DATE, KUBERNETES_NEWEST, talosReleaseStatus } from '../facts';
import { compareVersions, minorOf, parseVersion } from '../semver';
import { kubernetesWindowProblem, SUPPORTED_CONTRACTS, TALOS_SUPPORT, talosSupport } from '../talos-support';
import { KUBERNETES_VERSION, PROVIDER_MAX_CONTRACT, TALOS_CONFIG_CONTRACT, TALOS_PROVIDER_VERSION, TALOS_VERSION } from '../versions';
import { error, Problem, warning } from '../problems';
import { ValidationContext } from './context';

const FULL_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const REFRESH = 'npm run refresh-facts';
const CONTRACT = /^v\d+\.\d+$/;

function talosVersion(ctx: ValidationContext): Problem[] {
  const version = ctx.plan.talosVersion;
  if (typeof version !== 'string' || !FULL_VERSION.test(version)) {
    return [error('talos.version', version, 'is not a Talos release (vMAJOR.MINOR.PATCH)', `write a release such as ${TALOS_VERSION}`)];
  }
  if (!version.startsWith('v')) {
    return [
      error('talos.version', version, 'lacks the leading v of Talos release tags (the image and installer URLs use the tag)', `write "v${version}"`),
    ];
  }
  if (!talosSupport(version)) {
    return [
      error(
        'talos.version',
        version,
        `is a Talos minor this project does not know (it knows ${Object.keys(TALOS_SUPPORT).join(', ')})`,
        `use a release of a known minor, e.g. ${TALOS_VERSION}`,
      ),
    ];
  }
  const status = talosReleaseStatus(version);
  if (status.kind === 'missing') {
    return [
      error(
        'talos.version',
        version,
        `is not a Talos release: the newest ${minorOf(version)} release is ${status.newest} (lib/facts, as of ${FACTS_DATE})`,
        `use ${status.newest} or an older patch of the line (if ${version} was released since, run ${REFRESH})`,
      ),
    ];
  }
  if (status.kind === 'unreleased') {
    return [
      warning(
        'talos.version',
        version,
        `is not released as of ${FACTS_DATE} (lib/facts; the newest ${minorOf(version)} release then was ${status.newest}); the Image Factory check at plan time will tell`,
        `use ${status.newest}, or run ${REFRESH} if it was released since`,
      ),
    ];
  }
  return [];
}

function kubernetesVersion(ctx: ValidationContext): Problem[] {
  const version = ctx.plan.kubernetesVersion;
  if (typeof version !== 'string' || !FULL_VERSION.test(version)) {
    return [
      error(
        'kubernetesVersion',
        version,
        'is not a Kubernetes release (MAJOR.MINOR.PATCH, the image tags need the patch)',
        `write a release such as ${KUBERNETES_VERSION}`,
      ),
    ];
  }
  if (version.startsWith('v')) {
    return [
      error(
        'kubernetesVersion',
        version,
        `starts with v; a definition writes Kubernetes versions without it, like KUBERNETES_VERSION (${KUBERNETES_VERSION})`,
        `write "${version.slice(1)}"`,
      ),
    ];
  }
  const outside = kubernetesWindowProblem(ctx.plan.talosVersion, version);
  if (!outside) {
    if (compareVersions(parseVersion(version)!, parseVersion(KUBERNETES_NEWEST)!) <= 0) return [];
    return [
      warning(
        'kubernetesVersion',
        version,
        `is not released as of ${FACTS_DATE} (lib/facts; the newest Kubernetes release then was ${KUBERNETES_NEWEST})`,
        `use ${KUBERNETES_NEWEST}, or run ${REFRESH} if it was released since`,
      ),
    ];
  }
  const support = talosSupport(ctx.plan.talosVersion)!;
  return [
    error(
      'kubernetesVersion',
      version,
      `is outside the support window: ${outside}`,
      `use a Kubernetes ${support.kubernetesMin}.x to ${support.kubernetesMax}.x release, or a Talos version that supports ${minorOf(version)}`,
    ),
  ];
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
    problems.push(
      error(
        path,
        contract,
        `is newer than the Talos provider ${TALOS_PROVIDER_VERSION} can generate (up to ${providerMax})`,
        `use ${providerMax} or older, or bump TALOS_PROVIDER_VERSION in lib/versions.ts`,
      ),
    );
  }
  const talosMinor = minorOf(ctx.plan.talosVersion);
  if (talosMinor && compareVersions(parseVersion(contract)!, parseVersion(talosMinor)!) > 0) {
    problems.push(
      error(
        path,
        contract,
        `is newer than the nodes' Talos ${ctx.plan.talosVersion}, which would reject documents it does not know`,
        `use ${talosMinor} or older`,
      ),
    );
  }
  if (!SUPPORTED_CONTRACTS.includes(contract)) {
    problems.push(
      error(
        path,
        contract,
        `is not a contract the document builder speaks (${SUPPORTED_CONTRACTS.join(', ')})`,
        `use one of ${SUPPORTED_CONTRACTS.join(', ')}`,
      ),
    );
  }
  return problems;
}

/** Every problem of versions. */
export function versionProblems(ctx: ValidationContext): Problem[] {
  return [...talosVersion(ctx), ...kubernetesVersion(ctx), ...configContract(ctx)];
}
