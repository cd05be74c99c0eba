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

  test('fails when kubeProxyReplacement is on while kube-proxy runs', () => {
    // GIVEN a plan that keeps kube-proxy
    const plan: CiliumPlanFacts = { ...example, kubeProxyEnabled: true };
    // WHEN
    const problems = checkCiliumValues(exampleValues, plan);
    // THEN
    expect(errorPaths(problems)).toEqual(['helm-values/cilium.yaml: kubeProxyReplacement']);
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

  test('fails when Hubble TLS comes from cert-manager but cert-manager is off', () => {
    // GIVEN
    const values = withValue(exampleValues, 'hubble', {
      enabled: true,
      tls: { auto: { method: 'certmanager', certManagerIssuerRef: { name: 'homelab-ca' } } },
    });
    const plan: CiliumPlanFacts = { ...example, addons: { ...example.addons, certManager: { enabled: false } } };
    // WHEN
    const problems = checkCiliumValues(values, plan);
    // THEN
    expect(errorPaths(problems)).toEqual(['helm-values/cilium.yaml: hubble.tls.auto.method']);
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
