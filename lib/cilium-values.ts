/**
 * Synth-time checks of Cilium's merged Helm values against what Talos needs and what the cluster plan says.
 * Facts: ../shared/docs/talos-facts.md §4.4 (required values and failure modes) and §6 items 7–9 (KubePrism,
 * forwardKubeDNSToHost with BPF masquerading, interface names). Pure: no CDKTF, no I/O.
 *
 * A value the files leave unset is judged by the chart's default ({@link CILIUM_CHART_DEFAULTS}), because that is
 * what Helm renders: e.g. an absent capability list means the chart's list, which contains `SYS_MODULE`.
 */
import { ClusterPlan } from './cluster-plan';
import { HelmValues, valueAt } from './helm-values';
import { errorAt, Problem, warningAt } from './problems';

/** The plan facts the checks compare against. */
export type CiliumPlanFacts = Pick<ClusterPlan, 'kubeProxyEnabled' | 'kubePrismPort' | 'forwardKubeDnsToHost' | 'nicName' | 'addons'>;

/** Defaults of the Cilium chart (1.20) for the values checked here. */
export const CILIUM_CHART_DEFAULTS: Readonly<Record<string, unknown>> = {
  'ipam.mode': 'cluster-pool',
  kubeProxyReplacement: 'false',
  k8sServiceHost: '',
  k8sServicePort: '',
  'securityContext.capabilities.ciliumAgent': [
    'CHOWN',
    'KILL',
    'NET_ADMIN',
    'NET_RAW',
    'IPC_LOCK',
    'SYS_MODULE',
    'SYS_ADMIN',
    'SYS_RESOURCE',
    'DAC_OVERRIDE',
    'FOWNER',
    'SETGID',
    'SETUID',
    'SYSLOG',
  ],
  'securityContext.capabilities.cleanCiliumState': ['NET_ADMIN', 'SYS_MODULE', 'SYS_ADMIN', 'SYS_RESOURCE'],
  'cgroup.autoMount.enabled': true,
  'cgroup.hostRoot': '/run/cilium/cgroupv2',
  'bpf.masquerade': false,
  'bpf.hostLegacyRouting': false,
  'hubble.enabled': true,
  'hubble.tls.enabled': true,
  'hubble.tls.auto.enabled': true,
  'hubble.tls.auto.method': 'helm',
  'clustermesh.useAPIServer': false,
  'clustermesh.apiserver.tls.auto.enabled': true,
  'clustermesh.apiserver.tls.auto.method': 'helm',
  'l2announcements.enabled': false,
  'gatewayAPI.enabled': false,
};

/**
 * The agent capabilities for Talos: the chart's list without `SYS_MODULE` (Talos forbids loading kernel modules
 * from pods). The Talos docs' list predates the chart adding `SYSLOG` (reading kernel messages); it is kept, as
 * only `SYS_MODULE` is refused.
 */
export const TALOS_CILIUM_AGENT_CAPABILITIES: readonly string[] = (
  CILIUM_CHART_DEFAULTS['securityContext.capabilities.ciliumAgent'] as string[]
).filter((c) => c !== 'SYS_MODULE');

/** The clean-cilium-state init container capabilities the Talos docs list. */
export const TALOS_CLEAN_STATE_CAPABILITIES: readonly string[] = ['NET_ADMIN', 'SYS_ADMIN', 'SYS_RESOURCE'];

/** Interpretation of a Helm boolean (`true`, `"true"`); undefined when the value is not boolean-like. */
function asBool(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false' || value === null || value === '') return false;
  return undefined;
}

/** True when a Cilium `devices` entry selects `nic` (`eth0` exact, `eth+` prefix wildcard). */
export function deviceSelects(entry: string, nic: string): boolean {
  return entry.endsWith('+') ? nic.startsWith(entry.slice(0, -1)) : entry === nic;
}

