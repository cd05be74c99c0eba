/**
 * Runs a command (cdktf, terraform) so that the secret-bearing files it writes are private: umask 077 for the
 * command and everything it starts, and every state, plan and access file narrowed to 0600 before and after
 * (lib/secret-files.ts). Exits with the command's exit code.
 *
 *   node scripts/run-ts.mjs scripts/private.ts cdktf deploy homelab   # what `npm run deploy -- homelab` runs
 */
import { spawnSync } from 'node:child_process';
import { describeProtected, PRIVATE_UMASK, protectSecretFiles } from '../lib/secret-files';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/run-ts.mjs scripts/private.ts <command> [args...]');
  process.exit(2);
}
const root = process.cwd();
process.umask(PRIVATE_UMASK);
for (const line of describeProtected(protectSecretFiles(root))) console.error(line);
const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
for (const line of describeProtected(protectSecretFiles(root))) console.error(line);
if (result.error) {
  console.error(`cannot run ${command}: ${result.error.message}`);
  process.exit(127);
}
process.exit(result.status ?? 1);
