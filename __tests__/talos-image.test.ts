import { TalosProvider } from '../.gen/providers/talos/provider';
import { validPlan } from './support/valid-plan';
import { ProxmoxProvider } from '../.gen/providers/proxmox/provider';
import { homelab } from '../clusters/homelab';
import { TalosImage } from '../constructs/talos-image';
import { Testing, TerraformStack } from '../constructs/cdk';
import { ClusterDefinition } from '../lib/cluster-definition';
import { buildSchematic } from '../lib/schematic';
import { synthImageAndVms } from './support/synth-image-and-vms';

function imageOf(def: ClusterDefinition): TalosImage {
  const stack = new TerraformStack(Testing.app(), 'test');
  new ProxmoxProvider(stack, 'proxmox', {});
  new TalosProvider(stack, 'talos', {});
  return new TalosImage(stack, 'image', { plan: validPlan(def) });
}

describe('TalosImage', () => {
  test('defines the schematic ID offline, with the installer and guest-agent flag of the same schematic', () => {
    // GIVEN / WHEN
    const image = imageOf(homelab);
    // THEN
    const expected = buildSchematic({ extensions: ['siderolabs/qemu-guest-agent'], extraKernelArgs: [] }).id;
    expect(image.schematicId).toBe(expected);
    expect(image.installerImage).toBe(`factory.talos.dev/nocloud-installer/${expected}:v1.13.9`);
    expect(image.hasGuestAgent).toBe(true);
    expect(image.diskImageUrl).toContain(`/image/${expected}/v1.13.9/`);
  });

  test('defines the schematic registration with a postcondition on the returned ID', () => {
    // GIVEN / WHEN
    const schematics = synthImageAndVms(homelab).blocks('talos_image_factory_schematic');
    // THEN
    expect([...schematics.keys()]).toEqual(['schematic']);
    const block = schematics.get('schematic')!;
    const computed = buildSchematic({ extensions: ['siderolabs/qemu-guest-agent'], extraKernelArgs: [] });
    expect(block.schematic).toBe(computed.yaml);
    expect(block.lifecycle.postcondition).toEqual([
      { condition: `\${self.id == "${computed.id}"}`, error_message: expect.stringContaining(computed.id) },
    ]);
  });

  test('defines the Image Factory checks as preconditions of the registration, read from the factory data sources', () => {
    // GIVEN / WHEN
    const { json: synthesized, blocks } = synthImageAndVms(homelab);
    const json = synthesized as unknown as { data: Record<string, Record<string, Record<string, unknown>>> };
    const block = blocks('talos_image_factory_schematic').get('schematic')!;
    // THEN the release check reads talos_image_factory_versions, the extension check the extensions read only for a served release
    const versions = Object.keys(json.data.talos_image_factory_versions);
    const extensions = json.data.talos_image_factory_extensions_versions;
    expect(versions).toHaveLength(1);
    const [extensionsKey] = Object.keys(extensions);
    expect(extensions[extensionsKey]).toEqual(
      expect.objectContaining({
        talos_version: 'v1.13.9',
        exact_filters: { names: ['siderolabs/qemu-guest-agent'] },
        count: expect.stringContaining(`data.talos_image_factory_versions.${versions[0]}.talos_versions, "v1.13.9"`),
      }),
    );
    expect(block.lifecycle.precondition).toEqual([
      {
        condition: `\${contains(data.talos_image_factory_versions.${versions[0]}.talos_versions, "v1.13.9")}`,
        error_message: expect.stringContaining('serves no Talos release v1.13.9'),
      },
      {
        condition: expect.stringContaining(`data.talos_image_factory_extensions_versions.${extensionsKey}[*].extensions_info[*].name`),
        error_message: expect.stringContaining('has no official extension'),
      },
    ]);
  });

  test('defines one import download per host that runs nodes, after the registration', () => {
    // GIVEN a third host without nodes
    const def: ClusterDefinition = {
      ...homelab,
      proxmoxHosts: [...homelab.proxmoxHosts, { name: 'pve3' }],
      controlPlanes: { ...homelab.controlPlanes, hosts: ['pve1', 'pve2'] },
    };
    // WHEN
    const downloads = synthImageAndVms(def).blocks('proxmox_download_file');
    // THEN
    expect([...downloads.keys()]).toEqual(['download-pve1', 'download-pve2']);
    const id = buildSchematic({ extensions: ['siderolabs/qemu-guest-agent'], extraKernelArgs: [] }).id;
    for (const [key, block] of downloads) {
      expect(block).toEqual({
        node_name: key.replace('download-', ''),
        datastore_id: 'local',
        content_type: 'import',
        url: `https://factory.talos.dev/image/${id}/v1.13.9/nocloud-amd64.qcow2`,
        file_name: `homelab-talos-v1.13.9-${id}-nocloud-amd64.qcow2`,
        overwrite: false,
        overwrite_unmanaged: false,
        upload_timeout: 1800,
        depends_on: [expect.stringMatching(/^talos_image_factory_schematic\./)],
        lifecycle: { create_before_destroy: true },
      });
    }
  });

  test('defines a single download for hosts sharing an image datastore', () => {
    // GIVEN
    const def: ClusterDefinition = {
      ...homelab,
      proxmoxHosts: homelab.proxmoxHosts.map((h) => ({ ...h, imageDatastore: 'cephfs', imageDatastoreShared: true })),
    };
    // WHEN
    const downloads = synthImageAndVms(def).blocks('proxmox_download_file');
    // THEN
    expect([...downloads.keys()]).toEqual(['download-shared-cephfs']);
    expect(downloads.get('download-shared-cephfs')).toMatchObject({ node_name: 'pve1', datastore_id: 'cephfs' });
  });

  test('defines a new file under the same resource address when the Talos version changes', () => {
    // GIVEN
    const before = synthImageAndVms(homelab).blocks('proxmox_download_file');
    // WHEN
    const after = synthImageAndVms({ ...homelab, talos: { ...homelab.talos, version: 'v1.14.0' } }).blocks('proxmox_download_file');
    // THEN
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect(after.get('download-pve1')!.file_name).toContain('-talos-v1.14.0-');
    expect(after.get('download-pve1')!.file_name).not.toBe(before.get('download-pve1')!.file_name);
    expect(after.get('download-pve1')!.url).toContain('/v1.14.0/');
  });

  test('fails when asked for the image of a host that runs no node', () => {
    // GIVEN
    const image = imageOf(homelab);
    // WHEN / THEN
    expect(() => image.imageFileIdFor('pve9')).toThrow(/host = "pve9" runs no node.*Fix:/);
  });

  test('fails when an extension name cannot be part of a schematic', () => {
    // GIVEN
    const def: ClusterDefinition = { ...homelab, talos: { extensions: ['qemu guest agent'] } };
    // WHEN / THEN
    expect(() => imageOf(def)).toThrow(/talos\.extensions\[0\] = "qemu guest agent".*Fix:/);
  });
});
