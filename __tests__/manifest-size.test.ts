import { formatBytes, manifestSizeLimits } from '../lib/manifest-size';

describe('manifestSizeLimits', () => {
  test('defines 3.75 MiB in total for Talos 1.12 (maintenance API, gRPC default 4 MiB)', () => {
    // GIVEN / WHEN
    const limits = manifestSizeLimits('v1.12.11');
    // THEN
    expect(limits.totalBytes).toBe(4 * 1024 * 1024 - 256 * 1024);
    expect(limits.totalReason).toContain('maintenance API');
    expect(limits.objectBytes).toBe(1.5 * 1024 * 1024);
  });

  test('defines 31 MiB in total from Talos 1.13 (unified API, 32 MiB)', () => {
    // GIVEN / WHEN
    const limits = manifestSizeLimits('v1.13.9');
    // THEN
    expect(limits.totalBytes).toBe(31 * 1024 * 1024);
    expect(manifestSizeLimits('v1.14.0-rc.1').totalBytes).toBe(limits.totalBytes);
  });

  test('fails when the Talos version is malformed', () => {
    // GIVEN / WHEN / THEN
    expect(() => manifestSizeLimits('latest')).toThrow(/not a version/);
  });

  test('defines readable sizes', () => {
    // GIVEN / WHEN / THEN
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MiB');
    expect(formatBytes(3.75 * 1024 * 1024)).toBe('3.75 MiB');
    expect(formatBytes(512 * 1024)).toBe('512 KiB');
    expect(formatBytes(12)).toBe('12 B');
  });
});
