/**
 * The contract between the runner (rollout/cli.ts) and its phases (this folder): what every phase gets, built
 * once per run from the ROLLOUT_* configuration.
 */
import { RolloutCni } from '../../lib/rollout/env';
import { RolloutNode } from '../config';
import { KubeApi } from '../kube-api';
import { Talosctl } from '../talosctl';

/** What the phases share: the configuration, the talosctl wrapper and the phase name for progress lines. */
export interface PhaseContext {
  readonly phase: string;
  readonly talosctl: Talosctl;
  readonly nodes: readonly RolloutNode[];
  readonly pollMs: number;
  /** `talosctl version --client` tag, read once per run (fails fast when talosctl is missing). */
  readonly clientVersion: string;
  /** kubectl through a kubeconfig fetched via the Talos API (fetched on first use). */
  readonly kube: KubeApi;
  /** The CNI whose agents the health gate waits for. */
  readonly cni: RolloutCni;
}
