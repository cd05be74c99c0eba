import { compareVersions, minorDistance, minorOf, parseVersion } from '../lib/semver';
import {
  kubernetesHopProblem,
  kubernetesWindowProblem,
  SUPPORTED_CONTRACTS,
  TALOS_SUPPORT,
  talosHopProblem,
  talosSupport,
} from '../lib/talos-support';

describe('semver', () => {
  test.each([
    ['v1.13.9', { major: 1, minor: 13, patch: 9, pre: '' }],
    ['1.36.3', { major: 1, minor: 36, patch: 3, pre: '' }],
    ['v1.13', { major: 1, minor: 13, patch: 0, pre: '' }],
    ['v1.14.0-rc.1', { major: 1, minor: 14, patch: 0, pre: 'rc.1' }],
  ])('defines %s as a version', (text, expected) => {
    // GIVEN a version string

    // WHEN
    const v = parseVersion(text);

    // THEN
    expect(v).toEqual(expected);
  });

  test.each(['latest', '1', 'v1.x.0', ''])('fails when %p is parsed', (text) => {
    // GIVEN a string that is no version

    // WHEN
    const v = parseVersion(text);

    // THEN
    expect(v).toBeUndefined();
  });

  test.each([
    ['v1.13.9', 'v1.13.10', -1],
    ['v1.14.0-rc.1', 'v1.14.0', -1],
    ['v1.14.0-rc.2', 'v1.14.0-rc.10', -1],
    ['v1.14.0-beta.1', 'v1.14.0-rc.1', -1],
    ['v1.13.9', '1.13.9', 0],
    ['v1.12.0', 'v1.11.6', 1],
  ])('defines %s compared with %s as %i', (a, b, sign) => {
    // GIVEN two versions

    // WHEN
    const result = compareVersions(parseVersion(a)!, parseVersion(b)!);

    // THEN
    expect(Math.sign(result)).toBe(sign);
  });

  test('defines the minor and the minor distance', () => {
    // GIVEN
    const from = parseVersion('1.34.2')!;
    const to = parseVersion('1.36.0')!;

    // WHEN
    const distance = minorDistance(from, to);

    // THEN
    expect(distance).toBe(2);
    expect(minorOf('v1.13.9')).toBe('v1.13');
    expect(minorOf('nope')).toBeUndefined();
  });
});

describe('talosSupport', () => {
  test('defines the Kubernetes window of a known Talos minor', () => {
    // GIVEN Talos 1.13 (Kubernetes 1.31 to 1.36, upgrades from 1.11)

    // WHEN
    const support = talosSupport('v1.13.9');

    // THEN
    expect(support).toEqual({ kubernetesMin: '1.31', kubernetesMax: '1.36', upgradeFrom: '1.11.0' });
  });

  test.each(['v1.9.6', 'v1.20.0', 'garbage'])('fails when the Talos version %s is unknown', (version) => {
    // GIVEN a Talos version of a minor the project does not know

    // WHEN
    const support = talosSupport(version);

    // THEN
    expect(support).toBeUndefined();
  });

  test.each([
    ['v1.13.9', '1.31.0'],
    ['v1.13.9', '1.36.3'],
    ['v1.12.11', '1.35.4'],
    ['v1.14.0-rc.1', '1.37.0'],
  ])('defines Talos %s running Kubernetes %s', (talos, k8s) => {
    // GIVEN a Kubernetes version inside the window

    // WHEN
    const problem = kubernetesWindowProblem(talos, k8s);

    // THEN
    expect(problem).toBeUndefined();
  });

  test.each([
    ['v1.13.9', '1.30.9', 'supports Kubernetes 1.31 to 1.36'],
    ['v1.13.9', '1.37.0', 'supports Kubernetes 1.31 to 1.36'],
    ['v1.12.11', '1.36.3', 'supports Kubernetes 1.30 to 1.35'],
    ['v1.14.0-rc.1', '1.32.0', 'supports Kubernetes 1.33 to 1.37'],
  ])('fails when Talos %s runs Kubernetes %s', (talos, k8s, message) => {
    // GIVEN a Kubernetes version outside the window

    // WHEN
    const problem = kubernetesWindowProblem(talos, k8s);

    // THEN
    expect(problem).toContain(message);
  });
});

