/**
 * Runs the real terraform CLI for tests, shielded from the host's setup: no update check, automation mode, and an
 * empty CLI configuration (no plugin cache or provider mirrors from ~/.terraformrc), so `terraform init` works
 * offline for configurations that use only built-ins such as terraform_data. Terraform's Go garbage collector runs
 * less often (GOGC=400, Go's default is 100): a plan then takes about a quarter less CPU for more peak memory, and
 * Terraform behaves the same (docs/maintenance.md, "Test time").
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** What one terraform command returned. */
export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout followed by stderr. */
  readonly output: string;
}

/** Runs `terraform <args>` in `workDir` (which also receives the empty CLI configuration file), with `env` added. */
export function runTerraform(workDir: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): TerraformResult {
  const cliConfig = path.join(workDir, 'terraformrc');
  if (!fs.existsSync(cliConfig)) fs.writeFileSync(cliConfig, '');
  const fullEnv: NodeJS.ProcessEnv = {
    ...process.env,
    GOGC: '400',
    ...env,
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    TF_CLI_CONFIG_FILE: cliConfig,
  };
  delete fullEnv.TF_PLUGIN_CACHE_DIR;
  const r = spawnSync('terraform', [...args], { cwd: workDir, env: fullEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const stdout = r.stdout ?? '';
  const stderr = r.stderr ?? (r.error ? String(r.error) : '');
  return { code: r.status ?? 1, stdout, stderr, output: `${stdout}${stderr}` };
}
