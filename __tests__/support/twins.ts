/**
 * Real Terraform against the provider twins (twins/): a twin server per test file (one Node process serving the
 * four providers on unix sockets) and Terraform working folders laid out as `cdktf synth` lays them out
 * (`<project>/cdktf.out/stacks/<cluster>/cdk.tf.json`, the local state at `<project>/terraform.<cluster>.tfstate`,
 * the rollout steps running from `<project>`), so the synthesized JSON runs unchanged. Terraform finds the
 * providers through TF_REATTACH_PROVIDERS: `terraform init` installs nothing and needs no network.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ClusterDefinition } from '../../lib/cluster-definition';
import { synthesizeClusters } from '../../stacks/cluster-app';
import type { FixtureFile } from '../../twins/fixtures';
import { labFitting, labFixtures } from '../../twins/lab';
import { runTerraform, TerraformResult } from './terraform-cli';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** A running twin server (a child process). */
export class TwinServer {
  private readonly labClusters: ClusterDefinition[] = [];

  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    /** TF_REATTACH_PROVIDERS value. */
    readonly reattach: string,
    private readonly fixturesFile: string,
    private fixtures: FixtureFile,
  ) {}

  /** Starts the server; `fixtures` become its override file (twins/fixtures.ts). */
  static async start(fixtures: FixtureFile = {}): Promise<TwinServer> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twins-'));
    const env: NodeJS.ProcessEnv = { ...process.env };
    env.TWINS_FIXTURES = path.join(dir, 'fixtures.json');
    fs.writeFileSync(env.TWINS_FIXTURES, JSON.stringify(fixtures));
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'run-ts.mjs'), 'twins/server.ts', dir], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      const rl = createInterface({ input: child.stdout! });
      rl.once('line', (l) => resolve(l));
      child.once('exit', (code) => reject(new Error(`twin server exited with ${code} before listening`)));
    });
    return new TwinServer(child, dir, line, env.TWINS_FIXTURES, fixtures);
  }

  /**
   * Makes the Proxmox lab the lab checks read (constructs/lab-checks.ts) fit `definition` and every cluster fitted
   * before: a clean lab (twins/lab.ts `labFitting`), answered after the test's own fixtures,
   * which therefore still win. The server re-reads the file on every call.
   */
  fitLab(definition: ClusterDefinition): void {
    this.labClusters.push(definition);
    this.writeFixtures();
  }

  /** Replaces the server's own fixtures (what `start` got) from the next call on; the fitted lab stays behind them. */
  useFixtures(fixtures: FixtureFile): void {
    this.fixtures = fixtures;
    this.writeFixtures();
  }

  private writeFixtures(): void {
    const lab = labFixtures(labFitting(this.labClusters)).data!;
    const own = this.fixtures.data ?? {};
    const data = Object.fromEntries([...new Set([...Object.keys(own), ...Object.keys(lab)])].map((t) => [t, [...(own[t] ?? []), ...(lab[t] ?? [])]]));
    fs.writeFileSync(this.fixturesFile, JSON.stringify({ ...this.fixtures, data }));
  }

  /** Environment for terraform: the reattached providers. */
  env(): Record<string, string> {
    return { TF_REATTACH_PROVIDERS: this.reattach };
  }

  /** Stops the server and removes its sockets. */
  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin?.end();
    this.child.kill();
    await exited;
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** What a plan does to one resource instance: Terraform's actions, folded. */
export type PlannedAction = 'create' | 'update' | 'replace' | 'delete' | 'no-op' | 'read';

/** `terraform show -json` of a saved plan (the parts the tests read). */
export interface PlanJson {
  readonly resource_changes?: { address: string; mode: string; type: string; change: { actions: string[]; replace_paths?: unknown[] } }[];
}

