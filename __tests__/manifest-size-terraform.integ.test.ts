/**
 * The add-on manifest size guard under real Terraform. The example cluster's ClusterAddons is synthesized; its
 * guard (terraform_data with preconditions) and the locals it reads are kept, each `helm_template` output is
 * replaced by a variable holding generated Helm-like YAML of a chosen size, and `terraform plan` runs (no provider
 * needed). Plans use `-json` because the human output wraps the error messages.
 */
import { validPlan } from './support/valid-plan';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { homelab } from '../clusters/homelab';
import { HelmProvider, TerraformStack, Testing } from '../constructs/cdk';
import { ClusterAddons } from '../constructs/cluster-addons';
import { runTerraform } from './support/terraform-cli';

const KiB = 1024;
const MiB = 1024 * KiB;
/** Character the generated objects are padded with. */
const FILL = 'x';

/** Rendered output of each chart, keyed by inline manifest name (`cilium`, `cert-manager`, `argocd`). */
type ChartOutputs = Readonly<Record<string, string>>;

/** Result of one `terraform plan -json`. */
interface PlanResult {
  readonly code: number;
  /** Details (the precondition error messages) of the error diagnostics. */
  readonly errors: string[];
  readonly output: string;
}

/** One object as `helm template` prints it: a ConfigMap padded with `fill` to about `bytes` bytes of UTF-8. */
function renderedObject(chart: string, template: string, bytes: number, fill = FILL): string {
  const head = `---\n# Source: ${chart}/templates/${template}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${path.basename(template, '.yaml')}\ndata:\n  blob: "`;
  const count = Math.floor((bytes - Buffer.byteLength(head) - 2) / Buffer.byteLength(fill));
  return `${head}${fill.repeat(count)}"\n`;
}

/** A chart's output made of objects of the given sizes, named `object-1.yaml`, …. */
function chartOutput(chart: string, objectBytes: readonly number[]): string {
  return objectBytes.map((bytes, i) => renderedObject(chart, `object-${i + 1}.yaml`, bytes)).join('');
}

/** Usual add-on sizes: a few hundred KiB per chart, CRDs as the largest objects. */
function usualOutputs(): Record<string, string> {
  return {
    cilium: chartOutput('cilium', [250 * KiB, 150 * KiB, 120 * KiB, 60 * KiB]),
    'cert-manager': chartOutput('cert-manager', [300 * KiB, 80 * KiB]),
    argocd: chartOutput('argo-cd', [600 * KiB, 250 * KiB, 200 * KiB, 100 * KiB]),
  };
}

/** UTF-8 bytes of each chart output. */
function bytesOf(outputs: ChartOutputs): Record<string, number> {
  return Object.fromEntries(Object.entries(outputs).map(([name, yaml]) => [name, Buffer.byteLength(yaml)]));
}

/**
 * A Terraform working folder holding the size guard of the example cluster's add-ons for one Talos version, with
 * `var.helm_manifest_<manifest name>` in place of every `data.helm_template.<id>.manifest`.
 */
class GuardWorkspace {
  readonly dir: string;
  readonly manifestNames: string[];

  constructor(talosVersion: string) {
    const stack = new TerraformStack(Testing.app(), 'size-guard-test');
    new HelmProvider(stack, 'helm', {});
    const addons = new ClusterAddons(stack, 'addons', {
      plan: validPlan(
        talosVersion.startsWith('v1.12.')
          ? { ...homelab, kubernetesVersion: '1.35.9', talos: { ...homelab.talos, version: talosVersion, configContract: 'v1.12' } }
          : { ...homelab, talos: { ...homelab.talos, version: talosVersion } },
      ),
    });
    const synthesized = JSON.parse(Testing.synth(stack));

    const charts = [addons.cilium, addons.certManager, addons.argocd].flatMap((c) => (c ? [c] : []));
    const variableOf = new Map(charts.map((c) => [c.template.friendlyUniqueId, `helm_manifest_${c.manifest.name}`]));
    const guardId = addons.sizeGuard.resource.friendlyUniqueId;
    const kept = JSON.stringify({
      locals: synthesized.locals,
      resource: { terraform_data: { [guardId]: synthesized.resource.terraform_data[guardId] } },
    });
    const rewritten = kept.replace(/\bdata\.helm_template\.([A-Za-z0-9_-]+)\.manifest\b/g, (ref, id: string) => {
      const variable = variableOf.get(id);
      if (!variable) throw new Error(`${ref}: no chart of ClusterAddons has this helm_template`);
      return `var.${variable}`;
    });
    const leftover = rewritten.match(/\bdata\.[a-z0-9_]+\.[A-Za-z0-9_-]+/);
    if (leftover) throw new Error(`the size guard still reads ${leftover[0]}, which this test cannot provide`);
    const config = { variable: Object.fromEntries([...variableOf.values()].map((v) => [v, { type: 'string' }])), ...JSON.parse(rewritten) };

    this.manifestNames = addons.inlineManifests.map((m) => m.name);
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-size-tf-'));
    fs.writeFileSync(path.join(this.dir, 'main.tf.json'), JSON.stringify(config, null, 2));
    const init = runTerraform(this.dir, ['init', '-input=false', '-no-color']);
    if (init.code !== 0) throw new Error(`terraform init failed:\n${init.output}`);
  }

