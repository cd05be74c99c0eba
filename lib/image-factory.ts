/**
 * Talos Image Factory addresses for a schematic and a Talos release: the boot disk image Proxmox downloads, its
 * file name in the Proxmox datastore, and the installer image upgrades use. Pure: no CDKTF.
 *
 * Disk image format: `<platform>-amd64.qcow2`, uncompressed. Proxmox's download-url can decompress only gz, lzo,
 * zst and bz2, and only for the `iso` content type; a disk attached with `import_from` must come from the `import`
 * content type, which PVE does not decompress (bpg/terraform-provider-proxmox#1680, #2445, #3102). The factory
 * serves qcow2 without a compression suffix as plain qcow2 (image-factory internal/profile/profile.go), and qcow2
 * stays small on the wire because it is sparse.
 */

/** The public Image Factory. */
export const IMAGE_FACTORY_HOST = 'factory.talos.dev';

/** CPU architecture of the node VMs. */
export const NODE_ARCH = 'amd64';

/** Disk format of the boot image (see the module comment for why qcow2). */
export const DISK_IMAGE_FORMAT = 'qcow2';

/** Which image: a schematic, a Talos release and the Talos platform the nodes boot. */
export interface FactoryImageRef {
  /** Schematic ID (64 hex characters). */
  readonly schematicId: string;
  /** Talos release, e.g. `v1.13.9`. */
  readonly talosVersion: string;
  /** Talos platform of the image; `nocloud` reads the address from the Proxmox cloud-init drive. */
  readonly platform: string;
}

function check(ref: FactoryImageRef): void {
  if (!/^[0-9a-f]{64}$/.test(ref.schematicId)) {
    throw new Error(
      `Image Factory: schematicId = ${JSON.stringify(ref.schematicId)} is not a schematic ID. Fix: pass the 64-character hex ID from buildSchematic()`,
    );
  }
  if (!/^v\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/.test(ref.talosVersion)) {
    throw new Error(`Image Factory: talos.version = ${JSON.stringify(ref.talosVersion)} is not a Talos release tag. Fix: write it like "v1.13.9"`);
  }
  if (!/^[a-z][a-z0-9-]*$/.test(ref.platform)) {
    throw new Error(`Image Factory: platform = ${JSON.stringify(ref.platform)} is not a Talos platform name. Fix: use e.g. "nocloud" or "metal"`);
  }
}

/** URL of the boot disk image, e.g. `https://factory.talos.dev/image/<id>/v1.13.9/nocloud-amd64.qcow2`. */
export function diskImageUrl(ref: FactoryImageRef): string {
  check(ref);
  return `https://${IMAGE_FACTORY_HOST}/image/${ref.schematicId}/${ref.talosVersion}/${ref.platform}-${NODE_ARCH}.${DISK_IMAGE_FORMAT}`;
}

/**
 * File name of the boot image in a Proxmox datastore: cluster, Talos release and schematic, so a new release or
 * schematic is a new file and two clusters sharing a datastore never fight over one file. Uses only characters
 * PVE accepts in volume names and ends in `.qcow2`, which the `import` content type requires.
 */
export function diskImageFileName(cluster: string, ref: FactoryImageRef): string {
  check(ref);
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(cluster)) {
    throw new Error(`Image Factory: name = ${JSON.stringify(cluster)} cannot be part of a file name. Fix: use a DNS-1123 label as the cluster name`);
  }
  return `${cluster}-talos-${ref.talosVersion}-${ref.schematicId}-${ref.platform}-${NODE_ARCH}.${DISK_IMAGE_FORMAT}`;
}

/**
 * Installer image for `machine.install.image` and upgrades: `factory.talos.dev/<platform>-installer/<id>:<version>`.
 * The platform installer (not `metal-installer`) keeps the platform's kernel arguments on upgrade; for `nocloud`
 * that is `net.ifnames=0`, which keeps the NIC named `eth0` as the machine config expects.
 */
export function installerImage(ref: FactoryImageRef): string {
  check(ref);
  return `${IMAGE_FACTORY_HOST}/${ref.platform}-installer/${ref.schematicId}:${ref.talosVersion}`;
}
