/**
 * Places nodes on Proxmox hosts. Explicit hosts are kept. The rest are spread: control planes go to the
 * host with the fewest control planes, so they land on distinct hosts while hosts remain; workers go to the host
 * with the fewest nodes. Ties break by declared host order. Control-plane placement looks at control planes only,
 * so adding or removing a worker never moves a control plane (a moved node is a VM migration).
 */

/** What placement needs to know about one node. */
export interface PlacementRequest {
  readonly name: string;
  readonly role: 'controlplane' | 'worker';
  /** Explicit host, kept as is (even when undeclared: validation reports that). */
  readonly host?: string;
  /** Hosts this node's pool may use. */
  readonly allowedHosts?: readonly string[];
}

/** Returns node name → host; nodes with no usable host are absent. */
export function placeNodes(hosts: readonly string[], nodes: readonly PlacementRequest[]): Map<string, string> {
  const placed = new Map<string, string>();
  const cpCount = new Map<string, number>(hosts.map((h) => [h, 0]));
  const nodeCount = new Map<string, number>(hosts.map((h) => [h, 0]));
  const take = (node: PlacementRequest, host: string) => {
    placed.set(node.name, host);
    if (node.role === 'controlplane') cpCount.set(host, (cpCount.get(host) ?? 0) + 1);
    nodeCount.set(host, (nodeCount.get(host) ?? 0) + 1);
  };
  for (const node of nodes) if (node.host) take(node, node.host);
  const ordered = [...nodes.filter((n) => n.role === 'controlplane'), ...nodes.filter((n) => n.role === 'worker')];
  for (const node of ordered) {
    if (node.host) continue;
    const candidates = hosts.filter((h) => !node.allowedHosts || node.allowedHosts.includes(h));
    if (candidates.length === 0) continue;
    const score = (h: string) => (node.role === 'controlplane' ? [cpCount.get(h)!, 0] : [nodeCount.get(h)!, cpCount.get(h)!]);
    const best = candidates.reduce((a, b) => {
      const [a1, a2] = score(a);
      const [b1, b2] = score(b);
      return b1 < a1 || (b1 === a1 && b2 < a2) ? b : a;
    });
    take(node, best);
  }
  return placed;
}