/** The entries of Cilium's `devices` value (a list, or a string separated by commas or spaces). */
function deviceEntries(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(String) : String(value).split(/[\s,]+/);
  return items.map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * Every problem of Cilium's merged values for this plan, as errors whose path is `<source>: <value path>`.
 * @param values the merged values (files and construct-set values)
 * @param plan the cluster plan
 * @param source how the values are named in messages
 * @default source 'helm-values/cilium.yaml'
 */
export function checkCiliumValues(values: HelmValues, plan: CiliumPlanFacts, source = 'helm-values/cilium.yaml'): Problem[] {
  const problems: Problem[] = [];
  const get = (path: string): unknown => {
    const v = valueAt(values, path);
    return v === undefined ? CILIUM_CHART_DEFAULTS[path] : v;
  };
  const error = (path: string, message: string, fix: string) => problems.push(errorAt(`${source}: ${path}`, get(path), message, fix));

  if (get('ipam.mode') !== 'kubernetes') {
    error(
      'ipam.mode',
      'Cilium would hand out pod addresses from its own pool, ignoring the node podCIDRs Talos assigns',
      'set ipam.mode: kubernetes',
    );
  }

  const kpr = asBool(get('kubeProxyReplacement'));
  if (kpr === undefined) {
    error(
      'kubeProxyReplacement',
      'not a boolean (strict/partial/probe were removed in Cilium 1.16)',
      `set kubeProxyReplacement: ${!plan.kubeProxyEnabled}`,
    );
  } else if (kpr && plan.kubeProxyEnabled) {
    error(
      'kubeProxyReplacement',
      'kube-proxy runs in this cluster, so Cilium and kube-proxy would both program Service rules',
      'set kubeProxyReplacement: false, or let Cilium replace kube-proxy (kube-proxy is disabled whenever Cilium is on)',
    );
  } else if (!kpr && !plan.kubeProxyEnabled) {
    error(
      'kubeProxyReplacement',
      'kube-proxy is disabled in the Talos config, so nothing would serve ClusterIP Services (CoreDNS, the API service)',
      'set kubeProxyReplacement: true',
    );
  }

  if (get('k8sServiceHost') !== 'localhost') {
    error(
      'k8sServiceHost',
      'the agent must reach the API before any Service works; Talos serves it locally through KubePrism',
      'set k8sServiceHost: localhost',
    );
  }
  if (String(get('k8sServicePort')) !== String(plan.kubePrismPort)) {
    error(
      'k8sServicePort',
      `not the KubePrism port ${plan.kubePrismPort}: the agent could not reach the API and nodes stay NotReady`,
      `set k8sServicePort: ${plan.kubePrismPort}`,
    );
  }

  const capabilityLists: [string, readonly string[]][] = [
    ['securityContext.capabilities.ciliumAgent', TALOS_CILIUM_AGENT_CAPABILITIES],
    ['securityContext.capabilities.cleanCiliumState', TALOS_CLEAN_STATE_CAPABILITIES],
  ];
  for (const [path, talosList] of capabilityLists) {
    const list = get(path);
    if (!Array.isArray(list) || list.includes('SYS_MODULE')) {
      error(
        path,
        'contains SYS_MODULE (the chart default does): Talos forbids loading kernel modules from pods, so the container fails with "unable to apply caps"',
        `set ${path}: [${talosList.join(', ')}]`,
      );
    }
  }

  const agentCaps = get('securityContext.capabilities.ciliumAgent');
  const dropped = Array.isArray(agentCaps) ? TALOS_CILIUM_AGENT_CAPABILITIES.filter((c) => !agentCaps.includes(c)) : [];
  if (dropped.length > 0) {
    problems.push(
      warningAt(
        `${source}: securityContext.capabilities.ciliumAgent`,
        agentCaps,
        `drops ${dropped.join(', ')} of the chart's own list; only SYS_MODULE must go on Talos`,
        `set securityContext.capabilities.ciliumAgent: [${TALOS_CILIUM_AGENT_CAPABILITIES.join(', ')}]`,
      ),
    );
  }

  if (asBool(get('cgroup.autoMount.enabled')) !== false) {
    error(
      'cgroup.autoMount.enabled',
      'the mount-cgroup init container cannot run on Talos, which already mounts cgroup2',
      'set cgroup.autoMount.enabled: false',
    );
  }
  if (get('cgroup.hostRoot') !== '/sys/fs/cgroup') {
    error('cgroup.hostRoot', 'not where Talos mounts cgroup2', 'set cgroup.hostRoot: /sys/fs/cgroup');
  }

  if (asBool(get('bpf.masquerade')) === true && plan.forwardKubeDnsToHost && asBool(get('bpf.hostLegacyRouting')) !== true) {
    error(
      'bpf.hostLegacyRouting',
      'BPF masquerading with BPF host routing breaks Talos forwarding kube-dns to the host DNS cache (CoreDNS lookups time out)',
      'set bpf.hostLegacyRouting: true, or bpf.masquerade: false',
    );
  }

  const hubbleTlsGenerated =
    asBool(get('hubble.enabled')) === true && asBool(get('hubble.tls.enabled')) === true && asBool(get('hubble.tls.auto.enabled')) === true;
  const method = get('hubble.tls.auto.method');
  if (hubbleTlsGenerated) {
    if (method === 'helm') {
      error(
        'hubble.tls.auto.method',
        'Helm generates new Hubble certificates on every render, which changes the manifest each plan and never rotates them in the cluster',
        'set hubble.tls.auto.method: cronJob, or certmanager with addons.certManager enabled',
      );
    } else if (method === 'certmanager') {
      if (!plan.addons.certManager.enabled)
        error(
          'hubble.tls.auto.method',
          'certmanager needs cert-manager, which this cluster does not install',
          'enable addons.certManager, or set hubble.tls.auto.method: cronJob',
        );
      if (
        typeof valueAt(values, 'hubble.tls.auto.certManagerIssuerRef.name') !== 'string' ||
        valueAt(values, 'hubble.tls.auto.certManagerIssuerRef.name') === ''
      ) {
        error(
          'hubble.tls.auto.certManagerIssuerRef.name',
          'certmanager needs an issuer to sign the Hubble certificates',
          'set certManagerIssuerRef to a ClusterIssuer (addons.certManager.caIssuerName creates one)',
        );
      }
    } else if (method !== 'cronJob') {
      error('hubble.tls.auto.method', 'not a method the chart knows', 'set hubble.tls.auto.method: cronJob or certmanager');
    }
  }

  // Cluster Mesh's API server certificates have the same problem as Hubble's when Helm generates them.
  const meshTlsGenerated = asBool(get('clustermesh.useAPIServer')) === true && asBool(get('clustermesh.apiserver.tls.auto.enabled')) === true;
  if (meshTlsGenerated && get('clustermesh.apiserver.tls.auto.method') === 'helm') {
    error(
      'clustermesh.apiserver.tls.auto.method',
      'Helm generates new Cluster Mesh certificates on every render, which changes the manifest each plan and never rotates them in the cluster',
      'set clustermesh.apiserver.tls.auto.method: cronJob, or certmanager with addons.certManager enabled',
    );
  }

  const l2 = asBool(get('l2announcements.enabled')) === true;
  const hasRange = plan.addons.cilium.loadBalancerRange !== undefined;
  if (l2 && !hasRange) {
    error(
      'l2announcements.enabled',
      'L2 announcements without addons.cilium.loadBalancerRange announce nothing this project manages',
      'set addons.cilium.loadBalancerRange, or l2announcements.enabled: false',
    );
  } else if (!l2 && hasRange) {
    error(
      'l2announcements.enabled',
      'addons.cilium.loadBalancerRange is set but its addresses would never be announced on the network',
      'set l2announcements.enabled: true',
    );
  }
  if (l2 && kpr === false) error('l2announcements.enabled', 'L2 announcements need the kube-proxy replacement', 'set kubeProxyReplacement: true');

  const gateway = asBool(get('gatewayAPI.enabled')) === true;
  if (gateway !== plan.addons.cilium.gatewayApi) {
    error(
      'gatewayAPI.enabled',
      gateway
        ? 'the Gateway API CRDs are installed only with addons.cilium.gatewayApi; without them Cilium disables the feature'
        : 'addons.cilium.gatewayApi installs the CRDs but Cilium would not serve them',
      gateway ? 'set addons.cilium.gatewayApi: true, or gatewayAPI.enabled: false' : 'set gatewayAPI.enabled: true',
    );
  }
  if (gateway && kpr === false) error('gatewayAPI.enabled', 'the Gateway API needs the kube-proxy replacement', 'set kubeProxyReplacement: true');

  const devices = valueAt(values, 'devices');
  if (devices !== undefined && devices !== null && devices !== '') {
    const entries = deviceEntries(devices);
    if (!entries.some((e) => deviceSelects(e, plan.nicName))) {
      error(
        'devices',
        `selects no interface named ${plan.nicName}, the NIC of ${plan.nicName === 'eth0' ? 'the nocloud image (net.ifnames=0)' : 'this image'}: Cilium would attach to no uplink and L2 announcements would not be sent`,
        `include ${plan.nicName} (or a wildcard such as ${plan.nicName.replace(/\d+$/, '')}+), or remove devices to let Cilium detect it`,
      );
    }
  }

  return problems;
}
