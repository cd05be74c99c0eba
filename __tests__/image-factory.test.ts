import { diskImageFileName, diskImageUrl, FactoryImageRef, installerImage } from '../lib/image-factory';

const ref: FactoryImageRef = {
  schematicId: 'ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515',
  talosVersion: 'v1.13.9',
  platform: 'nocloud',
};

describe('Image Factory addresses', () => {
  test('defines an uncompressed qcow2 nocloud disk image URL (Proxmox cannot decompress xz)', () => {
    // GIVEN / WHEN
    const url = diskImageUrl(ref);
    // THEN
    expect(url).toBe(`https://factory.talos.dev/image/${ref.schematicId}/v1.13.9/nocloud-amd64.qcow2`);
    expect(url).not.toMatch(/\.(xz|gz|zst)$/);
  });

  test('defines the platform installer of the same schematic and version', () => {
    // GIVEN / WHEN
    const image = installerImage(ref);
    // THEN
    expect(image).toBe(`factory.talos.dev/nocloud-installer/${ref.schematicId}:v1.13.9`);
  });

  test('defines a file name by cluster, version and schematic that the import content type accepts', () => {
    // GIVEN / WHEN
    const name = diskImageFileName('homelab', ref);
    // THEN
    expect(name).toBe(`homelab-talos-v1.13.9-${ref.schematicId}-nocloud-amd64.qcow2`);
    expect(name).toMatch(/^[A-Za-z0-9._-]+\.qcow2$/);
  });

  test('defines a new file name for a new Talos version', () => {
    // GIVEN / WHEN
    const next = diskImageFileName('homelab', { ...ref, talosVersion: 'v1.14.0-rc.1' });
    // THEN
    expect(next).not.toBe(diskImageFileName('homelab', ref));
    expect(next).toContain('v1.14.0-rc.1');
  });

  test('fails when the schematic ID, version, platform or cluster name is malformed', () => {
    // GIVEN / WHEN / THEN
    expect(() => diskImageUrl({ ...ref, schematicId: 'ce4c9805' })).toThrow(/schematicId = "ce4c9805".*Fix:/);
    expect(() => installerImage({ ...ref, talosVersion: '1.13.9' })).toThrow(/talos\.version = "1\.13\.9".*Fix: write it like "v1\.13\.9"/);
    expect(() => diskImageUrl({ ...ref, platform: 'No Cloud' })).toThrow(/platform = "No Cloud"/);
    expect(() => diskImageFileName('Home Lab', ref)).toThrow(/name = "Home Lab".*Fix:/);
  });
});
