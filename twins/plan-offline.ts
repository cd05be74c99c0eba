/**
 * `npm run plan-offline -- [cluster...] [--state FILE] [--full]`: synthesizes the cluster definitions of
 * clusters/index.ts into a temporary folder and runs real `terraform init` and `terraform plan` against the
 * provider twins (no registry, no Proxmox, no Talos, no chart repository, no credentials), printing Terraform's own
 * plan lines. Without `--state` it plans from nothing; with `--state` it plans against a copy of that local state
 * file (e.g. from `terraform state pull`). The state backend of the stack is overridden by a local one in the
 * temporary folder: nothing outside it is read or written, and the folder is removed afterwards. See
 * docs/offline-plan.md for what such a plan proves.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clusters } from '../clusters';
import { synthesizeClusters } from '../stacks/cluster-app';
import { FIXTURES_ENV } from './fixtures';
import { labFitting, labFixtures } from './lab';
import { startTwins } from './server';

/** Command-line options. */
interface Options {
  readonly clusters: string[];
  readonly state?: string;
  readonly full: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const names: string[] = [];
  let state: string | undefined;
  let full = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--state') state = argv[++i];
    else if (argv[i] === '--full') full = true;
    else if (argv[i].startsWith('-'))
      throw new Error(`unknown option ${argv[i]}; usage: npm run plan-offline -- [cluster...] [--state FILE] [--full]`);
    else names.push(argv[i]);
  }
  if (state !== undefined && !fs.existsSync(state)) throw new Error(`--state ${state}: no such file`);
  return { clusters: names, state, full };
}

/** Runs terraform asynchronously (the twins answer from this process meanwhile); resolves with its output. */
function terraform(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('terraform', [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (e) => resolve({ code: 127, output: `${output}${e.message}\n` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Terraform's lines worth printing: what happens to each resource, the summary, and every diagnostic. */
function planLines(output: string): string {
  const lines = output.split('\n');
  const diagnostics = lines.findIndex((l) => /^(Error|Warning): /.test(l));
  const picked = lines.filter((l) => /^ {2}# \S/.test(l) || /^(Plan:|No changes\.)/.test(l));
  return [...picked, ...(diagnostics >= 0 ? ['', ...lines.slice(diagnostics)] : [])].join('\n');
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const unknown = options.clusters.filter((n) => !clusters.some((c) => c.name === n));
  if (unknown.length)
    throw new Error(`no cluster named ${unknown.join(', ')} in clusters/index.ts (known: ${clusters.map((c) => c.name).join(', ')})`);
  const selected = options.clusters.length ? options.clusters : clusters.map((c) => c.name);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-offline-'));
  // No Proxmox to read: the lab checks (constructs/lab-checks.ts) see a lab that fits the clusters (twins/lab.ts).
  process.env[FIXTURES_ENV] = path.join(work, 'lab-fixtures.json');
  fs.writeFileSync(process.env[FIXTURES_ENV], JSON.stringify(labFixtures(labFitting(clusters))));
  const twins = await startTwins({ socketDir: work });
  try {
    const result = synthesizeClusters(clusters, path.join(work, 'cdktf.out'));
    for (const line of result.messages) console.error(line);
    if (!result.ok) return 1;
    const cliConfig = path.join(work, 'terraformrc');
    fs.writeFileSync(cliConfig, '');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TF_REATTACH_PROVIDERS: JSON.stringify(twins.reattach),
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_IN_AUTOMATION: '1',
      CHECKPOINT_DISABLE: '1',
    };
    delete env.TF_PLUGIN_CACHE_DIR;
    let failed = false;
    for (const name of selected) {
      const dir = path.join(work, 'cdktf.out', 'stacks', name);
      // Terraform override file: its backend block replaces the stack's (s3, pg or local) with a local state here.
      fs.writeFileSync(
        path.join(dir, 'plan_offline_override.tf.json'),
        JSON.stringify({ terraform: { backend: { local: { path: 'offline.tfstate' } } } }),
      );
      if (options.state) fs.copyFileSync(options.state, path.join(dir, 'offline.tfstate'));
      console.log(`== ${name}: terraform plan with the provider twins${options.state ? ` against ${options.state}` : ' from nothing'}`);
      const init = await terraform(dir, ['init', '-input=false', '-no-color'], env);
      if (init.code !== 0) {
        console.log(init.output);
        failed = true;
        continue;
      }
      const plan = await terraform(dir, ['plan', '-input=false', '-no-color', '-lock=false'], env);
      console.log(options.full ? plan.output : planLines(plan.output));
      if (plan.code !== 0) failed = true;
    }
    return failed ? 1 : 0;
  } finally {
    await twins.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`plan-offline: ${e.message}`);
    process.exit(2);
  },
);