describe('talosHopProblem', () => {
  test.each([
    ['v1.9.6', 'v1.11.6'],
    ['v1.12.11', 'v1.13.9'],
    ['v1.13.8', 'v1.13.9'],
    ['v1.13.9', 'v1.13.9'],
    ['v1.13.9', 'v1.14.0-rc.1'],
  ])('defines the upgrade from %s to %s as allowed', (from, to) => {
    // GIVEN a hop the Talos installer accepts

    // WHEN
    const problem = talosHopProblem(from, to);

    // THEN
    expect(problem).toBeUndefined();
  });

  test.each([
    ['v1.9.6', 'v1.12.11', 'upgrades only from 1.10.0 or newer', 'Upgrade to the latest v1.11 patch first'],
    ['v1.10.9', 'v1.13.9', 'upgrades only from 1.11.0 or newer', 'Upgrade to the latest v1.12 patch first'],
    ['v1.13.9', 'v1.12.11', 'older than the running v1.13.9', 'talosctl rollback'],
    ['v1.13.9', 'v1.13.8', 'older than the running', 'rollback'],
    ['v1.13.9', 'v1.20.0', 'not a release this project knows', ''],
    ['v1.13.9', 'latest', 'cannot compare', ''],
  ])('fails when a node on %s is upgraded to %s', (from, to, message, hint) => {
    // GIVEN a hop the installer refuses (or this project does not roll)

    // WHEN
    const problem = talosHopProblem(from, to);

    // THEN
    expect(problem).toContain(message);
    expect(problem).toContain(hint);
  });
});

describe('kubernetesHopProblem', () => {
  test.each([
    ['1.35.4', '1.36.3'],
    ['1.36.1', '1.36.3'],
    ['1.36.3', '1.36.3'],
  ])('defines the upgrade from %s to %s as allowed', (from, to) => {
    // GIVEN one minor or less

    // WHEN
    const problem = kubernetesHopProblem(from, to);

    // THEN
    expect(problem).toBeUndefined();
  });

  test.each([
    ['1.34.2', '1.36.3', 'skips 1 minor(s); upgrade to 1.35.x first'],
    ['1.33.0', '1.36.0', 'skips 2 minor(s)'],
    ['1.36.3', '1.36.1', 'downgrades are not supported'],
    ['1.36.3', '1.35.9', 'downgrades are not supported'],
    ['1.36.3', 'next', 'cannot compare'],
  ])('fails when Kubernetes %s is upgraded to %s', (from, to, message) => {
    // GIVEN a hop of two minors or more, or backwards

    // WHEN
    const problem = kubernetesHopProblem(from, to);

    // THEN
    expect(problem).toContain(message);
  });
});

