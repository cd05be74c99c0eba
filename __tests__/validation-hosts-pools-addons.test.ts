import { homelab } from '../clusters/homelab';
import { AddonsDefinition, ClusterDefinition, NodePoolDefinition, ProxmoxHostDefinition } from '../lib/cluster-definition';
import { planCluster } from '../lib/cluster-plan';
import { Problem } from '../lib/problems';
import { validateCluster } from '../lib/validation';
import { isGitUrl } from '../lib/validation/addons';

/** Validates a definition the way the app does. */
function problemsOf(def: ClusterDefinition): Problem[] {
  return validateCluster(def, planCluster(def));
}

const cpPool = (p: Partial<NodePoolDefinition>): ClusterDefinition => ({ ...homelab, controlPlanes: { ...homelab.controlPlanes, ...p } });
const workerPool = (p: Partial<NodePoolDefinition>): ClusterDefinition => ({ ...homelab, workers: { ...homelab.workers, ...p } });
const counted = (count: number, firstIp: string): ClusterDefinition => workerPool({ nodes: undefined, count, firstIp });
const addons = (a: Partial<AddonsDefinition>): ClusterDefinition => ({ ...homelab, addons: { ...homelab.addons, ...a } });
const repo = (bootstrapRepoUrl: string, bootstrapRevision = 'v0.1.0'): ClusterDefinition =>
  addons({ argocd: { ...homelab.addons!.argocd, bootstrapRepoUrl, bootstrapRevision } });
const revision = (bootstrapRevision: string | undefined): ClusterDefinition => addons({ argocd: { ...homelab.addons!.argocd, bootstrapRevision } });
const hosts = (proxmoxHosts: ProxmoxHostDefinition[]): ClusterDefinition => ({ ...homelab, proxmoxHosts });

const gitUrlFix = 'write an https or ssh git URL, e.g. https://github.com/you/gitops.git or git@github.com:you/gitops.git';
const repoError = (value: unknown): Problem => ({
  severity: 'error',
  path: 'addons.argocd.bootstrapRepoUrl',
  value,
  message: 'is not an https or ssh git URL',
  fix: gitUrlFix,
});
const revisionRequired = (value: string | undefined): Problem =>
  ({
    severity: 'error',
    path: 'addons.argocd.bootstrapRevision',
    ...(value === undefined ? {} : { value }),
    message: 'is required with bootstrapRepoUrl: the bootstrap Application is pinned by default',
    fix: 'set a tag or commit, e.g. "v0.1.0" (or a branch name to follow every push deliberately)',
  }) as Problem;
const issuerError = (value: string, suggestion: string): Problem => ({
  severity: 'error',
  path: 'addons.certManager.caIssuerName',
  value,
  message: 'is not a valid Kubernetes object name (DNS-1123 subdomain)',
  fix: `e.g. ${suggestion}`,
});

