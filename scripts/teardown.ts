/**
 * Tears a cluster down: `npm run destroy -- <cluster> [cdktf destroy options]`.
 *
 * Synthesizes the cluster with its guards lifted (the machine secrets' and every VM's `prevent_destroy`,
 * lib/teardown.ts) for this run only, and, through scripts/private.ts (umask 077, secret files 0600):
 * 1. `cdktf deploy <cluster>`: stores the teardown's on-destroy settings in the state (the first control plane, the
 *    last etcd member, is reset without leaving etcd; a destroy reads these settings from the state, not from the
 *    configuration). Nothing else changes;
 * 2. `cdktf destroy <cluster>`: every node is reset through its config apply's on-destroy — workers first, then
 *    control planes last to first — before its VM is deleted; then the secrets, images and access files go.
 * Terraform shows each plan and asks for confirmation (unless `--auto-approve` is passed on). See
 * docs/node-lifecycle.md.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { TEARDOWN_ENV } from '../lib/teardown';

const [cluster, ...rest] = process.argv.slice(2);
if (!cluster || cluster.startsWith('-')) {
  console.error('usage: npm run destroy -- <cluster> [--auto-approve]');
  process.exit(2);
}
console.error(
  `Tearing down cluster ${cluster}: every node is reset and every VM deleted, the machine secrets (the cluster CA) are destroyed, and the cluster cannot be recovered. Terraform shows the plan and asks before it changes anything.`,
);
const root = process.cwd();
for (const command of ['deploy', 'destroy']) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/run-ts.mjs'), 'scripts/private.ts', 'cdktf', command, cluster, ...rest], {
    stdio: 'inherit',
    env: { ...process.env, [TEARDOWN_ENV]: cluster },
  });
  if (result.status !== 0) {
    console.error(
      `cdktf ${command} ${cluster} did not finish (exit ${result.status ?? 'signal'}); nothing after it ran. Fix the cause and run npm run destroy -- ${cluster} again.`,
    );
    process.exit(result.status ?? 1);
  }
}
