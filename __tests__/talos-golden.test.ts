/**
 * Golden files: the Talos documents of the example's first control plane and first worker, serialized as the stack
 * sends them (common documents, the role's documents, the node's own), pinned in `__tests__/golden/<role>.yaml`.
 * A change to any document shows up as a reviewable YAML diff. After a deliberate change, refresh them with
 * `UPDATE_GOLDEN=1 npx jest __tests__/talos-golden.test.ts` and review the diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import { validateTalosYaml } from '../check/talos-schema';
import { homelab } from '../clusters/homelab';
import { planCluster } from '../lib/cluster-plan';
import { commonDocuments, controlPlaneDocuments, nodeDocuments, toYaml } from '../lib/talos-documents';

const plan = planCluster(homelab);
const INSTALLER = 'factory.talos.dev/nocloud-installer/ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515:v1.13.9';

describe.each([
  ['controlplane', 'homelab-cp-1'],
  ['worker', 'homelab-worker-1'],
] as const)('the %s documents', (role, nodeName) => {
  const node = plan.nodes.find((n) => n.name === nodeName)!;
  const docs = [
    ...commonDocuments(plan, INSTALLER),
    ...(role === 'controlplane' ? controlPlaneDocuments(plan, []) : []),
    ...nodeDocuments(plan, node),
  ];
  const yaml = toYaml(docs);
  const golden = path.join(__dirname, 'golden', `${role}.yaml`);

  test(`defines the documents pinned in golden/${role}.yaml`, () => {
    // GIVEN the example's ${nodeName} / WHEN serialized
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(golden, yaml);
    // THEN
    expect(yaml).toBe(fs.readFileSync(golden, 'utf8'));
  });

  test(`defines golden/${role}.yaml as valid against the Talos ${plan.configContract} schema`, () => {
    // GIVEN / WHEN / THEN
    expect(validateTalosYaml(fs.readFileSync(golden, 'utf8'), plan.configContract)).toEqual([]);
  });
});