describe('validateCluster: add-ons', () => {
  test.each([
    { variant: 'cert-manager disabled', def: addons({ certManager: { enabled: false } }) },
    { variant: 'Argo CD disabled', def: addons({ argocd: { enabled: false } }) },
    { variant: 'no add-on settings at all', def: { ...homelab, addons: undefined } },
  ])('defines no problems for $variant', ({ def }) => {
    // GIVEN a valid variant of the example

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([]);
  });

  test.each(['main', 'master', 'HEAD', 'trunk', 'develop'])('fails when the bootstrap revision is the moving branch %s, as a warning', (branch) => {
    // GIVEN the app-of-apps follows a branch
    const def = revision(branch);

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([
      {
        severity: 'warning',
        path: 'addons.argocd.bootstrapRevision',
        value: branch,
        message: 'is a branch: the cluster follows every push to it',
        fix: 'pin a tag or commit, e.g. "v0.1.0"',
      },
    ]);
  });

  test('defines no problems for a bootstrap revision pinned to a release branch name that is not a moving default', () => {
    // GIVEN
    const def = revision('release-1.2');

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([]);
  });

  test.each([
    { rule: 'the bootstrap revision is missing', given: undefined },
    { rule: 'the bootstrap revision is blank', given: '  ' },
  ])('fails when $rule', ({ given }) => {
    // GIVEN a bootstrap repository without a usable revision
    const def = revision(given);

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([revisionRequired(given)]);
  });

  test.each([
    { rule: 'the ssh repository URL has no host', url: 'ssh:///homelab/gitops.git' },
    { rule: 'the https repository URL names only the host', url: 'https://github.com/' },
    { rule: 'the scp-style repository is written with an ssh: prefix', url: 'ssh:git@github.com:example/homelab-gitops.git' },
    { rule: 'the scp-style repository was pasted with a trailing newline', url: 'git@github.com:example/homelab-gitops.git\n' },
  ])('fails when $rule', ({ url }) => {
    // GIVEN
    const def = repo(url);

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([repoError(url)]);
  });

  test('fails when an untyped definition gives the bootstrap repository as a URL object, without throwing', () => {
    // GIVEN a definition written in plain JavaScript that passes a URL instead of its text
    const url = new URL('https://github.com/example/homelab-gitops.git');
    const def = repo(url as unknown as string);

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0]).toEqual(repoError(url));
    expect(problems[0]!.value).toBe(url);
  });

  test('fails when the bootstrap repository uses plain http, suggesting the https URL', () => {
    // GIVEN
    const def = repo('http://git.home.arpa/homelab/gitops.git');

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([
      { ...repoError('http://git.home.arpa/homelab/gitops.git'), fix: 'use https: https://git.home.arpa/homelab/gitops.git' },
    ]);
  });

  test.each([
    { rule: 'the CA issuer name has capitals and an underscore, suggesting its DNS-label form', name: 'Homelab_CA', suggestion: 'homelab-ca' },
    { rule: 'the CA issuer name is only punctuation, suggesting the default name', name: '***', suggestion: 'homelab-ca' },
    { rule: 'the CA issuer name has a space', name: 'Lab CA', suggestion: 'lab-ca' },
  ])('fails when $rule', ({ name, suggestion }) => {
    // GIVEN
    const def = addons({ certManager: { caIssuerName: name } });

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([issuerError(name, suggestion)]);
  });
});

describe('isGitUrl', () => {
  test.each([
    { text: 'https://github.com/example/homelab-gitops.git', expected: true },
    { text: 'ssh://git@git.home.arpa:2222/homelab/gitops.git', expected: true },
    { text: 'git@github.com:example/homelab-gitops.git', expected: true },
    { text: 'github.com/example/homelab-gitops', expected: false },
    { text: '', expected: false },
  ])('defines whether $text is a git URL ($expected)', ({ text, expected }) => {
    // GIVEN a repository URL as typed

    // WHEN
    const result = isGitUrl(text);

    // THEN exactly a boolean, also when the text is no URL at all
    expect(result).toBe(expected);
  });
});

