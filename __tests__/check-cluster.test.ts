import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { homelab } from '../clusters/homelab';
import { checkCluster } from '../lib/check-cluster';

function valuesDirWith(extra: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'values-'));
  fs.cpSync(path.join(__dirname, '..', 'helm-values'), dir, { recursive: true });
  for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('checkCluster', () => {
  test('defines no problems for the example cluster with the shipped values', () => {
    // GIVEN / WHEN
    const { problems } = checkCluster(homelab);
    // THEN
    expect(problems).toEqual([]);
  });

  test('fails when Cilium values and the definition are both wrong, reporting all of it together', () => {
    // GIVEN an extra values file that turns the kube-proxy replacement off, and a gateway outside the network
    const dir = valuesDirWith({ 'no-kpr.yaml': 'kubeProxyReplacement: false\n' });
    const def = {
      ...homelab,
      network: { ...homelab.network, gateway: '192.168.99.1' },
      addons: { ...homelab.addons, cilium: { ...homelab.addons?.cilium, extraValuesFiles: ['no-kpr.yaml'] } },
    };
    // WHEN
    const { problems } = checkCluster(def, dir);
    // THEN
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'error', path: 'network.gateway', value: '192.168.99.1' }),
        expect.objectContaining({ severity: 'error', path: expect.stringContaining('kubeProxyReplacement'), value: false }),
      ]),
    );
  });

  test('fails when an extra Cilium values file does not exist', () => {
    // GIVEN
    const dir = valuesDirWith({});
    const def = { ...homelab, addons: { ...homelab.addons, cilium: { ...homelab.addons?.cilium, extraValuesFiles: ['missing.yaml'] } } };
    // WHEN
    const { problems } = checkCluster(def, dir);
    // THEN
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'addons.cilium.extraValuesFiles[0]',
        value: 'missing.yaml',
        fix: 'create the file or correct the name',
      }),
    ]);
  });

  test('fails when an extra values file is not valid YAML or not a mapping, and when a bundled one is broken', () => {
    // GIVEN a values file with a syntax error, one holding a list, and an edited argocd.yaml that is a string
    const dir = valuesDirWith({ 'broken.yaml': 'hubble:\n  enabled: [true\n', 'list.yaml': '- a\n- b\n', 'argocd.yaml': 'just text\n' });
    const def = { ...homelab, addons: { ...homelab.addons, cilium: { ...homelab.addons?.cilium, extraValuesFiles: ['broken.yaml', 'list.yaml'] } } };
    // WHEN
    const { problems } = checkCluster(def, dir);
    // THEN every file is reported with the fix, nothing thrown
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'addons.cilium.extraValuesFiles[0]',
        value: 'broken.yaml',
        message: expect.stringMatching(/^is not valid YAML \(/),
        fix: 'correct the YAML syntax at that line',
      }),
      expect.objectContaining({ path: 'addons.cilium.extraValuesFiles[1]', value: 'list.yaml', message: 'the top level is a list, not a mapping' }),
      expect.objectContaining({ path: 'helm-values/argocd.yaml', value: 'argocd.yaml', message: 'the top level is a string, not a mapping' }),
    ]);
  });
});
