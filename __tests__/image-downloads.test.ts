import { PlannedHost } from '../lib/cluster-plan';
import { planImageDownloads } from '../lib/image-downloads';

function host(name: string, extra: Partial<PlannedHost> = {}): PlannedHost {
  return { name, vmDatastore: 'local-lvm', imageDatastore: 'local', imageDatastoreShared: false, bridge: 'vmbr0', ...extra };
}

function node(name: string, hostName: string) {
  return { name, host: hostName, path: `workers[${name}]` as const };
}

describe('image downloads', () => {
  test('defines one download per host that runs a node, none for idle hosts', () => {
    // GIVEN
    const hosts = [host('pve1'), host('pve2'), host('pve3')];
    // WHEN
    const downloads = planImageDownloads(hosts, [node('a', 'pve2'), node('b', 'pve1'), node('c', 'pve2')]);
    // THEN
    expect(downloads).toEqual([
      { key: 'pve1', host: 'pve1', datastore: 'local', hosts: ['pve1'] },
      { key: 'pve2', host: 'pve2', datastore: 'local', hosts: ['pve2'] },
    ]);
  });

  test('defines one download for all hosts sharing an image datastore', () => {
    // GIVEN
    const hosts = [
      host('pve1', { imageDatastore: 'nfs', imageDatastoreShared: true }),
      host('pve2', { imageDatastore: 'nfs', imageDatastoreShared: true }),
      host('pve3'),
    ];
    // WHEN
    const downloads = planImageDownloads(hosts, [node('a', 'pve2'), node('b', 'pve1'), node('c', 'pve3')]);
    // THEN
    expect(downloads).toEqual([
      { key: 'shared-nfs', host: 'pve1', datastore: 'nfs', hosts: ['pve1', 'pve2'] },
      { key: 'pve3', host: 'pve3', datastore: 'local', hosts: ['pve3'] },
    ]);
  });

  test('fails when one datastore is shared on some hosts only', () => {
    // GIVEN
    const hosts = [host('pve1', { imageDatastore: 'nfs', imageDatastoreShared: true }), host('pve2', { imageDatastore: 'nfs' })];
    // WHEN / THEN
    expect(() => planImageDownloads(hosts, [node('a', 'pve1')])).toThrow(
      /proxmoxHosts\[pve2\]\.imageDatastoreShared = false: datastore "nfs" is shared on pve1 but not on pve2\. Fix:/,
    );
  });

  test('fails when a node runs on an undeclared host', () => {
    // GIVEN / WHEN / THEN
    expect(() => planImageDownloads([host('pve1')], [node('a', 'pve9')])).toThrow(
      /workers\[a\]\.host = "pve9".*Fix: set its host to one of \[pve1\]/,
    );
  });
});
