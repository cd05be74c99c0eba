/**
 * Boot-image downloads across a Talos bump under real Terraform: the download blocks TalosImage synthesizes, each
 * played by a `terraform_data` with the same lifecycle and the provider's replacement rule (bpg/proxmox 0.111
 * `proxmox_download_file`: a new `file_name` forces a new resource). Terraform's own apply log says when each
 * download was created and destroyed (destroy-time provisioners do not run under create_before_destroy). The new
 * image must be on a host before the old one is deleted there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { homelab } from '../clusters/homelab';
import { ClusterDefinition } from '../lib/cluster-definition';
import { synthImageAndVms } from './support/synth-image-and-vms';
import { runTerraform } from './support/terraform-cli';

jest.setTimeout(120000);

/** The stand-in stack of `def`'s downloads, keyed by construct ID (`download-<host>`). */
function downloadStack(def: ClusterDefinition, keepLifecycle: boolean): string {
  const blocks = synthImageAndVms(def).blocks('proxmox_download_file');
  const resources = Object.fromEntries(
    [...blocks].map(([key, b]) => [
      key,
      {
        input: { host: b.node_name, file: b.file_name },
        triggers_replace: { file_name: b.file_name },
        ...(keepLifecycle && b.lifecycle ? { lifecycle: b.lifecycle } : {}),
      },
    ]),
  );
  return JSON.stringify({ terraform: { backend: { local: { path: 'terraform.tfstate' } } }, resource: { terraform_data: resources } });
}

/** Applies the example at v1.13.8, then at v1.13.9; returns `created <host>` / `deleted <host>` of the bump, in order. */
function bump(keepLifecycle: boolean): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-downloads-'));
  try {
    let output = '';
    const apply = (def: ClusterDefinition) => {
      fs.writeFileSync(path.join(dir, 'cdk.tf.json'), downloadStack(def, keepLifecycle));
      for (const args of [
        ['init', '-input=false', '-no-color'],
        ['apply', '-auto-approve', '-input=false', '-no-color'],
      ]) {
        const r = runTerraform(dir, args);
        if (r.code !== 0) throw new Error(r.output);
        output = r.output;
      }
    };
    apply({ ...homelab, talos: { ...homelab.talos, version: 'v1.13.8' } });
    apply({ ...homelab, talos: { ...homelab.talos, version: 'v1.13.9' } });
    return output.split('\n').flatMap((l) => {
      const m = /^terraform_data\.download-(\S+?)(?: \(deposed object \S+\))?: (Creation|Destruction) complete/.exec(l);
      return m ? [`${m[2] === 'Creation' ? 'created' : 'deleted'} ${m[1]}`] : [];
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** For each host, whether the new image was downloaded before the old one was deleted. */
function newBeforeOld(events: readonly string[]): Record<string, boolean> {
  const hosts = [...new Set(events.map((l) => l.split(' ')[1]))].sort();
  return Object.fromEntries(hosts.map((h) => [h, events.indexOf(`created ${h}`) < events.indexOf(`deleted ${h}`)]));
}

describe('boot-image downloads on a Talos bump', () => {
  test('defines the new image downloaded on each host before the old one is deleted', () => {
    // GIVEN / WHEN the example cluster's downloads go from v1.13.8 to v1.13.9
    const events = bump(true);
    // THEN every host got the new file first
    expect([...events].sort()).toEqual(['created pve1', 'created pve2', 'deleted pve1', 'deleted pve2']);
    expect(newBeforeOld(events)).toEqual({ pve1: true, pve2: true });
  });

  test('fails without create_before_destroy: Terraform deletes the old image first', () => {
    // GIVEN / WHEN the same bump with the lifecycle dropped
    // THEN the old file goes first on every host
    expect(newBeforeOld(bump(false))).toEqual({ pve1: false, pve2: false });
  });
});
