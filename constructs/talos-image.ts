/**
 * The cluster's Talos image: one Image Factory schematic (extensions and kernel arguments), registered with the
 * factory, and its boot disk downloaded into Proxmox where the nodes run. The schematic ID is computed offline,
 * so the boot image, the installer image and the review report all name it before anything is applied.
 */
import { ValidatedPlan } from '../lib/check-cluster';
import { Construct } from 'constructs';
import { DownloadFile } from '../.gen/providers/proxmox/download-file';
import { DataTalosImageFactoryExtensionsVersions } from '../.gen/providers/talos/data-talos-image-factory-extensions-versions';
import { DataTalosImageFactoryVersions } from '../.gen/providers/talos/data-talos-image-factory-versions';
import { ImageFactorySchematic } from '../.gen/providers/talos/image-factory-schematic';
import { Token } from './cdk';
import { factoryPreconditions, talosVersionServed } from '../lib/factory-checks';
import { diskImageFileName, diskImageUrl, FactoryImageRef, installerImage } from '../lib/image-factory';
import { ImageDownload, planImageDownloads } from '../lib/image-downloads';
import { buildSchematic } from '../lib/schematic';

/** Seconds Proxmox may take to fetch the image; the factory builds an image on its first request. */
const DOWNLOAD_TIMEOUT_SECONDS = 1800;

/** Props of `TalosImage`. */
export interface TalosImageProps {
  /** The resolved cluster: Talos version, extensions, kernel arguments, hosts and node placement. */
  readonly plan: ValidatedPlan;
}

/**
 * Registers the schematic with the Image Factory (`talos_image_factory_schematic`, whose apply fails if the
 * factory's ID differs from the offline one) and downloads the boot image with `proxmox_download_file` once per
 * Proxmox host that runs a node, or once per shared image datastore. Before that, at plan time, the schematic's
 * preconditions check the Talos release and the extensions against what the factory serves
 * (`talos_image_factory_versions`, `talos_image_factory_extensions_versions`; lib/factory-checks.ts): a release or
 * extension that does not exist stops the plan before any VM is touched.
 *
 * Construct IDs: `schematic`, `factory-versions`, `factory-extensions` (absent without extensions), and
 * `download-<host>` or `download-shared-<datastore>`. The downloaded file is named
 * by cluster, Talos version and schematic and is never overwritten in place: a new version or schematic replaces
 * the download resource with a new file, created before the old one is deleted (`create_before_destroy`). VMs copied their disk from the old file when they were created and
 * ignore later changes of it (see `NodeVms`), so a replaced download never touches an existing VM.
 *
 * Proxmox requirements (bpg `proxmox_download_file` docs): PVE 8.4 or newer, the `Import` content type enabled on
 * each image datastore, and an API token with `Datastore.AllocateTemplate`, `Sys.Audit` and `Sys.Modify`
 * (a missing privilege makes the download fail with HTTP 403 "Permission check failed").
 */
export class TalosImage extends Construct {
  /** Image Factory schematic ID, computed offline (a plain string, not a token). */
  readonly schematicId: string;
  /** The canonical schematic YAML registered with the factory. */
  readonly schematicYaml: string;
  /** Installer image of this schematic and Talos version (`factory.talos.dev/nocloud-installer/<id>:<version>`). */
  readonly installerImage: string;
  /** True when the schematic has `siderolabs/qemu-guest-agent`: the VMs enable the QEMU agent exactly then. */
  readonly hasGuestAgent: boolean;
  /** URL Proxmox downloads the boot disk image from. */
  readonly diskImageUrl: string;
  /** File name of the boot image in the Proxmox datastores. */
  readonly diskImageFileName: string;
  /** The factory registration. */
  readonly schematic: ImageFactorySchematic;
  /** The downloads, keyed by download key (host name or `shared-<datastore>`). */
  readonly downloads: ReadonlyMap<string, DownloadFile>;

