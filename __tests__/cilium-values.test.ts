import fs from 'node:fs';
import path from 'node:path';
import { homelab } from '../clusters/homelab';
import { ciliumPlanValues } from '../lib/addon-values';
import { checkCiliumValues, CiliumPlanFacts, deviceSelects } from '../lib/cilium-values';
import { ClusterDefinition } from '../lib/cluster-definition';
import { planCluster } from '../lib/cluster-plan';
import { HelmValues, isValuesMap, mergeValues, parseValues } from '../lib/helm-values';
import { Problem } from '../lib/problems';

const CILIUM_YAML = path.join(__dirname, '..', 'helm-values', 'cilium.yaml');

/** The values ClusterAddons hands to Helm for a definition: cilium.yaml, then the definition-derived values. */
function mergedValues(def: ClusterDefinition): HelmValues {
  const file = parseValues(fs.readFileSync(CILIUM_YAML, 'utf8'), 'helm-values/cilium.yaml');
  return mergeValues(file, ciliumPlanValues(planCluster(def)));
}

/** `values` with the value at dotted `at` replaced (or removed when `value` is undefined). */
function withValue(values: HelmValues, at: string, value: unknown): HelmValues {
  const [head, ...rest] = at.split('.');
  const out: Record<string, unknown> = { ...values };
  if (rest.length === 0) {
    if (value === undefined) delete out[head];
    else out[head] = value;
    return out;
  }
  const child = isValuesMap(out[head]) ? (out[head] as HelmValues) : {};
  out[head] = withValue(child, rest.join('.'), value);
  return out;
}

function errorPaths(problems: Problem[]): string[] {
  return problems.filter((p) => p.severity === 'error').map((p) => p.path);
}

const example = planCluster(homelab);
const exampleValues = mergedValues(homelab);

/** The example's plan facts with its Cilium add-on settings changed. */
function withCilium(changes: Partial<CiliumPlanFacts['addons']['cilium']>): CiliumPlanFacts {
  return { ...example, addons: { ...example.addons, cilium: { ...example.addons.cilium, ...changes } } };
}

