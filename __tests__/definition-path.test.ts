/**
 * Problem paths are typed (lib/definition-path.ts): a rule can only name a field the definition has. The checks
 * here are the type-checker's (`tsc --noEmit`, part of `npm test`): each `@ts-expect-error` line must fail to
 * compile, and the accepted paths must compile.
 */
import { ProblemPath } from '../lib/definition-path';
import { error, errorAt } from '../lib/problems';

describe('definition paths', () => {
  test('defines every kind of field a problem may name as a valid path', () => {
    // GIVEN fields at every level of the definition, list items and generated pool nodes
    const paths: ProblemPath[] = [
      '(definition)',
      'network.cidr',
      'endpoint.vip',
      'proxmoxHosts[2].bridge',
      'controlPlanes.nodes[1].ip',
      'workers.extraDisks[0].sizeGiB',
      'workers[homelab-worker-2].vmId',
      'addons.argocd.bootstrapRepoUrl',
      'state.bucket',
    ];
    // WHEN each becomes a problem / THEN the path is kept as written
    expect(paths.map((p) => error(p, 1, 'm', 'f').path)).toEqual(paths);
  });

  test('fails to compile a path naming a field the definition lacks', () => {
    const wrong = [
      // @ts-expect-error a misspelled field
      error('network.cidrr', '10.0.0.0/24', 'm', 'f'),
      // @ts-expect-error a field of another object
      error('endpoint.gateway', '10.0.0.1', 'm', 'f'),
      // @ts-expect-error a list item without its index
      error('controlPlanes.nodes.ip', '10.0.0.1', 'm', 'f'),
      // @ts-expect-error a pool node's field that nodes do not have
      error('workers[w-1].vip', '10.0.0.1', 'm', 'f'),
    ];
    // Problems outside the definition name their location freely.
    expect([...wrong, errorAt('helm-values/cilium.yaml: hubble.enabled', true, 'm', 'f')]).toHaveLength(5);
  });
});
