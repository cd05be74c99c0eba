/**
 * Rules for where nodes run: at least one Proxmox host is declared, every host a node or pool names is declared,
 * and control planes are spread over hosts when there are several.
 */
import { error, Problem, warning } from '../problems';
import { PoolPath, ValidationContext } from './context';

function declaredText(ctx: ValidationContext): string {
  return ctx.hostNames.length > 0 ? `one of ${ctx.hostNames.join(', ')}` : 'a host declared in proxmoxHosts';
}

function someHostDeclared(ctx: ValidationContext): Problem[] {
  if (ctx.hostNames.length > 0) return [];
  return [
    error(
      'proxmoxHosts',
      ctx.def.proxmoxHosts ?? [],
      'declares no Proxmox host, so no node can be placed',
      "declare the Proxmox nodes that may run VMs, e.g. [{ name: 'pve1' }]",
    ),
  ];
}

function nodeHosts(ctx: ValidationContext): Problem[] {
  return ctx.nodes.flatMap(({ planned, defined }) =>
    defined?.host !== undefined && !ctx.hostNames.includes(defined.host)
      ? [error(`${planned.path}.host`, defined.host, 'is not a declared Proxmox host', `use ${declaredText(ctx)}, or add it to proxmoxHosts`)]
      : [],
  );
}

function poolHosts(ctx: ValidationContext, poolPath: PoolPath): Problem[] {
  const listed = (poolPath === 'controlPlanes' ? ctx.def.controlPlanes : ctx.def.workers)?.hosts;
  if (!listed) return [];
  const undeclared = listed.flatMap((host, i) =>
    ctx.hostNames.includes(host)
      ? []
      : [error(`${poolPath}.hosts[${i}]`, host, 'is not a declared Proxmox host', `use ${declaredText(ctx)}, or add it to proxmoxHosts`)],
  );
  if (listed.length === 0 && ctx.hostNames.length > 0) {
    return [
      error(
        `${poolPath}.hosts`,
        listed,
        'lists no host, so its nodes cannot be placed',
        `list ${declaredText(ctx)}, or remove hosts to use them all`,
      ),
    ];
  }
  return undeclared;
}

function sharedImageDatastores(ctx: ValidationContext): Problem[] {
  const hosts = ctx.def.proxmoxHosts ?? [];
  return hosts.flatMap((h, i) => {
    const store = h.imageDatastore ?? 'local';
    const shared = h.imageDatastoreShared ?? false;
    const other = hosts.find((o) => (o.imageDatastore ?? 'local') === store && (o.imageDatastoreShared ?? false) !== shared);
    if (!other || shared) return [];
    return [
      error(
        `proxmoxHosts[${i}].imageDatastoreShared`,
        shared,
        `datastore ${store} is marked shared on ${other.name} but not on ${h.name}`,
        'a Proxmox storage ID names one storage cluster-wide: set imageDatastoreShared the same on every host that uses it',
      ),
    ];
  });
}

function controlPlanesSpread(ctx: ValidationContext): Problem[] {
  const used = new Set(ctx.plan.controlPlanes.map((n) => n.host));
  if (ctx.plan.controlPlanes.length < 2 || ctx.hostNames.length < 2 || used.size !== 1) return [];
  const [host] = [...used];
  if (host === '') return [];
  const path = ctx.def.controlPlanes?.hosts ? 'controlPlanes.hosts' : 'controlPlanes.nodes';
  return [
    warning(
      path,
      host,
      `puts every control plane on ${host} although ${ctx.hostNames.length} hosts are declared: losing ${host} stops the cluster`,
      'spread the control planes: remove their explicit host (placement spreads them) or list more hosts in controlPlanes.hosts',
    ),
  ];
}

/** Every problem of node placement on Proxmox hosts. */
export function hostProblems(ctx: ValidationContext): Problem[] {
  return [
    ...someHostDeclared(ctx),
    ...poolHosts(ctx, 'controlPlanes'),
    ...poolHosts(ctx, 'workers'),
    ...nodeHosts(ctx),
    ...sharedImageDatastores(ctx),
    ...controlPlanesSpread(ctx),
  ];
}