describe('checkCiliumValues', () => {
  test('defines no problems for helm-values/cilium.yaml with the example plan', () => {
    // GIVEN the shipped values merged with the example's definition-derived values
    // WHEN
    const problems = checkCiliumValues(exampleValues, example);
    // THEN
    expect(problems).toEqual([]);
  });

  test('defines no problems with Hubble, the Gateway API and cert-manager enabled', () => {
    // GIVEN
    const def: ClusterDefinition = {
      ...homelab,
      addons: { ...homelab.addons, cilium: { ...homelab.addons?.cilium, hubble: true, gatewayApi: true } },
    };
    // WHEN
    const problems = checkCiliumValues(mergedValues(def), planCluster(def));
    // THEN
    expect(problems).toEqual([]);
  });

  test('fails when ipam.mode is left at the chart default', () => {
    // GIVEN
    const values = withValue(exampleValues, 'ipam.mode', undefined);
    // WHEN
    const problems = checkCiliumValues(values, example);
    // THEN
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'helm-values/cilium.yaml: ipam.mode',
        value: 'cluster-pool',
        fix: 'set ipam.mode: kubernetes',
      }),
    ]);
  });

  test('fails when kubeProxyReplacement is off while Talos disables kube-proxy', () => {
    // GIVEN
    const values = withValue(exampleValues, 'kubeProxyReplacement', false);
    // WHEN
    const problems = checkCiliumValues(values, example);
    // THEN (L2 announcements, on in the example, need it too)
    expect(errorPaths(problems)).toEqual(['helm-values/cilium.yaml: kubeProxyReplacement', 'helm-values/cilium.yaml: l2announcements.enabled']);
    expect(problems[0].fix).toBe('set kubeProxyReplacement: true');
  });

  test('fails when kubeProxyReplacement uses a mode Cilium removed', () => {
    // GIVEN
    const values = withValue(exampleValues, 'kubeProxyReplacement', 'strict');
    // WHEN
    const problems = checkCiliumValues(values, example);
    // THEN
    expect(problems).toEqual([expect.objectContaining({ path: 'helm-values/cilium.yaml: kubeProxyReplacement', value: 'strict' })]);
  });

  test('fails when k8sServiceHost is not localhost', () => {
    // GIVEN
    const values = withValue(exampleValues, 'k8sServiceHost', '192.168.10.10');
    // WHEN
    const problems = checkCiliumValues(values, example);
    // THEN
    expect(problems).toEqual([expect.objectContaining({ path: 'helm-values/cilium.yaml: k8sServiceHost', fix: 'set k8sServiceHost: localhost' })]);
  });

  test('fails when k8sServicePort is not the KubePrism port', () => {
    // GIVEN
    const values = withValue(exampleValues, 'k8sServicePort', 6443);
    // WHEN
    const problems = checkCiliumValues(values, example);
    // THEN
    expect(problems).toEqual([
      expect.objectContaining({ path: 'helm-values/cilium.yaml: k8sServicePort', value: 6443, fix: `set k8sServicePort: ${example.kubePrismPort}` }),
    ]);
  });

  test('fails when the agent capabilities include SYS_MODULE', () => {
    // GIVEN
    const values = withValue(exampleValues, 'securityContext.capabilities.ciliumAgent', ['NET_ADMIN', 'SYS_MODULE', 'SYS_ADMIN']);
    // WHEN
    const problems = checkCiliumValues(values, example);
    // THEN
    expect(errorPaths(problems)).toEqual(['helm-values/cilium.yaml: securityContext.capabilities.ciliumAgent']);
    expect(problems[0].fix).not.toContain('SYS_MODULE');
  });

  test('fails when the clean-cilium-state capabilities are left at the chart default', () => {
    // GIVEN
    const values = withValue(exampleValues, 'securityContext.capabilities.cleanCiliumState', undefined);
    // WHEN
    const problems = checkCiliumValues(values, example);
    // THEN
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'helm-values/cilium.yaml: securityContext.capabilities.cleanCiliumState',
        value: expect.arrayContaining(['SYS_MODULE']),
      }),
    ]);
  });

  test('fails when cgroup.autoMount.enabled is true', () => {
    // GIVEN
    const values = withValue(exampleValues, 'cgroup.autoMount.enabled', true);
    // WHEN
    const problems = checkCiliumValues(values, example);
    // THEN
    expect(errorPaths(problems)).toEqual(['helm-values/cilium.yaml: cgroup.autoMount.enabled']);
  });

  test('fails when cgroup.hostRoot is not /sys/fs/cgroup', () => {
    // GIVEN the chart default comes back
    const values = withValue(exampleValues, 'cgroup.hostRoot', undefined);
    // WHEN
    const problems = checkCiliumValues(values, example);
    // THEN
    expect(problems).toEqual([expect.objectContaining({ path: 'helm-values/cilium.yaml: cgroup.hostRoot', value: '/run/cilium/cgroupv2' })]);
  });

  test('fails when BPF masquerading meets kube-DNS forwarding without host legacy routing', () => {
    // GIVEN
    const values = withValue(exampleValues, 'bpf.masquerade', true);
    // WHEN
    const problems = checkCiliumValues(values, example);
    const withLegacyRouting = checkCiliumValues(withValue(values, 'bpf.hostLegacyRouting', true), example);
    const withoutForwarding = checkCiliumValues(values, { ...example, forwardKubeDnsToHost: false });
    // THEN
    expect(errorPaths(problems)).toEqual(['helm-values/cilium.yaml: bpf.hostLegacyRouting']);
    expect(withLegacyRouting).toEqual([]);
    expect(withoutForwarding).toEqual([]);
  });

  test('fails when Hubble TLS is generated by Helm', () => {
    // GIVEN Hubble on with the chart's default TLS method (helm)
    const values = withValue(exampleValues, 'hubble', { enabled: true });
    // WHEN
    const problems = checkCiliumValues(values, example);
    // THEN
    expect(problems).toEqual([expect.objectContaining({ path: 'helm-values/cilium.yaml: hubble.tls.auto.method', value: 'helm' })]);
  });

  test('fails when Cluster Mesh API server TLS is generated by Helm', () => {
    // GIVEN Cluster Mesh through its API server with the chart's default TLS method (helm)
    const values = withValue(exampleValues, 'clustermesh', { useAPIServer: true });
    // WHEN
    const problems = checkCiliumValues(values, example);
    // THEN
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'error', path: 'helm-values/cilium.yaml: clustermesh.apiserver.tls.auto.method', value: 'helm' }),
    ]);
    expect(checkCiliumValues(withValue(values, 'clustermesh.apiserver', { tls: { auto: { method: 'cronJob' } } }), example)).toEqual([]);
  });

  test('fails with a warning when the agent capabilities drop more than SYS_MODULE of the chart list (SYSLOG)', () => {
    // GIVEN the list the Talos docs show, without the chart's SYSLOG
    const values = withValue(exampleValues, 'securityContext.capabilities.ciliumAgent', [
      'CHOWN',
      'KILL',
      'NET_ADMIN',
      'NET_RAW',
      'IPC_LOCK',
      'SYS_ADMIN',
      'SYS_RESOURCE',
      'DAC_OVERRIDE',
      'FOWNER',
      'SETGID',
      'SETUID',
    ]);
    // WHEN
    const problems = checkCiliumValues(values, example);
    // THEN
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'helm-values/cilium.yaml: securityContext.capabilities.ciliumAgent',
        message: expect.stringContaining('drops SYSLOG'),
      }),
    ]);
  });

  test('fails when Hubble TLS comes from cert-manager without an issuer', () => {
    // GIVEN
    const values = withValue(exampleValues, 'hubble', { enabled: true, tls: { auto: { method: 'certmanager' } } });
    // WHEN
    const problems = checkCiliumValues(values, example);
    // THEN
    expect(errorPaths(problems)).toEqual(['helm-values/cilium.yaml: hubble.tls.auto.certManagerIssuerRef.name']);
  });

  test('fails when L2 announcements are on without a load-balancer range', () => {
    // GIVEN a definition without a range, values that still announce
    const def: ClusterDefinition = { ...homelab, addons: { ...homelab.addons, cilium: {} } };
    const values = withValue(mergedValues(def), 'l2announcements.enabled', true);
    // WHEN
    const problems = checkCiliumValues(values, planCluster(def));
    // THEN
    expect(errorPaths(problems)).toEqual(['helm-values/cilium.yaml: l2announcements.enabled']);
  });

  test('fails when a load-balancer range is set but L2 announcements are off', () => {
    // GIVEN
    const values = withValue(exampleValues, 'l2announcements.enabled', false);
    // WHEN
    const problems = checkCiliumValues(values, example);
    // THEN
    expect(problems).toEqual([
      expect.objectContaining({ path: 'helm-values/cilium.yaml: l2announcements.enabled', fix: 'set l2announcements.enabled: true' }),
    ]);
  });

  test('fails when devices select no interface named like the NIC', () => {
    // GIVEN the metal-image name on a nocloud (eth0) cluster
    const values = withValue(exampleValues, 'devices', 'ens18');
    // WHEN
    const problems = checkCiliumValues(values, example);
    // THEN
    expect(problems).toEqual([expect.objectContaining({ path: 'helm-values/cilium.yaml: devices', value: 'ens18' })]);
    expect(problems[0].fix).toContain('eth0');
  });

  test('defines no problems when devices select the NIC by name or wildcard', () => {
    // GIVEN / WHEN
    const asList = checkCiliumValues(withValue(exampleValues, 'devices', ['lo', 'eth0']), example);
    const asWildcard = checkCiliumValues(withValue(exampleValues, 'devices', 'ens+,eth+'), example);
    // THEN
    expect(asList).toEqual([]);
    expect(asWildcard).toEqual([]);
    expect(deviceSelects('eth+', 'eth0')).toBe(true);
    expect(deviceSelects('eth1', 'eth0')).toBe(false);
  });

  test('fails when the Gateway API is enabled in values but not in the definition', () => {
    // GIVEN
    const values = withValue(exampleValues, 'gatewayAPI.enabled', true);
    // WHEN
    const problems = checkCiliumValues(values, example);
    // THEN
    expect(errorPaths(problems)).toEqual(['helm-values/cilium.yaml: gatewayAPI.enabled']);
  });

  test('defines paths prefixed with the given source', () => {
    // GIVEN
    const values = withValue(exampleValues, 'ipam.mode', 'cluster-pool');
    // WHEN
    const problems = checkCiliumValues(values, example, 'helm-values/cilium.yaml + helm-values/site.yaml');
    // THEN
    expect(errorPaths(problems)).toEqual(['helm-values/cilium.yaml + helm-values/site.yaml: ipam.mode']);
  });
});

