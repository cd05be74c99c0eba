import YAML from 'yaml';
import { KubernetesObject, namespaceObject, renderObjects, validateK8sObject } from '../lib/k8s-objects';

const configMap: KubernetesObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'demo', labels: { 'app.kubernetes.io/name': 'demo' } },
};

describe('validateK8sObject', () => {
  test('defines no problems for a valid namespaced and a valid cluster-scoped object', () => {
    // GIVEN / WHEN / THEN
    expect(validateK8sObject(configMap)).toEqual([]);
    expect(validateK8sObject({ apiVersion: 'cilium.io/v2', kind: 'CiliumLoadBalancerIPPool', metadata: { name: 'lb-pool' } })).toEqual([]);
    expect(validateK8sObject(namespaceObject('demo', { 'pod-security.kubernetes.io/enforce': 'privileged' }))).toEqual([]);
  });

  test('fails when apiVersion or kind are malformed', () => {
    // GIVEN
    const obj = { ...configMap, apiVersion: 'cilium.io', kind: 'configMap' };
    // WHEN
    const paths = validateK8sObject(obj).map((p) => p.path);
    // THEN
    expect(paths).toEqual(['configMap/settings: apiVersion', 'configMap/settings: kind']);
  });

  test('fails when metadata.name is not a DNS-1123 name', () => {
    // GIVEN / WHEN
    const problems = validateK8sObject({ ...configMap, metadata: { name: 'My_Settings', namespace: 'demo' } });
    // THEN
    expect(problems).toEqual([expect.objectContaining({ path: 'ConfigMap/My_Settings: metadata.name', value: 'My_Settings' })]);
  });

  test('fails when a namespace name has a dot', () => {
    // GIVEN / WHEN
    const problems = validateK8sObject(namespaceObject('team.a'));
    // THEN
    expect(problems.map((p) => p.path)).toEqual(['Namespace/team.a: metadata.name']);
  });

  test('fails when a namespaced kind has no namespace and a cluster-scoped kind has one', () => {
    // GIVEN
    const certificate: KubernetesObject = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'root' } };
    const issuer: KubernetesObject = { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'ca', namespace: 'cert-manager' } };
    // WHEN / THEN
    expect(validateK8sObject(certificate).map((p) => p.path)).toEqual(['Certificate/root: metadata.namespace']);
    expect(validateK8sObject(issuer).map((p) => p.path)).toEqual(['ClusterIssuer/ca: metadata.namespace']);
  });

  test('fails when a label value is too long', () => {
    // GIVEN / WHEN
    const problems = validateK8sObject({ ...configMap, metadata: { ...configMap.metadata, labels: { tier: 'x'.repeat(64) } } });
    // THEN
    expect(problems.map((p) => p.path)).toEqual(['ConfigMap/settings: metadata.labels[tier]']);
  });
});

describe('renderObjects', () => {
  test('defines one YAML document per object, quoting YAML 1.1 booleans', () => {
    // GIVEN
    const objects = [namespaceObject('demo'), { ...configMap, data: { flag: 'on', count: '3' } }];
    // WHEN
    const text = renderObjects(objects);
    // THEN
    expect(text.startsWith('---\n')).toBe(true);
    expect(text).toContain('flag: "on"');
    expect(YAML.parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJS())).toEqual(objects);
  });
});
