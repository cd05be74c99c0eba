/**
 * The Talos and Proxmox provider versions pinned in lib/versions.ts against the versions the committed bindings
 * were generated for (.gen/PROVENANCE.json, written by `npm run bindings`). The bindings decide what synth writes
 * into `required_providers`, so a bumped constant without regenerated bindings would change nothing: synth refuses.
 */
import provenance from '../.gen/PROVENANCE.json';
import { errorAt, Problem } from './problems';
import { PROXMOX_PROVIDER_VERSION, TALOS_PROVIDER_VERSION } from './versions';

/** One provider as PROVENANCE.json records it. */
export interface ProviderProvenance {
  /** Registry source, e.g. `siderolabs/talos`. */
  readonly source: string;
  /** The exact version the bindings were generated for. */
  readonly constraint?: string;
  /** Same, in a newer record format. */
  readonly version?: string;
}

/** A version constant of lib/versions.ts and the provider it pins. */
export interface PinnedProvider {
  readonly constant: string;
  readonly source: string;
  readonly version: string;
}

/** The provider constants whose bindings are generated into .gen/providers. */
export const PINNED_PROVIDERS: readonly PinnedProvider[] = [
  { constant: 'TALOS_PROVIDER_VERSION', source: 'siderolabs/talos', version: TALOS_PROVIDER_VERSION },
  { constant: 'PROXMOX_PROVIDER_VERSION', source: 'bpg/proxmox', version: PROXMOX_PROVIDER_VERSION },
];

/** A problem per pinned provider whose constant disagrees with (or is missing from) the bindings' provenance. */
export function providerProvenanceProblems(
  recorded: readonly ProviderProvenance[] = (provenance as { providers?: ProviderProvenance[] }).providers ?? [],
  pinned: readonly PinnedProvider[] = PINNED_PROVIDERS,
): Problem[] {
  return pinned.flatMap(({ constant, source, version }) => {
    const entry = recorded.find((p) => p.source === source);
    const generated = entry?.version ?? entry?.constraint;
    if (generated === version) return [];
    const what = generated
      ? `the bindings in .gen/providers were generated for ${source} ${generated}`
      : `.gen/PROVENANCE.json records no bindings for ${source}`;
    return [
      errorAt(
        `lib/versions.ts ${constant}`,
        version,
        `${what}, so the synthesized stack would not use ${version}`,
        `run \`npm run bindings\` for ${source} ${version} (it rewrites .gen/PROVENANCE.json), or set ${constant} back to ${generated ?? 'the generated version'}`,
      ),
    ];
  });
}
