// What `npm run bindings` vendors: the upstream provider schema dumps and Talos config schemas it reduces to
// structure under .gen/schemas/, the provider schemas derived by hand from source (helm, local), and which
// resources and data sources get TypeScript bindings under .gen/providers/.
//
// A provider version here is the one the stack pins (required_providers): bump it, fetch the new dump, and run
// `npm run bindings -- --schemas DIR --update` (see docs/maintenance.md).

/** Providers vendored from a `terraform providers schema -json` dump, with the bindings generated for them. */
export const DUMPED_PROVIDERS = [
  {
    source: 'siderolabs/talos',
    version: '0.11.0',
    dump: 'siderolabs-talos-0.11.0.json',
    bindings: { resources: '*', dataSources: '*' },
  },
  {
    source: 'bpg/proxmox',
    version: '0.111.1',
    dump: 'bpg-proxmox-0.111.1.json',
    bindings: {
      resources: ['proxmox_virtual_environment_vm', 'proxmox_download_file', 'proxmox_virtual_environment_file'],
      dataSources: [
        'proxmox_virtual_environment_nodes',
        'proxmox_virtual_environment_node',
        'proxmox_virtual_environment_vms',
        'proxmox_version',
        'proxmox_datastores',
      ],
    },
  },
];

/** Talos machine-config schemas vendored (one per config contract the project can write). */
export const TALOS_CONTRACTS = ['v1.12', 'v1.13', 'v1.14'];