describe('validateCluster: pools', () => {
  test.each([
    { variant: 'a counted worker pool of 0 with a firstIp', def: counted(0, '192.168.10.30') },
    { variant: 'a counted worker pool of 0 without firstIp', def: workerPool({ nodes: undefined, count: 0 }) },
    {
      variant: 'workers that keep the control planes free of workloads',
      def: { ...homelab, talos: { ...homelab.talos, scheduleOnControlPlanes: false } },
    },
    { variant: 'only control planes and no talos settings', def: { ...homelab, workers: undefined, talos: undefined } },
  ])('defines no problems for $variant', ({ def }) => {
    // GIVEN a valid variant of the example

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([]);
  });

  test('fails when the worker count is -1', () => {
    // GIVEN
    const def = workerPool({ nodes: undefined, count: -1 });

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([
      { severity: 'error', path: 'workers.count', value: -1, message: 'is not a whole number of nodes', fix: 'write a whole number such as 3' },
    ]);
  });

  test('fails when a listed worker pool also has a count, reporting only that', () => {
    // GIVEN
    const def = workerPool({ count: 2 });

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([
      {
        severity: 'error',
        path: 'workers.count',
        value: 2,
        message: 'is set together with nodes; a pool is either counted or listed',
        fix: 'remove count (the pool has the 2 listed nodes) or remove nodes',
      },
    ]);
  });

  test('fails when a single counted worker has no firstIp', () => {
    // GIVEN
    const def = workerPool({ nodes: undefined, count: 1 });

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([
      {
        severity: 'error',
        path: 'workers.firstIp',
        message: 'is required with count: the 1 nodes need addresses',
        fix: 'set firstIp to the first of 1 consecutive free addresses, e.g. a free address such as 192.168.10.2',
      },
    ]);
  });

  test.each([
    {
      rule: 'two counted workers start at the last host address',
      def: counted(2, '192.168.10.254'),
      message: 'numbers 2 addresses up from 192.168.10.254, ending at 192.168.10.255, past the last host address 192.168.10.254 of 192.168.10.0/24',
      fix: 'lower count to 1 or start firstIp at 192.168.10.253 or lower',
    },
    {
      rule: 'two counted workers start at the broadcast address',
      def: counted(2, '192.168.10.255'),
      message: 'numbers 2 addresses up from 192.168.10.255, ending at 192.168.11.0, past the last host address 192.168.10.254 of 192.168.10.0/24',
      fix: 'lower count to 0 or start firstIp at 192.168.10.253 or lower',
    },
  ])('fails when $rule', ({ def, message, fix }) => {
    // GIVEN

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([{ severity: 'error', path: 'workers.count', value: 2, message, fix }]);
  });

  test.each([
    {
      rule: 'more counted workers than the node network holds, suggesting a larger network',
      def: counted(300, '192.168.10.30'),
      value: 300,
      message: 'numbers 300 addresses up from 192.168.10.30, ending at 192.168.11.73, past the last host address 192.168.10.254 of 192.168.10.0/24',
      fix: 'lower count to 225 or use a larger network than 192.168.10.0/24',
    },
    {
      rule: 'counted workers fill the network only when started at its first host address',
      def: counted(254, '192.168.10.2'),
      value: 254,
      message: 'numbers 254 addresses up from 192.168.10.2, ending at 192.168.10.255, past the last host address 192.168.10.254 of 192.168.10.0/24',
      fix: 'lower count to 253 or start firstIp at 192.168.10.1 or lower',
    },
  ])('fails when $rule', ({ def, value, message, fix }) => {
    // GIVEN a pool so large its nodes also collide with other addresses

    // WHEN
    const problems = problemsOf(def);

    // THEN the pool's own problem is exactly this (the collisions are other rules' problems)
    expect(problems.filter((p) => p.path === 'workers.count')).toEqual([{ severity: 'error', path: 'workers.count', value, message, fix }]);
  });

  test('fails when four control planes are counted, as a warning naming 3 or 5', () => {
    // GIVEN
    const def = cpPool({ count: 4 });

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([
      {
        severity: 'warning',
        path: 'controlPlanes.count',
        value: 4,
        message: 'gives etcd an even number of members: 4 tolerate no more failures than 3',
        fix: 'use 3 or 5 control planes',
      },
    ]);
  });

  test('fails when there is no node at all, without also warning that no node runs workloads', () => {
    // GIVEN no control plane, no worker, and control planes kept free of workloads
    const def: ClusterDefinition = {
      ...homelab,
      controlPlanes: { ...homelab.controlPlanes, count: 0 },
      workers: undefined,
      talos: { scheduleOnControlPlanes: false },
    };

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([
      {
        severity: 'error',
        path: 'controlPlanes.count',
        value: 0,
        message: 'defines no control plane',
        fix: 'define 1 control plane (no redundancy) or 3 (tolerates one failure)',
      },
    ]);
  });

  test('fails when counted workers run past 255.255.255.255, naming no end address', () => {
    // GIVEN a node network at the top of the address space and ten workers counted up from its 250th address
    const def: ClusterDefinition = {
      ...homelab,
      network: { ...homelab.network, cidr: '255.255.255.0/24', gateway: '255.255.255.1', dnsServers: ['255.255.255.1'] },
      endpoint: { vip: '255.255.255.10' },
      controlPlanes: { ...homelab.controlPlanes, firstIp: '255.255.255.11' },
      workers: { ...homelab.workers, nodes: undefined, count: 10, firstIp: '255.255.255.250' },
      addons: { ...homelab.addons, cilium: { loadBalancerRange: '255.255.255.200-255.255.255.220' } },
    };

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([
      {
        severity: 'error',
        path: 'workers.count',
        value: 10,
        message:
          'numbers 10 addresses up from 255.255.255.250, ending at beyond 255.255.255.255, past the last host address 255.255.255.254 of 255.255.255.0/24',
        fix: 'lower count to 5 or start firstIp at 255.255.255.245 or lower',
      },
    ]);
  });

  test('fails when the node network is a /31, leaving the range of counted workers to the address rules', () => {
    // GIVEN a /31 node network (no host range) and one worker counted from its second address
    const def: ClusterDefinition = {
      ...counted(1, '192.168.10.1'),
      network: { ...homelab.network, cidr: '192.168.10.0/31' },
    };

    // WHEN
    const problems = problemsOf(def);

    // THEN the pool rules add nothing: every problem belongs to the network, address and VM ID rules
    expect(problems.map((p) => [p.path, p.value])).toEqual([
      ['endpoint.vip', '192.168.10.10'],
      ['network.gateway', '192.168.10.1'],
      ['workers[homelab-worker-1].ip', '192.168.10.1'],
      ['workers[homelab-worker-1].vmId', 8001],
      ['addons.cilium.loadBalancerRange', '192.168.10.200-192.168.10.220'],
    ]);
  });

  const firstIpRequired = (hint: string) => ({
    severity: 'error',
    path: 'workers.firstIp',
    message: 'is required with count: the 1 nodes need addresses',
    fix: `set firstIp to the first of 1 consecutive free addresses, e.g. ${hint}`,
  });

  test.each([
    {
      rule: 'the load-balancer range takes the first host addresses, suggesting the first address after the range, the VIP and the control planes',
      def: {
        ...workerPool({ nodes: undefined, count: 1 }),
        addons: { ...homelab.addons, cilium: { loadBalancerRange: '192.168.10.2-192.168.10.9' } },
      },
      hint: 'a free address such as 192.168.10.14',
    },
    {
      rule: 'there is no load-balancer range, suggesting the first address after the gateway',
      def: { ...workerPool({ nodes: undefined, count: 1 }), addons: undefined },
      hint: 'a free address such as 192.168.10.2',
    },
  ])('fails when a counted worker has no firstIp and $rule', ({ def, hint }) => {
    // GIVEN

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([firstIpRequired(hint)]);
  });

  test('fails when a counted worker has no firstIp and the node network is malformed, pointing to network.cidr', () => {
    // GIVEN
    const def: ClusterDefinition = { ...workerPool({ nodes: undefined, count: 1 }), network: { ...homelab.network, cidr: '192.168.10/24' } };

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([
      {
        severity: 'error',
        path: 'network.cidr',
        value: '192.168.10/24',
        message: 'is not an IPv4 network in CIDR notation',
        fix: 'write it as address/prefix, e.g. 192.168.10.0/24',
      },
      firstIpRequired('a free address in an address inside network.cidr'),
    ]);
  });
});

