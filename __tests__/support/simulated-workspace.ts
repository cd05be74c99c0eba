/**
 * A simulated cluster (FakeTalos) plus a Terraform working folder inside its state folder: what the rollout and
 * identity harnesses share. A copy (`new X(other)`) carries the other's whole folder, Terraform state included, so a
 * deployed baseline can branch into scenarios.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FakeState, FakeTalos } from './fake-talos';
import { runTerraform, TerraformResult } from './terraform-cli';

/** The values Terraform keeps for a `terraform_data` instance. */
interface StandInValues {
  readonly id: string;
  readonly input: unknown;
}

export class SimulatedWorkspace {
  readonly fake: FakeTalos;
  readonly workDir: string;
  private initialized: boolean;

  /** A new cluster in `state`, or a copy of another workspace (its Terraform state included). */
  constructor(from: FakeState | SimulatedWorkspace) {
    this.fake = new FakeTalos(from instanceof SimulatedWorkspace ? from.fake : from);
    this.workDir = path.join(this.fake.dir, 'terraform');
    this.initialized = from instanceof SimulatedWorkspace && from.initialized;
    fs.mkdirSync(this.workDir, { recursive: true });
  }

  /** `terraform <args>` in the working folder, with the simulators on PATH. */
  terraform(args: readonly string[]): TerraformResult {
    return runTerraform(this.workDir, args, this.fake.env());
  }

  /** Writes `cdk.tf.json` and runs `terraform init` the first time; returns init's result only when it failed. */
  protected writeConfig(json: string): TerraformResult | undefined {
    fs.writeFileSync(path.join(this.workDir, 'cdk.tf.json'), json);
    if (this.initialized) return undefined;
    const init = this.terraform(['init', '-input=false', '-no-color']);
    if (init.code !== 0) return init;
    this.initialized = true;
    return undefined;
  }

  /** One value of every resource instance in the state, by address without the construct-path hash. */
  protected stateValues<T>(pick: (values: StandInValues) => T): Record<string, T> {
    const show = this.terraform(['show', '-json', '-no-color']);
    if (show.code !== 0) throw new Error(`terraform show failed:\n${show.output}`);
    const state = JSON.parse(show.stdout) as { values?: { root_module?: { resources?: { address: string; values: StandInValues }[] } } };
    const resources = state.values?.root_module?.resources ?? [];
    return Object.fromEntries(resources.map((r) => [r.address.replace(/_[0-9A-F]{8}(?=$|\[)/, ''), pick(r.values)]));
  }

  /** Deletes the simulated cluster and its Terraform folder. */
  remove(): void {
    this.fake.remove();
  }
}