  /** `terraform plan` with each chart's `helm_template` output replaced by `outputs[<manifest name>]`. */
  plan(outputs: ChartOutputs): PlanResult {
    const vars = Object.fromEntries(Object.entries(outputs).map(([name, yaml]) => [`helm_manifest_${name}`, yaml]));
    fs.writeFileSync(path.join(this.dir, 'manifests.tfvars.json'), JSON.stringify(vars));
    const r = runTerraform(this.dir, ['plan', '-input=false', '-json', '-var-file=manifests.tfvars.json']);
    const messages = r.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    const errors = messages.filter((m) => m.type === 'diagnostic' && m.diagnostic.severity === 'error').map((m) => String(m.diagnostic.detail));
    return { code: r.code, errors, output: r.output };
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

describe('manifest size guard under Terraform', () => {
  let talos112: GuardWorkspace;
  let talos113: GuardWorkspace;

  beforeAll(() => {
    talos112 = new GuardWorkspace('v1.12.11');
    talos113 = new GuardWorkspace('v1.13.9');
  });

  afterAll(() => {
    talos112?.remove();
    talos113?.remove();
  });

  test('defines a plan that passes for add-ons of usual size', () => {
    // GIVEN
    const outputs = usualOutputs();

    // WHEN
    const result = talos112.plan(outputs);

    // THEN
    expect(result.errors).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.output).toContain('Plan: 1 to add');
  });

  test('defines a plan that passes just under both limits of Talos 1.12', () => {
    // GIVEN 3.75 MiB in total less 16 KiB (the Namespaces and load-balancer objects add about 1.5 KiB), the largest
    // object 1.5 MiB less 16 KiB
    const outputs = {
      cilium: chartOutput('cilium', [1.5 * MiB - 16 * KiB]),
      'cert-manager': chartOutput('cert-manager', [1 * MiB]),
      argocd: chartOutput('argo-cd', [1.25 * MiB]),
    };
    expect(Object.values(bytesOf(outputs)).reduce((a, b) => a + b)).toBe(3.75 * MiB - 16 * KiB);

    // WHEN
    const result = talos112.plan(outputs);

    // THEN
    expect(result.errors).toEqual([]);
    expect(result.code).toBe(0);
  });

  test('fails when the manifests fit raw but not as encoded into the machine config (every line indented)', () => {
    // GIVEN 3.5 MiB of raw YAML made of short lines: yamlencode indents each of them inside the config patch
    const lines = (name: string, bytes: number) =>
      `---\n# Source: cilium/templates/${name}.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  text: |\n${'    xxxx\n'.repeat(Math.floor(bytes / 9))}`;
    const outputs = { cilium: lines('a', 1.2 * MiB) + lines('b', 1.2 * MiB), 'cert-manager': lines('c', 0.6 * MiB), argocd: lines('d', 0.5 * MiB) };
    expect(Object.values(bytesOf(outputs)).reduce((a, b) => a + b)).toBeLessThan(3.75 * MiB - 64 * KiB);

    // WHEN
    const result = talos112.plan(outputs);

    // THEN
    expect(result.code).not.toBe(0);
    expect(result.errors).toEqual([
      expect.stringContaining('The add-on inline manifests total more than 3.75 MiB as encoded into the machine config'),
    ]);
  });

  test('fails when the manifests total more than the limit, naming it and listing bytes per manifest', () => {
    // GIVEN 3.75 MiB + 16 KiB in total, no object above 1.5 MiB; Argo CD's two objects come from one template and
    // have the same size (each is counted)
    const outputs = {
      cilium: chartOutput('cilium', [1 * MiB, 0.25 * MiB + 16 * KiB]),
      'cert-manager': chartOutput('cert-manager', [1 * MiB]),
      argocd: renderedObject('argo-cd', 'config.yaml', 0.75 * MiB) + renderedObject('argo-cd', 'config.yaml', 0.75 * MiB, 'y'),
    };

    // WHEN
    const result = talos112.plan(outputs);

    // THEN only the total check fails, and it prints sizes, not the manifests
    expect(result.code).not.toBe(0);
    expect(result.errors).toHaveLength(1);
    const [message] = result.errors;
    expect(message).toContain('The add-on inline manifests total more than 3.75 MiB');
    expect(message).toContain('maintenance API, limited to 4 MiB');
    expect(result.output).not.toContain(FILL.repeat(100));

    const listed = message.match(/raw bytes per manifest: (\{[^}]*\})/);
    expect(listed).not.toBeNull();
    const perManifest = JSON.parse(listed![1]) as Record<string, number>;
    expect(Object.keys(perManifest).sort()).toEqual([...talos112.manifestNames].sort());
    for (const [name, bytes] of Object.entries(bytesOf(outputs))) {
      // the chart's output plus at most its Namespace object; sizes are counted through base64 (within 2 bytes)
      expect(perManifest[name] - bytes).toBeGreaterThanOrEqual(0);
      expect(perManifest[name] - bytes).toBeLessThanOrEqual(128);
    }
    expect(Object.values(perManifest).reduce((a, b) => a + b)).toBeGreaterThan(3.75 * MiB);
  });

  test('fails when one object is larger than 1.5 MiB, naming the manifest and the object', () => {
    // GIVEN usual add-ons where Cilium renders one object of 1.5 MiB + 16 KiB
    const outputs = {
      ...usualOutputs(),
      cilium: `${chartOutput('cilium', [200 * KiB])}${renderedObject('cilium', 'huge-configmap.yaml', 1.5 * MiB + 16 * KiB)}${chartOutput('cilium', [100 * KiB])}`,
    };

    // WHEN
    const result = talos112.plan(outputs);

    // THEN only Cilium's object check fails, naming that object and no other
    expect(result.code).not.toBe(0);
    expect(result.errors).toHaveLength(1);
    const [message] = result.errors;
    expect(message).toContain(
      'Inline manifest "cilium" holds a Kubernetes object larger than 1.5 MiB (# Source: cilium/templates/huge-configmap.yaml)',
    );
    expect(message).toContain('etcd refuses objects over 1.5 MiB');
    expect(message).not.toContain('object-1.yaml');
    expect(result.output).not.toContain(FILL.repeat(100));
  });

  test('fails when an object is larger than 1.5 MiB in UTF-8 bytes though not in characters', () => {
    // GIVEN a cert-manager object of 0.8 Mi two-byte characters: 1.6 MiB
    const big = renderedObject('cert-manager', 'translations.yaml', 1.6 * MiB, 'é');
    expect(big.length).toBeLessThan(1.5 * MiB);
    const outputs = { ...usualOutputs(), 'cert-manager': big };

    // WHEN
    const result = talos112.plan(outputs);

    // THEN
    expect(result.code).not.toBe(0);
    expect(result.errors).toEqual([
      expect.stringContaining(
        'Inline manifest "cert-manager" holds a Kubernetes object larger than 1.5 MiB (# Source: cert-manager/templates/translations.yaml)',
      ),
    ]);
  });

  test('defines the 31 MiB total of Talos 1.13: add-ons over 3.75 MiB plan there', () => {
    // GIVEN 4.5 MiB of add-ons, no object above 1.5 MiB
    const outputs = {
      cilium: chartOutput('cilium', [1.4 * MiB, 0.1 * MiB]),
      'cert-manager': chartOutput('cert-manager', [1.4 * MiB, 0.1 * MiB]),
      argocd: chartOutput('argo-cd', [1.4 * MiB, 0.1 * MiB]),
    };

    // WHEN
    const on113 = talos113.plan(outputs);
    const on112 = talos112.plan(outputs);

    // THEN
    expect(on113.errors).toEqual([]);
    expect(on113.code).toBe(0);
    expect(on112.errors).toEqual([expect.stringContaining('total more than 3.75 MiB')]);
  });
});