const undeclaredHost = (path: string, value: string): Problem => ({
  severity: 'error',
  path,
  value,
  message: 'is not a declared Proxmox host',
  fix: 'use a host declared in proxmoxHosts, or add it to proxmoxHosts',
});
const noHost: Problem = {
  severity: 'error',
  path: 'proxmoxHosts',
  value: [],
  message: 'declares no Proxmox host, so no node can be placed',
  fix: "declare the Proxmox nodes that may run VMs, e.g. [{ name: 'pve1' }]",
};
const datastoreMismatch = (i: number, sharedOn: string, notOn: string): Problem => ({
  severity: 'error',
  path: `proxmoxHosts[${i}].imageDatastoreShared`,
  value: false,
  message: `datastore local is marked shared on ${sharedOn} but not on ${notOn}`,
  fix: 'a Proxmox storage ID names one storage cluster-wide: set imageDatastoreShared the same on every host that uses it',
});

describe('validateCluster: hosts', () => {
  test.each([
    { variant: 'control planes limited to both declared hosts', def: cpPool({ hosts: ['pve1', 'pve2'] }) },
    {
      variant: 'a shared image datastore on one host and a local one on the other',
      def: hosts([
        { name: 'pve1', imageDatastore: 'nfs-images', imageDatastoreShared: true },
        { name: 'pve2', imageDatastore: 'local' },
      ]),
    },
    {
      variant: 'every control plane on the single Proxmox host',
      def: {
        ...homelab,
        proxmoxHosts: [homelab.proxmoxHosts[0]!],
        workers: { ...homelab.workers, nodes: homelab.workers!.nodes!.map((w) => ({ ...w, host: 'pve1' })) },
      },
    },
  ])('defines no problems for $variant', ({ def }) => {
    // GIVEN a valid variant of the example

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([]);
  });

  test('fails when no Proxmox host is declared, pointing the workers to proxmoxHosts', () => {
    // GIVEN
    const def = hosts([]);

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([noHost, undeclaredHost('workers.nodes[0].host', 'pve1'), undeclaredHost('workers.nodes[1].host', 'pve2')]);
  });

  test('fails when an untyped definition has no proxmoxHosts, reporting them as an empty list', () => {
    // GIVEN a definition written in plain JavaScript that forgot `proxmoxHosts`
    const def = { ...homelab, proxmoxHosts: undefined } as unknown as ClusterDefinition;

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([noHost, undeclaredHost('workers.nodes[0].host', 'pve1'), undeclaredHost('workers.nodes[1].host', 'pve2')]);
  });

  test('fails when no Proxmox host is declared and the control planes list none, reporting only the missing hosts', () => {
    // GIVEN
    const def: ClusterDefinition = { ...hosts([]), controlPlanes: { ...homelab.controlPlanes, hosts: [] }, workers: undefined };

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([noHost]);
  });

  test.each([
    {
      rule: 'the default image datastore is marked shared on one host and named local on another',
      def: hosts([
        { name: 'pve1', imageDatastoreShared: true },
        { name: 'pve2', imageDatastore: 'local' },
      ]),
      expected: datastoreMismatch(1, 'pve1', 'pve2'),
    },
    {
      rule: 'the image datastore named local is marked shared on one host and left default on another',
      def: hosts([{ name: 'pve1' }, { name: 'pve2', imageDatastore: 'local', imageDatastoreShared: true }]),
      expected: datastoreMismatch(0, 'pve2', 'pve1'),
    },
  ])('fails when $rule', ({ def, expected }) => {
    // GIVEN

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([expected]);
  });

  test('fails when two control planes share one of two hosts, warning about the host besides the etcd error', () => {
    // GIVEN
    const def = cpPool({ count: 2, hosts: ['pve1'] });

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([
      {
        severity: 'warning',
        path: 'controlPlanes.hosts',
        value: 'pve1',
        message: 'puts every control plane on pve1 although 2 hosts are declared: losing pve1 stops the cluster',
        fix: 'spread the control planes: remove their explicit host (placement spreads them) or list more hosts in controlPlanes.hosts',
      },
      {
        severity: 'error',
        path: 'controlPlanes.count',
        value: 2,
        message: 'gives etcd 2 members: losing either stops the cluster, and Talos refuses control-plane upgrades with exactly 2 members',
        fix: 'use 3 control planes (or 1)',
      },
    ]);
  });

  test.each([
    {
      rule: 'a worker names an undeclared host',
      def: workerPool({ nodes: [homelab.workers!.nodes![0]!, { ...homelab.workers!.nodes![1]!, host: 'pve3' }] }),
      path: 'workers.nodes[1].host',
    },
    {
      rule: 'the control planes list only an undeclared host, without warning that they share an unplaced host',
      def: cpPool({ hosts: ['pve3'] }),
      path: 'controlPlanes.hosts[0]',
    },
  ])('fails when $rule, listing the declared hosts', ({ def, path }) => {
    // GIVEN

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([
      { severity: 'error', path, value: 'pve3', message: 'is not a declared Proxmox host', fix: 'use one of pve1, pve2, or add it to proxmoxHosts' },
    ]);
  });
});