  private readonly downloadByHost = new Map<string, DownloadFile>();

  constructor(scope: Construct, id: string, props: TalosImageProps) {
    super(scope, id);
    const { plan } = props;
    const built = buildSchematic(plan);
    const ref: FactoryImageRef = { schematicId: built.id, talosVersion: plan.talosVersion, platform: plan.platform };
    this.schematicId = built.id;
    this.schematicYaml = built.yaml;
    this.hasGuestAgent = built.hasGuestAgent;
    this.installerImage = installerImage(ref);
    this.diskImageUrl = diskImageUrl(ref);
    this.diskImageFileName = diskImageFileName(plan.name, ref);

    const factoryVersions = new DataTalosImageFactoryVersions(this, 'factory-versions', {});
    const versionsExpression = `${factoryVersions.fqn}.talos_versions`;
    // Read only when the factory serves the release (it fails on an unknown one); exact names, in any order.
    const factoryExtensions =
      plan.extensions.length === 0
        ? undefined
        : new DataTalosImageFactoryExtensionsVersions(this, 'factory-extensions', {
            count: Token.asNumber(`\${${talosVersionServed({ talosVersion: plan.talosVersion, versionsExpression })} ? 1 : 0}`),
            talosVersion: plan.talosVersion,
            exactFilters: { names: [...plan.extensions] },
          });
    const preconditions = factoryPreconditions({
      talosVersion: plan.talosVersion,
      extensions: plan.extensions,
      versionsExpression,
      extensionNamesExpression: factoryExtensions ? `flatten(${factoryExtensions.fqn}[*].extensions_info[*].name)` : '[]',
    });

    this.schematic = new ImageFactorySchematic(this, 'schematic', {
      schematic: built.yaml,
      lifecycle: {
        precondition: preconditions,
        postcondition: [
          {
            condition: `\${self.id == "${built.id}"}`,
            errorMessage: `Image Factory returned schematic ID \${self.id}, but this project computed ${built.id} for the same schematic; the boot image and installer would not match. Report it: the canonical YAML in lib/schematic.ts no longer matches the factory's.`,
          },
        ],
      },
    });

    const downloads = new Map<string, DownloadFile>();
    for (const d of planImageDownloads(plan.hosts, plan.nodes)) {
      const resource = this.download(d);
      downloads.set(d.key, resource);
      for (const host of d.hosts) this.downloadByHost.set(host, resource);
    }
    this.downloads = downloads;
  }

  /**
   * Token of the downloaded image's volume ID (`<datastore>:import/<file>`) that VMs on `host` import their disk
   * from. Throws when no node runs on `host`.
   */
  imageFileIdFor(host: string): string {
    const download = this.downloadByHost.get(host);
    if (!download) {
      throw new Error(
        `TalosImage: host = ${JSON.stringify(host)} runs no node, so no image was downloaded there. Fix: ask only for hosts of planned nodes (${[...this.downloadByHost.keys()].join(', ')})`,
      );
    }
    return download.id;
  }

  private download(d: ImageDownload): DownloadFile {
    return new DownloadFile(this, `download-${d.key}`, {
      nodeName: d.host,
      datastoreId: d.datastore,
      contentType: 'import',
      url: this.diskImageUrl,
      fileName: this.diskImageFileName,
      // The URL of a release and schematic never changes content: no size-based re-downloads, and a file of the
      // same name that Terraform does not manage is an error rather than silently replaced.
      overwrite: false,
      overwriteUnmanaged: false,
      uploadTimeout: DOWNLOAD_TIMEOUT_SECONDS,
      // The factory serves only schematics it knows: register first.
      dependsOn: [this.schematic],
      // A new Talos version or schematic is a new file name (ForceNew): download the new image before deleting
      // the old one, so a failed or slow download never leaves a host without a boot image.
      lifecycle: { createBeforeDestroy: true },
    });
  }
}
