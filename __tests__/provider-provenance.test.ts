/**
 * The provider version constants of lib/versions.ts do what their comment says: synth refuses while they and the
 * bindings' provenance (.gen/PROVENANCE.json) disagree, naming `npm run bindings`.
 */
import { providerProvenanceProblems } from '../lib/provider-provenance';

const RECORDED = [
  { source: 'siderolabs/talos', constraint: '0.11.0' },
  { source: 'bpg/proxmox', constraint: '0.111.1' },
];

describe('provider versions against the bindings', () => {
  test('defines no problem for the committed constants and bindings', () => {
    // GIVEN / WHEN / THEN
    expect(providerProvenanceProblems()).toEqual([]);
  });

  test('fails when a constant was bumped without regenerating the bindings', () => {
    // GIVEN TALOS_PROVIDER_VERSION bumped to 0.12.0 while the bindings are 0.11.0
    const pinned = [{ constant: 'TALOS_PROVIDER_VERSION', source: 'siderolabs/talos', version: '0.12.0' }];
    // WHEN
    const problems = providerProvenanceProblems(RECORDED, pinned);
    // THEN
    expect(problems).toEqual([
      {
        severity: 'error',
        path: 'lib/versions.ts TALOS_PROVIDER_VERSION',
        value: '0.12.0',
        message: 'the bindings in .gen/providers were generated for siderolabs/talos 0.11.0, so the synthesized stack would not use 0.12.0',
        fix: 'run `npm run bindings` for siderolabs/talos 0.12.0 (it rewrites .gen/PROVENANCE.json), or set TALOS_PROVIDER_VERSION back to 0.11.0',
      },
    ]);
  });

  test('fails when the provenance records no bindings for a pinned provider', () => {
    // GIVEN / WHEN
    const problems = providerProvenanceProblems([], [{ constant: 'PROXMOX_PROVIDER_VERSION', source: 'bpg/proxmox', version: '0.111.1' }]);
    // THEN
    expect(problems).toEqual([
      expect.objectContaining({ message: expect.stringContaining('.gen/PROVENANCE.json records no bindings for bpg/proxmox') }),
    ]);
  });
});
