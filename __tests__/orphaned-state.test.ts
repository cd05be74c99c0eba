/**
 * A renamed cluster (lib/orphaned-state.ts): synth refuses a cluster without state whose addresses the local state
 * of a cluster that is no longer defined still holds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { homelab } from '../clusters/homelab';
import { planCluster } from '../lib/cluster-plan';
import { localStateProblems } from '../lib/orphaned-state';

/** A state file as Terraform writes it, with one identity pin per address. */
function stateWith(addresses: readonly string[]): string {
  return JSON.stringify({
    version: 4,
    resources: addresses.map((ip, i) => ({
      mode: 'managed',
      type: 'terraform_data',
      name: `vms_identity-node-${i}_0A1B2C3D`,
      instances: [{ attributes: { input: { value: { ip, vm_id: `80${i}` }, type: ['object', {}] } } }],
    })),
  });
}

describe('orphaned local state', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  function project(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orphaned-state-'));
    dirs.push(dir);
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    return dir;
  }

  const plan = planCluster(homelab);
  const addresses = plan.nodes.map((n) => n.ip);

  test('fails when a renamed cluster would be built on the addresses of the old one', () => {
    // GIVEN the state of "oldlab", which is no longer defined, holding homelab's addresses, and no homelab state
    const dir = project({ 'terraform.oldlab.tfstate': stateWith(addresses) });
    // WHEN
    const problems = localStateProblems(dir, [plan]);
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0].cluster).toBe('homelab');
    expect(problems[0].problem).toMatchObject({ severity: 'error', path: 'name', value: 'homelab' });
    expect(problems[0].problem.message).toContain(
      `terraform.oldlab.tfstate (cluster oldlab, no longer defined) still runs nodes at ${addresses.join(', ')}`,
    );
    expect(problems[0].problem.fix).toContain('npm run destroy -- oldlab');
  });

  test.each([
    ['the cluster has its own state', { 'terraform.oldlab.tfstate': stateWith(addresses), 'terraform.homelab.tfstate': stateWith(addresses) }],
    ['the old cluster was torn down', { 'terraform.oldlab.tfstate': stateWith([]) }],
    ['the old cluster ran elsewhere', { 'terraform.oldlab.tfstate': stateWith(['10.9.9.9']) }],
  ])('defines no problem when %s', (_case, files) => {
    expect(localStateProblems(project(files), [plan])).toEqual([]);
  });
});
