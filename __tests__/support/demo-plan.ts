/** A small planned cluster for construct tests: `demo`, 3 control planes, `workers` workers on one host. */
import { ClusterDefinition } from '../../lib/cluster-definition';
import { ValidatedPlan } from '../../lib/check-cluster';
import { validPlan } from './valid-plan';

/** The demo plan with `workers` workers; `over` replaces top-level definition fields. */
export function demoPlan(workers: number, over: Partial<ClusterDefinition> = {}): ValidatedPlan {
  return validPlan({
    name: 'demo',
    endpoint: { vip: '10.0.0.10' },
    network: { cidr: '10.0.0.0/24', gateway: '10.0.0.1' },
    proxmoxHosts: [{ name: 'pve1' }],
    controlPlanes: { count: 3, firstIp: '10.0.0.11' },
    workers: { count: workers, firstIp: '10.0.0.21' },
    talos: { version: 'v1.13.9' },
    kubernetesVersion: '1.36.3',
    ...over,
  });
}
