/**
 * Paths shared by the stack and the rollout runner. Terraform runs in `cdktf.out/stacks/<cluster>/`, so files
 * the stack writes are addressed relative to that folder; the runner runs from the project root.
 */

/** From a stack's working folder back to the project root. */
export const PROJECT_ROOT_FROM_STACK = '../../..';

/** Git-ignored folder (relative to the project root) holding one cluster's kubeconfig and talosconfig (0600). */
export function accessDir(cluster: string): string {
  return `access/${cluster}`;
}

/** talosconfig path relative to the project root. */
export function talosconfigPath(cluster: string): string {
  return `${accessDir(cluster)}/talosconfig`;
}

/** kubeconfig path relative to the project root. */
export function kubeconfigPath(cluster: string): string {
  return `${accessDir(cluster)}/kubeconfig`;
}

/** A project-root-relative path as seen from the stack's working folder. */
export function fromStackDir(projectPath: string): string {
  return `${PROJECT_ROOT_FROM_STACK}/${projectPath}`;
}
