import { homelab } from '../clusters/homelab';
import { ClusterDefinition } from '../lib/cluster-definition';
import { planCluster } from '../lib/cluster-plan';
import { Problem } from '../lib/problems';
import { validateCluster } from '../lib/validation';

/** Validates a definition the way the app does. */
function problemsOf(def: ClusterDefinition): Problem[] {
  return validateCluster(def, planCluster(def));
}

const withExtensions = (extensions: string[]): ClusterDefinition => ({ ...homelab, talos: { ...homelab.talos, extensions } });
const NOT_OFFICIAL = 'is not an official Image Factory extension of Talos v1.13 (lib/facts, as of 2026-08-21)';
const LIST = '(list: https://factory.talos.dev/version/v1.13.9/extensions/official)';

/** The error for `talos.extensions[index]` = `value`, not an official extension, with `fix`. */
function notOfficial(index: number, value: string, fix: string): Problem {
  return { severity: 'error', path: `talos.extensions[${index}]`, value, message: NOT_OFFICIAL, fix };
}

describe('system extension names', () => {
  test('defines no extension problem for names that are not <owner>/<name> (the schematic rules report those)', () => {
    // GIVEN a registry-qualified name and a name with two slashes
    const def = withExtensions(['siderolabs/qemu-guest-agent', 'ghcr.io/siderolabs/foo', 'siderolabs/foo/bar']);
    // WHEN
    const problems = problemsOf(def);
    // THEN
    expect(problems).toEqual([]);
  });

  test('fails when an extension is misspelled by up to three letters, suggesting the official name', () => {
    // GIVEN a dropped letter and three extra letters
    const def = withExtensions(['siderolabs/qemu-guest-agnt', 'siderolabs/zfsxyz']);
    // WHEN
    const problems = problemsOf(def);
    // THEN
    expect(problems).toEqual([
      notOfficial(0, 'siderolabs/qemu-guest-agnt', 'did you mean "siderolabs/qemu-guest-agent"?'),
      notOfficial(1, 'siderolabs/zfsxyz', 'did you mean "siderolabs/zfs"?'),
    ]);
  });

  test('fails when an extension is not close to any official name, listing those sharing its words, earlier words first', () => {
    // GIVEN `zfs-tools` (the three-letter word `zfs` weighs most) and another owner's `iscsi`
    const def = withExtensions(['siderolabs/zfs-tools', 'acme/iscsi']);
    // WHEN
    const problems = problemsOf(def);
    // THEN
    expect(problems).toEqual([
      notOfficial(
        0,
        'siderolabs/zfs-tools',
        `use an official name such as "siderolabs/zfs", "siderolabs/iscsi-tools", "siderolabs/multipath-tools" ${LIST}`,
      ),
      notOfficial(
        1,
        'acme/iscsi',
        `use an official name such as "siderolabs/iscsi-tools", "siderolabs/trident-iscsi-tools", "siderolabs/ctr" ${LIST}`,
      ),
    ]);
  });

  test('fails when an extension is not close to any official name, ignoring its words of fewer than three letters', () => {
    // GIVEN `nv-drivers`, whose `nv` would rank the nvidia and nvme extensions first
    const def = withExtensions(['siderolabs/nv-drivers']);
    // WHEN
    const problems = problemsOf(def);
    // THEN only `drivers` ranks the suggestions
    expect(problems).toEqual([
      notOfficial(
        0,
        'siderolabs/nv-drivers',
        `use an official name such as "siderolabs/v4l-uvc-drivers", "siderolabs/chelsio-drivers", "siderolabs/usb-audio-drivers" ${LIST}`,
      ),
    ]);
  });
});
