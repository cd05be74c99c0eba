/**
 * The environment variables between the rollout steps Terraform runs (constructs/) and the runner (rollout/):
 * the constructs set them on each step's local-exec, the runner reads them. Never secrets.
 */

/** Names of the runner's environment variables. */
export const ROLLOUT_ENV = {
  cluster: 'ROLLOUT_CLUSTER',
  nodes: 'ROLLOUT_NODES',
  talosVersion: 'ROLLOUT_TALOS_VERSION',
  schematicId: 'ROLLOUT_SCHEMATIC_ID',
  installerImage: 'ROLLOUT_INSTALLER_IMAGE',
  kubernetesVersion: 'ROLLOUT_KUBERNETES_VERSION',
  nodeTimeoutSeconds: 'ROLLOUT_NODE_TIMEOUT_SECONDS',
  pollSeconds: 'ROLLOUT_POLL_SECONDS',
  talosconfig: 'ROLLOUT_TALOSCONFIG',
  talosctl: 'ROLLOUT_TALOSCTL',
  kubeconfig: 'ROLLOUT_KUBECONFIG',
  kubectl: 'ROLLOUT_KUBECTL',
  cni: 'ROLLOUT_CNI',
} as const;

/** The CNI whose agents the health gate waits for: `cilium` (inline manifest, Talos CNI `none`) or `flannel` (Talos's own). */
export type RolloutCni = 'cilium' | 'flannel';
