/** Every cluster this repository deploys; `main.ts` synthesizes one stack per entry. */
import { ClusterDefinition } from '../lib/cluster-definition';
import { homelab } from './homelab';

/** The clusters, in the order their stacks are synthesized. */
export const clusters: readonly ClusterDefinition[] = [homelab];