/** Resource address without cdktf's construct-path hash: `proxmox_virtual_environment_vm.vms_vm-homelab-cp-1`. */
export function stableAddress(address: string): string {
  return address.replace(/_[0-9A-F]{8}(?=$|\[)/, '');
}

/** Every managed resource instance of a plan with its folded action, by stable address. */
export function plannedActions(plan: PlanJson): Record<string, PlannedAction> {
  const fold = (a: string[]): PlannedAction => (a.length === 2 ? 'replace' : (a[0] as PlannedAction));
  return Object.fromEntries(
    (plan.resource_changes ?? []).filter((r) => r.mode === 'managed').map((r) => [stableAddress(r.address), fold(r.change.actions)]),
  );
}

/** Addresses of a plan whose action is `action`, sorted. */
export function withAction(plan: PlanJson, action: PlannedAction): string[] {
  return Object.entries(plannedActions(plan))
    .filter(([, a]) => a === action)
    .map(([addr]) => addr)
    .sort();
}

/**
 * A Terraform working folder for one cluster, inside a throw-away project folder whose `scripts/` links to this
 * project's (the rollout steps run `node scripts/run-ts.mjs rollout/cli.ts` from there).
 */
export class TwinWorkspace {
  readonly project: string;
  readonly stackDir: string;
  private initialized = false;

  /** A new folder for cluster `cluster`, or a copy of `from` (state and initialized .terraform included). */
  constructor(
    private readonly twins: TwinServer,
    readonly cluster: string,
    from?: TwinWorkspace,
  ) {
    this.project = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-project-'));
    this.stackDir = path.join(this.project, 'cdktf.out', 'stacks', cluster);
    if (from) {
      fs.cpSync(from.project, this.project, { recursive: true, verbatimSymlinks: true });
      this.initialized = from.initialized;
    } else {
      fs.mkdirSync(this.stackDir, { recursive: true });
      fs.symlinkSync(path.join(PROJECT_ROOT, 'scripts'), path.join(this.project, 'scripts'));
    }
  }

  /** Synthesizes `definition` (whose name must be this workspace's cluster) into the folder, as `npm run synth` would. */
  synth(definition: ClusterDefinition): void {
    if (definition.name !== this.cluster) throw new Error(`workspace of ${this.cluster} cannot hold ${definition.name}`);
    const result = synthesizeClusters([definition], path.join(this.project, 'cdktf.out'));
    if (!result.ok) throw new Error(`synth failed:\n${result.messages.join('\n')}`);
    this.twins.fitLab(definition);
  }

  /** The synthesized Terraform JSON, parsed. */
  readStack(): Record<string, any> {
    return JSON.parse(fs.readFileSync(path.join(this.stackDir, 'cdk.tf.json'), 'utf8'));
  }

  /** Replaces the Terraform JSON. */
  writeStack(json: unknown): void {
    fs.writeFileSync(path.join(this.stackDir, 'cdk.tf.json'), JSON.stringify(json, null, 2));
  }

  /** Runs `terraform <args>` in the stack folder with the twins (and `env`). */
  terraform(args: readonly string[], env: Record<string, string> = {}): TerraformResult {
    return runTerraform(this.stackDir, [...args, '-no-color'], { ...env, ...this.twins.env() });
  }

  /** `terraform init` the first time (no download: every provider is reattached). */
  init(): void {
    if (this.initialized) return;
    const r = this.terraform(['init', '-input=false']);
    if (r.code !== 0) throw new Error(`terraform init failed:\n${r.output}`);
    this.initialized = true;
  }

  /** `terraform validate`. */
  validate(): TerraformResult {
    this.init();
    return this.terraform(['validate']);
  }

  /**
   * `terraform plan -out` then `show -json`: the plan as JSON (throws with Terraform's output when planning fails).
   * `refresh: false` skips reading every resource back (the twins return the state unchanged anyway): faster.
   */
  plan(env: Record<string, string> = {}, options: { readonly refresh?: boolean } = {}): PlanJson {
    this.init();
    const r = this.terraform(['plan', '-input=false', ...(options.refresh === false ? ['-refresh=false'] : []), '-out=twin.plan'], env);
    if (r.code !== 0) throw new Error(`terraform plan failed:\n${r.output}`);
    const show = this.terraform(['show', '-json', 'twin.plan']);
    if (show.code !== 0) throw new Error(`terraform show failed:\n${show.output}`);
    return JSON.parse(show.stdout) as PlanJson;
  }

  /** `terraform apply -auto-approve`. */
  apply(env: Record<string, string> = {}): TerraformResult {
    this.init();
    return this.terraform(['apply', '-input=false', '-auto-approve'], env);
  }

  /** Deletes the folder. */
  remove(): void {
    fs.rmSync(this.project, { recursive: true, force: true });
  }
}
