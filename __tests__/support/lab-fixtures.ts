/**
 * Lab fixtures for the lab-check tests: the answers of the bpg/proxmox data sources (twins/lab.ts), and the
 * homelab's clean lab laid out as a default Proxmox install (a `local` directory store that also holds backups,
 * ISOs and templates, an LVM-thin `local-lvm`) with one unrelated VM. Tests change one thing at a time.
 */
import { datastore, LabAnswers } from '../../twins/lab';

export { datastore, GIB, labFitting, labFixtures as twinLabFixtures } from '../../twins/lab';
export type { DatastoreAnswer, VmAnswer } from '../../twins/lab';

/** The answers of the four data sources. */
export type LabFixture = LabAnswers;

/** A clean lab for the homelab: Proxmox VE 8.4, pve1 and pve2 online, plenty of space, one unrelated VM (100). */
export function cleanLab(): LabFixture {
  const stores = (node: string) => ({
    node_name: node,
    filters: null,
    datastores: [
      datastore(node, 'local', 'dir', ['backup', 'import', 'iso', 'vztmpl'], 80),
      datastore(node, 'local-lvm', 'lvmthin', ['images', 'rootdir'], 800),
    ],
  });
  return {
    version: { id: 'version', release: '8.4', repository_id: 'c4f5e6d7', version: '8.4.1' },
    nodes: { names: ['pve1', 'pve2'], online: [true, true] },
    datastores: { pve1: stores('pve1'), pve2: stores('pve2') },
    vms: { vms: [{ name: 'pihole', node_name: 'pve1', status: 'running', tags: ['dns'], template: false, vm_id: 100 }] },
  };
}
