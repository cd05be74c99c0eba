/**
 * Benchmark entry: synthesizes one cluster of BENCH_NODES nodes (3 control planes, the rest workers, spread over
 * 3 Proxmox hosts) into BENCH_OUTDIR and prints one JSON line with the in-process synth time and peak RSS.
 * Run through bench/synth-bench.mjs, which also measures the whole process.
 */
import { ClusterDefinition } from '../lib/cluster-definition';
import { synthesizeClusters } from '../stacks/cluster-app';

const nodes = Number(process.env.BENCH_NODES ?? '5');
const workers = Math.max(0, nodes - 3);
const definition: ClusterDefinition = {
  name: `bench-${nodes}`,
  endpoint: { vip: '10.20.0.10' },
  network: { cidr: '10.20.0.0/22', gateway: '10.20.0.1' },
  podCidr: '10.244.0.0/16',
  serviceCidr: '10.96.0.0/12',
  proxmoxHosts: [{ name: 'pve1' }, { name: 'pve2' }, { name: 'pve3' }],
  controlPlanes: { count: Math.min(3, nodes), firstIp: '10.20.0.11' },
  workers: workers > 0 ? { count: workers, firstIp: '10.20.1.1' } : undefined,
  addons: { cilium: { loadBalancerRange: '10.20.3.200-10.20.3.250' } },
};
const started = process.hrtime.bigint();
const result = synthesizeClusters([definition], process.env.BENCH_OUTDIR);
const synthMs = Number(process.hrtime.bigint() - started) / 1e6;
if (!result.ok) {
  console.error(result.messages.join('\n'));
  process.exit(1);
}
console.log(JSON.stringify({ nodes, synthMs, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