describe('support facts of every known Talos minor', () => {
  test.each([
    ['v1.10.0', 'Talos v1.10.0 supports Kubernetes 1.28 to 1.33'],
    ['v1.11.0', 'Talos v1.11.0 supports Kubernetes 1.29 to 1.34'],
    ['v1.12.0', 'Talos v1.12.0 supports Kubernetes 1.30 to 1.35'],
    ['v1.13.0', 'Talos v1.13.0 supports Kubernetes 1.31 to 1.36'],
    ['v1.14.0', 'Talos v1.14.0 supports Kubernetes 1.33 to 1.37'],
  ])('fails when Talos %s runs a Kubernetes older than its window', (talos, message) => {
    // GIVEN Kubernetes 1.20, below every window

    // WHEN
    const problem = kubernetesWindowProblem(talos, '1.20.0');

    // THEN
    expect(problem).toBe(message);
  });

  test.each([
    ['v1.7.0', 'v1.10.0', 'Talos v1.10.0 upgrades only from 1.8.0 or newer, the node runs v1.7.0.'],
    ['v1.8.0', 'v1.11.0', 'Talos v1.11.0 upgrades only from 1.9.0 or newer, the node runs v1.8.0. Upgrade to the latest v1.10 patch first.'],
    ['v1.9.0', 'v1.12.0', 'Talos v1.12.0 upgrades only from 1.10.0 or newer, the node runs v1.9.0. Upgrade to the latest v1.11 patch first.'],
    ['v1.10.0', 'v1.13.0', 'Talos v1.13.0 upgrades only from 1.11.0 or newer, the node runs v1.10.0. Upgrade to the latest v1.12 patch first.'],
    ['v1.11.0', 'v1.14.0', 'Talos v1.14.0 upgrades only from 1.12.0 or newer, the node runs v1.11.0. Upgrade to the latest v1.13 patch first.'],
  ])('fails when a node on %s is upgraded to %s, naming the newest minor it reaches at its exact floor', (from, to, message) => {
    // GIVEN a node on the exact upgrade floor of the hop to take first (none below v1.10's floor)

    // WHEN
    const problem = talosHopProblem(from, to);

    // THEN
    expect(problem).toBe(message);
  });

  test('defines the known minors oldest first, each upgrading from a floor no lower than the one before', () => {
    // GIVEN the support table (the first hop of a long upgrade is the last minor whose floor the node meets)
    const keys = Object.keys(TALOS_SUPPORT);
    const floor = (key: string) => parseVersion(TALOS_SUPPORT[key].upgradeFrom)!;

    // WHEN the minors that are not newer than the one before, or whose floor is lower
    const outOfOrder = keys
      .slice(1)
      .filter((key, i) => compareVersions(parseVersion(key)!, parseVersion(keys[i])!) <= 0 || compareVersions(floor(key), floor(keys[i])) < 0);

    // THEN
    expect(outOfOrder).toEqual([]);
  });

  test('fails when a node is two hops away, naming the newest minor it reaches, not the newest below the target', () => {
    // GIVEN a node on 1.9.6: 1.11 takes it (from 1.9.0), 1.12 does not (from 1.10.0)

    // WHEN
    const problem = talosHopProblem('v1.9.6', 'v1.13.9');

    // THEN
    expect(problem).toBe('Talos v1.13.9 upgrades only from 1.11.0 or newer, the node runs v1.9.6. Upgrade to the latest v1.11 patch first.');
  });

  test('defines the upgrade from exactly the floor of the target minor as allowed', () => {
    // GIVEN Talos 1.13 upgrades from 1.11.0 on

    // WHEN
    const problem = talosHopProblem('v1.11.0', 'v1.13.9');

    // THEN
    expect(problem).toBeUndefined();
  });

  test.each([
    ['garbage', 'v1.13.9', 'cannot compare Talos versions garbage and v1.13.9'],
    ['v1.13.9', 'v1.13.8', 'v1.13.8 is older than the running v1.13.9; use talosctl rollback instead'],
    ['v1.13.9', 'v1.20.0', 'Talos v1.20.0 is not a release this project knows'],
  ])('fails when a node on %s is upgraded to %s, with the whole message', (from, to, message) => {
    // GIVEN a hop that is unreadable, backwards or to an unknown minor

    // WHEN
    const problem = talosHopProblem(from, to);

    // THEN
    expect(problem).toBe(message);
  });

  test.each([
    ['v1.20.0', '1.36.3'],
    ['v1.13.9', 'next'],
  ])('defines no window problem for Talos %s with Kubernetes %s, which it cannot judge', (talos, k8s) => {
    // GIVEN an unknown Talos minor or an unreadable Kubernetes version

    // WHEN
    const problem = kubernetesWindowProblem(talos, k8s);

    // THEN
    expect(problem).toBeUndefined();
  });

  test.each([
    ['next', '1.36.3', 'cannot compare Kubernetes versions next and 1.36.3'],
    ['1.33.0', '1.36.0', 'Kubernetes upgrades go one minor at a time: 1.33.0 → 1.36.0 skips 2 minor(s); upgrade to 1.34.x first'],
    ['1.36.3', '1.36.1', 'Kubernetes 1.36.1 is older than the running 1.36.3; downgrades are not supported'],
  ])('fails when Kubernetes %s is upgraded to %s, with the whole message', (from, to, message) => {
    // GIVEN an unreadable, too long or backwards hop

    // WHEN
    const problem = kubernetesHopProblem(from, to);

    // THEN
    expect(problem).toBe(message);
  });

  test('defines the config contracts the document builder speaks', () => {
    // GIVEN / WHEN
    const contracts = SUPPORTED_CONTRACTS;

    // THEN
    expect(contracts).toEqual(['v1.12', 'v1.13']);
  });
});