describe('validateCluster: sizing, state and rollout', () => {
  const workers = homelab.workers!;

  test.each([
    { rule: 's3 state names no bucket', def: { ...homelab, state: { type: 's3' } } as ClusterDefinition, value: undefined },
    { rule: 's3 state names a blank bucket', def: { ...homelab, state: { type: 's3', bucket: '  ' } } as ClusterDefinition, value: '  ' },
  ])('fails when $rule', ({ def, value }) => {
    // GIVEN

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([
      {
        severity: 'error',
        path: 'state.bucket',
        ...(value === undefined ? {} : { value }),
        message: 'is required for s3 state',
        fix: "name the bucket that holds the state, e.g. bucket: 'terraform-state'",
      },
    ]);
  });

  test.each([
    { rule: 'the node timeout is not a number (an unset environment variable read with Number)', minutes: NaN },
    { rule: 'the node timeout is infinite', minutes: Infinity },
  ])('fails when $rule', ({ minutes }) => {
    // GIVEN
    const def: ClusterDefinition = { ...homelab, rollout: { nodeTimeoutMinutes: minutes } };

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([
      {
        severity: 'error',
        path: 'rollout.nodeTimeoutMinutes',
        value: minutes,
        message: 'is not a positive number of minutes',
        fix: 'use 15 or more',
      },
    ]);
  });

  test.each([
    { rule: 'the worker memory is infinite', pool: { memoryGiB: Infinity }, path: 'workers.memoryGiB', value: Infinity, message: 'is not a number' },
    { rule: 'the worker cores are fractional', pool: { cores: 2.5 }, path: 'workers.cores', value: 2.5, message: 'is not a whole number' },
  ])('fails when $rule', ({ pool, path, value, message }) => {
    // GIVEN
    const def: ClusterDefinition = { ...homelab, workers: { ...workers, ...pool } };

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([{ severity: 'error', path, value, message, fix: 'write a number of at least 1' }]);
  });

  test('fails when the pool memory some worker inherits is below the Talos recommendation, as a warning', () => {
    // GIVEN the first worker overrides the pool's memory, the second inherits it
    const def: ClusterDefinition = {
      ...homelab,
      workers: { ...workers, memoryGiB: 1, nodes: [{ ...workers.nodes![0]!, memoryGiB: 8 }, workers.nodes![1]!] },
    };

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([
      {
        severity: 'warning',
        path: 'workers.memoryGiB',
        value: 1,
        message: 'is below the 2 GiB Talos recommends for a worker',
        fix: 'set it to 2 or more',
      },
    ]);
  });

  test('defines no problems for a low pool memory every worker overrides', () => {
    // GIVEN no worker uses the pool's memory
    const def: ClusterDefinition = { ...homelab, workers: { ...workers, memoryGiB: 1, nodes: workers.nodes!.map((n) => ({ ...n, memoryGiB: 8 })) } };

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([]);
  });
});

