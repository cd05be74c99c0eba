/**
 * Checks across cluster definitions of one repository: Proxmox VM IDs are unique in a Proxmox cluster, and two
 * clusters must not claim the same address (node, VIP) or name.
 */
import { ClusterPlan } from './cluster-plan';
import { ProblemPath } from './definition-path';
import { error, Problem } from './problems';

/** A problem found in one cluster because of another. */
export interface CrossClusterProblem {
  readonly cluster: string;
  readonly problem: Problem;
}

/** Every clash between the plans, reported on the later cluster. */
export function crossClusterProblems(plans: readonly ClusterPlan[]): CrossClusterProblem[] {
  const out: CrossClusterProblem[] = [];
  const names = new Map<string, string>();
  const vmIds = new Map<number, string>();
  const addresses = new Map<string, string>();
  for (const plan of plans) {
    const clash = (path: ProblemPath, value: unknown, message: string, fix: string) =>
      out.push({ cluster: plan.name, problem: error(path, value, message, fix) });
    const firstWithName = names.get(plan.name);
    if (firstWithName !== undefined)
      clash('name', plan.name, 'is also the name of another cluster definition', 'give each cluster its own name (it is the stack and state name)');
    names.set(plan.name, plan.name);
    for (const node of plan.nodes) {
      const owner = vmIds.get(node.vmId);
      if (owner !== undefined && owner !== plan.name) {
        clash(
          `${node.path}.vmId`,
          node.vmId,
          `is also a VM ID of cluster ${owner} (VM IDs are unique in a Proxmox cluster)`,
          'give the clusters disjoint vmIdBase ranges',
        );
      }
    }
    for (const node of plan.nodes) vmIds.set(node.vmId, vmIds.get(node.vmId) ?? plan.name);
    const claimed: [ProblemPath, string][] = [...plan.nodes.map((n): [ProblemPath, string] => [`${n.path}.ip`, n.ip]), ['endpoint.vip', plan.vip]];
    for (const [path, ip] of claimed) {
      if (!ip) continue;
      const owner = addresses.get(ip);
      if (owner !== undefined && owner !== plan.name)
        clash(path, ip, `is also an address of cluster ${owner}`, 'give each cluster its own addresses');
    }
    for (const [, ip] of claimed) if (ip && !addresses.has(ip)) addresses.set(ip, plan.name);
  }
  return out;
}