const SOURCE = 'helm-values/cilium.yaml';
const CHART_AGENT_CAPS = [
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
];
const AGENT_FIX =
  'set securityContext.capabilities.ciliumAgent: [CHOWN, KILL, NET_ADMIN, NET_RAW, IPC_LOCK, SYS_ADMIN, SYS_RESOURCE, DAC_OVERRIDE, FOWNER, SETGID, SETUID, SYSLOG]';
const SYS_MODULE_MESSAGE =
  'contains SYS_MODULE (the chart default does): Talos forbids loading kernel modules from pods, so the container fails with "unable to apply caps"';
const KUBE_PROXY_OFF = 'kube-proxy is disabled in the Talos config, so nothing would serve ClusterIP Services (CoreDNS, the API service)';

/** An error of the values at `path`, as checkCiliumValues reports it. */
function valuesError(path: string, value: unknown, message: string, fix: string): Problem {
  return { severity: 'error', path: `${SOURCE}: ${path}`, value, message, fix };
}

describe('checkCiliumValues messages', () => {
  test('fails when every value is left at the chart default, with each value, message and fix', () => {
    // GIVEN no values at all: the chart defaults apply
    const values: HelmValues = {};

    // WHEN
    const problems = checkCiliumValues(values, example);

    // THEN
    expect(problems).toEqual([
      valuesError(
        'ipam.mode',
        'cluster-pool',
        'Cilium would hand out pod addresses from its own pool, ignoring the node podCIDRs Talos assigns',
        'set ipam.mode: kubernetes',
      ),
      valuesError('kubeProxyReplacement', 'false', KUBE_PROXY_OFF, 'set kubeProxyReplacement: true'),
      valuesError(
        'k8sServiceHost',
        '',
        'the agent must reach the API before any Service works; Talos serves it locally through KubePrism',
        'set k8sServiceHost: localhost',
      ),
      valuesError(
        'k8sServicePort',
        '',
        'not the KubePrism port 7445: the agent could not reach the API and nodes stay NotReady',
        'set k8sServicePort: 7445',
      ),
      valuesError('securityContext.capabilities.ciliumAgent', CHART_AGENT_CAPS, SYS_MODULE_MESSAGE, AGENT_FIX),
      valuesError(
        'securityContext.capabilities.cleanCiliumState',
        ['NET_ADMIN', 'SYS_MODULE', 'SYS_ADMIN', 'SYS_RESOURCE'],
        SYS_MODULE_MESSAGE,
        'set securityContext.capabilities.cleanCiliumState: [NET_ADMIN, SYS_ADMIN, SYS_RESOURCE]',
      ),
      valuesError(
        'cgroup.autoMount.enabled',
        true,
        'the mount-cgroup init container cannot run on Talos, which already mounts cgroup2',
        'set cgroup.autoMount.enabled: false',
      ),
      valuesError('cgroup.hostRoot', '/run/cilium/cgroupv2', 'not where Talos mounts cgroup2', 'set cgroup.hostRoot: /sys/fs/cgroup'),
      valuesError(
        'hubble.tls.auto.method',
        'helm',
        'Helm generates new Hubble certificates on every render, which changes the manifest each plan and never rotates them in the cluster',
        'set hubble.tls.auto.method: cronJob, or certmanager with addons.certManager enabled',
      ),
      valuesError(
        'l2announcements.enabled',
        false,
        'addons.cilium.loadBalancerRange is set but its addresses would never be announced on the network',
        'set l2announcements.enabled: true',
      ),
    ]);
  });

  test('defines the chart defaults of BPF masquerading, Cluster Mesh, L2 announcements and the Gateway API as fine', () => {
    // GIVEN the example values without those keys, for a plan without a load-balancer range
    const values = ['bpf', 'clustermesh', 'l2announcements', 'gatewayAPI'].reduce((v, key) => withValue(v, key, undefined), exampleValues);
    const plan = withCilium({ loadBalancerRange: undefined });

    // WHEN
    const problems = checkCiliumValues(values, plan);

    // THEN
    expect(problems).toEqual([]);
  });

  test.each([false, 'false', null, ''])('fails when kubeProxyReplacement is %p while Talos disables kube-proxy', (value) => {
    // GIVEN a false-like value, and a plan without a load-balancer range (no L2 problem)
    const values = withValue(withValue(exampleValues, 'kubeProxyReplacement', value), 'l2announcements.enabled', false);
    const plan = withCilium({ loadBalancerRange: undefined });

    // WHEN
    const problems = checkCiliumValues(values, plan);

    // THEN
    expect(problems).toEqual([valuesError('kubeProxyReplacement', value, KUBE_PROXY_OFF, 'set kubeProxyReplacement: true')]);
  });

  test.each([true, 'true'])('defines kubeProxyReplacement %p as the kube-proxy replacement', (value) => {
    // GIVEN a true-like value
    const values = withValue(exampleValues, 'kubeProxyReplacement', value);

    // WHEN
    const problems = checkCiliumValues(values, example);

    // THEN
    expect(problems).toEqual([]);
  });

  test.each([
    ['strict', false, 'set kubeProxyReplacement: true'],
    [1, true, 'set kubeProxyReplacement: false'],
  ])('fails when kubeProxyReplacement is %p (kube-proxy on: %p), with the fix for the plan', (value, kubeProxyEnabled, fix) => {
    // GIVEN a value that is no boolean, with or without kube-proxy
    const values = withValue(exampleValues, 'kubeProxyReplacement', value);

    // WHEN
    const problems = checkCiliumValues(values, { ...example, kubeProxyEnabled });

    // THEN
    expect(problems).toEqual([valuesError('kubeProxyReplacement', value, 'not a boolean (strict/partial/probe were removed in Cilium 1.16)', fix)]);
  });

  test('fails when kubeProxyReplacement is on while kube-proxy runs, with the message and fix', () => {
    // GIVEN a plan that keeps kube-proxy
    const plan: CiliumPlanFacts = { ...example, kubeProxyEnabled: true };

    // WHEN
    const problems = checkCiliumValues(exampleValues, plan);

    // THEN
    expect(problems).toEqual([
      valuesError(
        'kubeProxyReplacement',
        true,
        'kube-proxy runs in this cluster, so Cilium and kube-proxy would both program Service rules',
        'set kubeProxyReplacement: false, or let Cilium replace kube-proxy (kube-proxy is disabled whenever Cilium is on)',
      ),
    ]);
  });

  test('fails when L2 announcements and the Gateway API meet kubeProxyReplacement false', () => {
    // GIVEN the Gateway API on in the plan and the values, kube-proxy kept
    const values = withValue(withValue(exampleValues, 'kubeProxyReplacement', false), 'gatewayAPI.enabled', true);
    const plan: CiliumPlanFacts = { ...withCilium({ gatewayApi: true }), kubeProxyEnabled: true };

    // WHEN
    const problems = checkCiliumValues(values, plan);

    // THEN
    expect(problems).toEqual([
      valuesError('l2announcements.enabled', true, 'L2 announcements need the kube-proxy replacement', 'set kubeProxyReplacement: true'),
      valuesError('gatewayAPI.enabled', true, 'the Gateway API needs the kube-proxy replacement', 'set kubeProxyReplacement: true'),
    ]);
  });

  test('defines the KubePrism port written as a string as the port', () => {
    // GIVEN
    const values = withValue(exampleValues, 'k8sServicePort', '7445');

    // WHEN
    const problems = checkCiliumValues(values, example);

    // THEN
    expect(problems).toEqual([]);
  });

  test('fails when a capability list is no list, and warns about the capabilities it lacks', () => {
    // GIVEN capabilities written as one string each
    const values = withValue(
      withValue(exampleValues, 'securityContext.capabilities.ciliumAgent', 'NET_ADMIN'),
      'securityContext.capabilities.cleanCiliumState',
      'NET_ADMIN',
    );

    // WHEN
    const problems = checkCiliumValues(values, example);

    // THEN
    expect(problems).toEqual([
      valuesError('securityContext.capabilities.ciliumAgent', 'NET_ADMIN', SYS_MODULE_MESSAGE, AGENT_FIX),
      valuesError(
        'securityContext.capabilities.cleanCiliumState',
        'NET_ADMIN',
        SYS_MODULE_MESSAGE,
        'set securityContext.capabilities.cleanCiliumState: [NET_ADMIN, SYS_ADMIN, SYS_RESOURCE]',
      ),
    ]);
  });

  test('fails with a warning naming every capability the agent list drops', () => {
    // GIVEN the Talos list without CHOWN and SYSLOG
    const caps = ['KILL', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'SYS_ADMIN', 'SYS_RESOURCE', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'];
    const values = withValue(exampleValues, 'securityContext.capabilities.ciliumAgent', caps);

    // WHEN
    const problems = checkCiliumValues(values, example);

    // THEN
    expect(problems).toEqual([
      {
        severity: 'warning',
        path: `${SOURCE}: securityContext.capabilities.ciliumAgent`,
        value: caps,
        message: "drops CHOWN, SYSLOG of the chart's own list; only SYS_MODULE must go on Talos",
        fix: AGENT_FIX,
      },
    ]);
  });

  test.each([
    ['maybe', 'maybe'],
    [true, true],
  ])('fails when cgroup.autoMount.enabled is %p', (value, shown) => {
    // GIVEN a value that is not false
    const values = withValue(exampleValues, 'cgroup.autoMount.enabled', value);

    // WHEN
    const problems = checkCiliumValues(values, example);

    // THEN
    expect(problems).toEqual([
      valuesError(
        'cgroup.autoMount.enabled',
        shown,
        'the mount-cgroup init container cannot run on Talos, which already mounts cgroup2',
        'set cgroup.autoMount.enabled: false',
      ),
    ]);
  });

  test('fails when BPF masquerading meets kube-DNS forwarding, with the message and fix', () => {
    // GIVEN masquerading on, host legacy routing at the chart default
    const values = withValue(exampleValues, 'bpf.masquerade', 'true');

    // WHEN
    const problems = checkCiliumValues(values, example);

    // THEN
    expect(problems).toEqual([
      valuesError(
        'bpf.hostLegacyRouting',
        false,
        'BPF masquerading with BPF host routing breaks Talos forwarding kube-dns to the host DNS cache (CoreDNS lookups time out)',
        'set bpf.hostLegacyRouting: true, or bpf.masquerade: false',
      ),
    ]);
    expect(checkCiliumValues(withValue(values, 'bpf.hostLegacyRouting', 'true'), example)).toEqual([]);
  });

  test.each([
    ['Hubble off', { enabled: false, tls: { auto: { method: 'helm' } } }],
    ['TLS off', { enabled: true, tls: { enabled: false, auto: { method: 'helm' } } }],
    ['generated TLS off', { enabled: true, tls: { auto: { enabled: false, method: 'helm' } } }],
    ['the cronJob method', { enabled: true, tls: { auto: { method: 'cronJob' } } }],
  ])('defines no Hubble TLS problem with %s', (_case, hubble) => {
    // GIVEN Hubble values that generate no certificates with Helm
    const values = withValue(exampleValues, 'hubble', hubble);

    // WHEN
    const problems = checkCiliumValues(values, example);

    // THEN
    expect(problems).toEqual([]);
  });

  test('fails when Hubble TLS comes from cert-manager that is off, with the message and fix', () => {
    // GIVEN
    const values = withValue(exampleValues, 'hubble', {
      enabled: true,
      tls: { auto: { method: 'certmanager', certManagerIssuerRef: { name: 'homelab-ca' } } },
    });
    const plan: CiliumPlanFacts = { ...example, addons: { ...example.addons, certManager: { enabled: false } } };

    // WHEN
    const problems = checkCiliumValues(values, plan);

    // THEN
    expect(problems).toEqual([
      valuesError(
        'hubble.tls.auto.method',
        'certmanager',
        'certmanager needs cert-manager, which this cluster does not install',
        'enable addons.certManager, or set hubble.tls.auto.method: cronJob',
      ),
    ]);
  });

  test.each([undefined, '', 42])('fails when the Hubble cert-manager issuer name is %p', (name) => {
    // GIVEN
    const values = withValue(exampleValues, 'hubble', { enabled: true, tls: { auto: { method: 'certmanager', certManagerIssuerRef: { name } } } });

    // WHEN
    const problems = checkCiliumValues(values, example);

    // THEN
    expect(problems).toEqual([
      valuesError(
        'hubble.tls.auto.certManagerIssuerRef.name',
        name,
        'certmanager needs an issuer to sign the Hubble certificates',
        'set certManagerIssuerRef to a ClusterIssuer (addons.certManager.caIssuerName creates one)',
      ),
    ]);
  });

  test('fails when the Hubble TLS method is unknown to the chart', () => {
    // GIVEN
    const values = withValue(exampleValues, 'hubble', { enabled: true, tls: { auto: { method: 'vault' } } });

    // WHEN
    const problems = checkCiliumValues(values, example);

    // THEN
    expect(problems).toEqual([
      valuesError('hubble.tls.auto.method', 'vault', 'not a method the chart knows', 'set hubble.tls.auto.method: cronJob or certmanager'),
    ]);
  });

  test('fails when Cluster Mesh API server TLS is generated by Helm, with the message and fix', () => {
    // GIVEN
    const values = withValue(exampleValues, 'clustermesh', { useAPIServer: 'true' });

    // WHEN
    const problems = checkCiliumValues(values, example);

    // THEN
    expect(problems).toEqual([
      valuesError(
        'clustermesh.apiserver.tls.auto.method',
        'helm',
        'Helm generates new Cluster Mesh certificates on every render, which changes the manifest each plan and never rotates them in the cluster',
        'set clustermesh.apiserver.tls.auto.method: cronJob, or certmanager with addons.certManager enabled',
      ),
    ]);
    expect(checkCiliumValues(withValue(values, 'clustermesh.apiserver', { tls: { auto: { enabled: false } } }), example)).toEqual([]);
  });

  test('fails when L2 announcements are on without a load-balancer range, with the message and fix', () => {
    // GIVEN
    const plan = withCilium({ loadBalancerRange: undefined });

    // WHEN
    const problems = checkCiliumValues(exampleValues, plan);

    // THEN
    expect(problems).toEqual([
      valuesError(
        'l2announcements.enabled',
        true,
        'L2 announcements without addons.cilium.loadBalancerRange announce nothing this project manages',
        'set addons.cilium.loadBalancerRange, or l2announcements.enabled: false',
      ),
    ]);
  });

  test.each([
    [
      true,
      false,
      'the Gateway API CRDs are installed only with addons.cilium.gatewayApi; without them Cilium disables the feature',
      'set addons.cilium.gatewayApi: true, or gatewayAPI.enabled: false',
    ],
    [false, true, 'addons.cilium.gatewayApi installs the CRDs but Cilium would not serve them', 'set gatewayAPI.enabled: true'],
  ])('fails when gatewayAPI.enabled is %p but addons.cilium.gatewayApi is %p', (enabled, gatewayApi, message, fix) => {
    // GIVEN values and definition that disagree
    const values = withValue(exampleValues, 'gatewayAPI.enabled', enabled);
    const plan = withCilium({ gatewayApi });

    // WHEN
    const problems = checkCiliumValues(values, plan);

    // THEN
    expect(problems).toEqual([valuesError('gatewayAPI.enabled', enabled, message, fix)]);
  });

  test.each([null, '', 'lo eth0', 'lo,eth0', [' eth0 ']])('defines devices %p as selecting the NIC or nothing to check', (devices) => {
    // GIVEN no devices, or devices that name eth0
    const values = withValue(exampleValues, 'devices', devices);

    // WHEN
    const problems = checkCiliumValues(values, example);

    // THEN
    expect(problems).toEqual([]);
  });

  test.each([
    [
      'eth0',
      'ens18',
      'selects no interface named eth0, the NIC of the nocloud image (net.ifnames=0): Cilium would attach to no uplink and L2 announcements would not be sent',
      'include eth0 (or a wildcard such as eth+), or remove devices to let Cilium detect it',
    ],
    [
      'enp6s18',
      'eth+',
      'selects no interface named enp6s18, the NIC of this image: Cilium would attach to no uplink and L2 announcements would not be sent',
      'include enp6s18 (or a wildcard such as enp6s+), or remove devices to let Cilium detect it',
    ],
  ])('fails when the NIC is %s and devices are %p, with the message and fix', (nicName, devices, message, fix) => {
    // GIVEN devices that miss the plan's NIC
    const values = withValue(exampleValues, 'devices', devices);

    // WHEN
    const problems = checkCiliumValues(values, { ...example, nicName });

    // THEN
    expect(problems).toEqual([valuesError('devices', devices, message, fix)]);
  });

  test.each([
    ['ens+', 'eth0', false],
    ['eth+', 'eth0', true],
    ['eth', 'eth0', false],
    ['eth0', 'eth0', true],
  ])('defines whether devices entry %s selects %s: %p', (entry, nic, expected) => {
    // GIVEN an exact name or a prefix wildcard

    // WHEN
    const selects = deviceSelects(entry, nic);

    // THEN
    expect(selects).toBe(expected);
  });
});