describe('validateCluster: names', () => {
  const tenWorkers = (name: string): ClusterDefinition => ({ ...counted(10, '192.168.10.30'), name });

  test('fails when the cluster name makes the tenth counted worker name longer than a DNS label', () => {
    // GIVEN a 55-character cluster name: homelab-…-cp-1 fits, homelab-…-worker-10 does not
    const name = 'homelab-in-the-basement-behind-the-washing-machine-rack';
    const def = tenWorkers(name);

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([
      {
        severity: 'error',
        path: 'name',
        value: name,
        message: `makes the derived node name ${name}-worker-10 longer than 63 characters`,
        fix: 'shorten the cluster name to at most 53 characters',
      },
    ]);
  });

  test('defines no problems for a cluster name whose longest derived node name is exactly 63 characters', () => {
    // GIVEN a 53-character cluster name and ten counted workers
    const def = tenWorkers('homelab-in-the-basement-behind-the-washing-machine-ra');

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([]);
  });

  test.each([
    { variant: 'only dashes', def: { ...homelab, name: '---' }, value: '---' },
    { variant: 'missing in an untyped definition', def: { ...homelab, name: undefined } as unknown as ClusterDefinition, value: undefined },
  ])('fails when the cluster name is $variant, suggesting the default name', ({ def, value }) => {
    // GIVEN a cluster name with nothing to derive a DNS label from

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([
      {
        severity: 'error',
        path: 'name',
        ...(value === undefined ? {} : { value }),
        message: 'is not a DNS-1123 label (lowercase letters, digits and -, starting and ending with a letter or digit, at most 63 characters)',
        fix: 'e.g. homelab',
      },
    ]);
  });
});
