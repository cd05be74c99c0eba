/**
 * Which Kubernetes minors each bundled add-on release supports, checked at synth like the Talos window
 * (lib/talos-support.ts). Only add-ons whose supported range is published per release are listed.
 * Source: cert-manager "Supported Releases" (cert-manager.io/docs/releases): 1.21 supports Kubernetes 1.33 to 1.36.
 */
import { CERT_MANAGER_CHART_VERSION } from './versions';
import { ProblemPath } from './definition-path';

/** The Kubernetes minors one add-on minor supports. */
export interface AddonKubernetesWindow {
  /** Oldest supported Kubernetes minor, e.g. `1.33`. */
  readonly kubernetesMin: string;
  /** Newest supported Kubernetes minor, e.g. `1.36`. */
  readonly kubernetesMax: string;
}

/** An add-on with a published Kubernetes support range per release. */
export interface AddonSupport {
  /** Name in messages. */
  readonly name: string;
  /** Definition path of its switch. */
  readonly path: ProblemPath;
  /** The constant in lib/versions.ts that pins it. */
  readonly constant: string;
  /** The pinned chart version. */
  readonly version: string;
  /** Windows keyed by add-on minor (`v1.21`). */
  readonly windows: Readonly<Record<string, AddonKubernetesWindow>>;
}

/** cert-manager's supported Kubernetes minors per cert-manager minor. */
export const CERT_MANAGER_SUPPORT: AddonSupport = {
  name: 'cert-manager',
  path: 'addons.certManager',
  constant: 'CERT_MANAGER_CHART_VERSION',
  version: CERT_MANAGER_CHART_VERSION,
  windows: {
    'v1.21': { kubernetesMin: '1.33', kubernetesMax: '1.36' },
  },
};
