/**
 * The README's validation example is what synth prints: the same definition mistakes give the same lines.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { homelab } from '../clusters/homelab';
import { ClusterDefinition } from '../lib/cluster-definition';
import { synthesizeClusters } from '../stacks/cluster-app';

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

describe('README "A cluster definition"', () => {
  test('defines the printed problems of a misspelled field and a VIP outside the network exactly as synth prints them', () => {
    // GIVEN the example with `memoryGib` on the workers and a VIP in another subnet
    const broken = {
      ...homelab,
      endpoint: { ...homelab.endpoint, vip: '192.168.20.10' },
      workers: { ...homelab.workers, memoryGib: 16 },
    } as unknown as ClusterDefinition;
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-example-'));
    // WHEN
    const result = synthesizeClusters([broken], outdir);
    // THEN
    const shown = [...readme.matchAll(/^(error homelab: .*)$/gm)].map((m) => m[1]);
    expect(shown).toHaveLength(2);
    expect(result.ok).toBe(false);
    expect(result.messages).toEqual(shown);
    expect(fs.readdirSync(outdir)).toEqual([]);
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});
