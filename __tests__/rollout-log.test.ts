/** The runner's progress lines (rollout/log.ts) that Terraform streams during `cdktf deploy` (README "Upgrades", step 5). */
import { formatElapsed, progress } from '../rollout/log';

describe('rollout progress lines', () => {
  test('defines elapsed time as seconds, then minutes and two-digit seconds', () => {
    // GIVEN / WHEN / THEN
    expect([0, 35_000, 59_400, 65_000, 192_000, 3_600_000].map(formatElapsed)).toEqual(['0s', '35s', '59s', '1m05s', '3m12s', '60m00s']);
  });

  test('defines one `[rollout +<elapsed>] <phase> <subject>: <text>` line per call, as the README shows', () => {
    // GIVEN stdout captured
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    // WHEN
    try {
      progress('os-upgrade', 'homelab-cp-2', 'upgrading to v1.13.10');
    } finally {
      spy.mockRestore();
    }
    // THEN
    expect(written).toEqual([expect.stringMatching(/^\[rollout \+(\d+s|\d+m\d\ds)\] os-upgrade homelab-cp-2: upgrading to v1\.13\.10\n$/)]);
  });
});
