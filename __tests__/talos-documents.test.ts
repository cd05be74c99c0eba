import { parseAllDocuments } from 'yaml';
import { homelab } from '../clusters/homelab';
import { ClusterPlan, planCluster } from '../lib/cluster-plan';
import {
  commonDocuments,
  controlPlaneDocuments,
  documentRuleProblems,
  duplicateDocumentProblems,
  hostnameConfigProblems,
  inlineManifestsDocument,
  NODE_LINK_ALIAS,
  nodeDocuments,
  TalosDocument,
  toYaml,
  V1Alpha1Patch,
} from '../lib/talos-documents';
import { validateTalosDocument, validateTalosDocuments, validateTalosYaml } from '../check/talos-schema';
import { SUPPORTED_CONTRACTS } from '../lib/talos-support';

const INSTALLER = 'factory.talos.dev/nocloud-installer/ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515:v1.13.9';
const plan = planCluster(homelab);

function node(name: string) {
  const n = plan.nodes.find((x) => x.name === name);
  if (!n) throw new Error(`no node ${name}`);
  return n;
}

function v1alpha1Of(docs: TalosDocument[]): V1Alpha1Patch {
  const found = docs.filter((d) => !('kind' in d));
  expect(found).toHaveLength(1);
  return found[0] as V1Alpha1Patch;
}

function kindsOf(docs: TalosDocument[]): string[] {
  return docs.map((d) => ('kind' in d ? d.kind : 'v1alpha1'));
}

describe('talos documents of the example cluster', () => {
  test.each(SUPPORTED_CONTRACTS)('defines documents for every node that pass the %s schema', (contract) => {
    // GIVEN every patch a node of the example receives
    const patches = [
      commonDocuments(plan, INSTALLER),
      controlPlaneDocuments(plan, ['https://example.com/crds.yaml']),
      [inlineManifestsDocument([{ name: 'cilium', contents: 'apiVersion: v1\nkind: Namespace\n' }])!],
      ...plan.nodes.map((n) => nodeDocuments(plan, n)),
    ];

    // WHEN
    const problems = patches.flatMap((docs) => validateTalosDocuments(docs, contract));

    // THEN
    expect(problems).toEqual([]);
  });

  test('defines the common patch: installer, KubePrism, subnets, CNI none, no kube-proxy, service discovery, SANs', () => {
    // GIVEN the example (Cilium on)

    // WHEN
    const docs = commonDocuments(plan, INSTALLER);

    // THEN
    expect(kindsOf(docs)).toEqual(['v1alpha1', 'ResolverConfig', 'TimeSyncConfig']);
    const v1 = v1alpha1Of(docs);
    expect(v1.machine?.install).toEqual({ image: INSTALLER });
    expect(v1.machine?.features?.kubePrism).toEqual({ enabled: true, port: plan.kubePrismPort });
    expect(v1.machine?.features?.hostDNS).toEqual({ enabled: true, forwardKubeDNSToHost: true });
    expect(v1.machine?.kubelet?.nodeIP.validSubnets).toEqual(['192.168.10.0/24']);
    expect(v1.cluster?.network).toEqual({ cni: { name: 'none' }, podSubnets: ['10.244.0.0/16'], serviceSubnets: ['10.96.0.0/12'] });
    expect(v1.cluster?.proxy).toEqual({ disabled: true });
    expect(v1.cluster?.discovery).toEqual({ enabled: true, registries: { kubernetes: { disabled: true }, service: { disabled: false } } });
    expect(v1.cluster?.apiServer?.certSANs).toEqual(['192.168.10.10', 'k8s.home.arpa']);
    expect(v1.machine?.certSANs).toEqual(['192.168.10.10', 'k8s.home.arpa']);
    expect(docs[1]).toEqual({ apiVersion: 'v1alpha1', kind: 'ResolverConfig', nameservers: [{ address: '192.168.10.1' }] });
    expect(docs[2]).toEqual({ apiVersion: 'v1alpha1', kind: 'TimeSyncConfig', ntp: { servers: ['time.cloudflare.com'] } });
  });

  test('defines flannel and kube-proxy when Cilium is off', () => {
    // GIVEN the example without Cilium
    const flannel = planCluster({ ...homelab, addons: { ...homelab.addons, cilium: { enabled: false }, cni: 'flannel' } });

    // WHEN
    const v1 = v1alpha1Of(commonDocuments(flannel, INSTALLER));

    // THEN
    expect(v1.cluster?.network?.cni).toEqual({ name: 'flannel' });
    expect(v1.cluster?.proxy).toEqual({ disabled: false });
  });

  test('defines the control-plane patch: VIP on the aliased link, scheduling, extra manifests', () => {
    // GIVEN the example (it has workers, so control planes run no workloads)

    // WHEN
    const docs = controlPlaneDocuments(plan, ['https://example.com/crds.yaml']);

    // THEN
    expect(docs).toEqual([
      { cluster: { allowSchedulingOnControlPlanes: false, extraManifests: ['https://example.com/crds.yaml'] } },
      { apiVersion: 'v1alpha1', kind: 'Layer2VIPConfig', name: '192.168.10.10', link: NODE_LINK_ALIAS },
    ]);
  });

  test('defines no extraManifests key when there are none', () => {
    // GIVEN / WHEN
    const v1 = v1alpha1Of(controlPlaneDocuments(plan, []));

    // THEN
    expect(v1).toEqual({ cluster: { allowSchedulingOnControlPlanes: false } });
  });

  test.each(['homelab-cp-2', 'homelab-worker-1'])('defines the node patch of %s: static hostname, MAC alias, address and route', (name) => {
    // GIVEN a planned node
    const n = node(name);

    // WHEN
    const docs = nodeDocuments(plan, n);

    // THEN
    expect(docs).toEqual([
      { apiVersion: 'v1alpha1', kind: 'HostnameConfig', hostname: name, auto: 'off' },
      {
        apiVersion: 'v1alpha1',
        kind: 'LinkAliasConfig',
        name: NODE_LINK_ALIAS,
        selector: { match: `mac(link.permanent_addr) == "${n.macAddress.toLowerCase()}"` },
      },
      {
        apiVersion: 'v1alpha1',
        kind: 'LinkConfig',
        name: NODE_LINK_ALIAS,
        addresses: [{ address: `${n.ip}/24` }],
        routes: [{ gateway: '192.168.10.1' }],
      },
    ]);
    expect(n.macAddress).toMatch(/[A-F]/); // the plan writes MACs uppercase; the selector must not
    expect(JSON.stringify(docs)).not.toMatch(/eth0|ens18/);
  });

  test('defines the example node addresses', () => {
    // GIVEN / WHEN
    const addresses = plan.nodes.map((n) => (nodeDocuments(plan, n)[2] as { addresses: { address: string }[] }).addresses[0].address);

    // THEN
    expect(addresses).toEqual(['192.168.10.11/24', '192.168.10.12/24', '192.168.10.13/24', '192.168.10.21/24', '192.168.10.22/24']);
  });

  test('defines YAML that parses back to the same documents, without anchors', () => {
    // GIVEN documents that share an array (the certificate SANs)
    const docs = commonDocuments(plan, INSTALLER);

    // WHEN
    const yaml = toYaml(docs);

    // THEN
    expect(parseAllDocuments(yaml).map((d) => d.toJS())).toEqual(docs);
    expect(yaml).not.toMatch(/[&*]a\d/);
    expect(yaml.startsWith('---\n')).toBe(true);
    expect(validateTalosYaml(yaml, plan.configContract)).toEqual([]);
  });

  test('defines an inline manifests patch, and none without manifests', () => {
    // GIVEN / WHEN
    const doc = inlineManifestsDocument([{ name: 'cilium', contents: 'x' }]);

    // THEN
    expect(doc).toEqual({ cluster: { inlineManifests: [{ name: 'cilium', contents: 'x' }] } });
    expect(inlineManifestsDocument([])).toBeUndefined();
  });

  test.each([
    [[{ name: 'Cilium', contents: 'x' }], /DNS-1123 subdomain/],
    [
      [
        { name: 'cilium', contents: 'x' },
        { name: 'cilium', contents: 'y' },
      ],
      /used twice/,
    ],
  ])('fails when inline manifests are %j', (manifests, message) => {
    // GIVEN / WHEN / THEN
    expect(() => inlineManifestsDocument(manifests)).toThrow(message);
  });

  test('fails when an extra manifest is no URL', () => {
    // GIVEN / WHEN / THEN
    expect(() => controlPlaneDocuments(plan, ['crds.yaml'])).toThrow(/extraManifests\[0\] = "crds.yaml" is not an http\(s\) URL/);
  });

  test.each([
    [{ name: 'Bad_Name' }, /node name = "Bad_Name".*DNS-1123 label/],
    [{ ip: '' }, /\.ip = "" is not an IPv4 address/],
    [{ macAddress: 'nope' }, /macAddress = "nope" is not a MAC address/],
  ])('fails when the node has %j', (change, message) => {
    // GIVEN a node with one bad field
    const bad = { ...node('homelab-worker-2'), ...change };

    // WHEN / THEN
    expect(() => nodeDocuments(plan, bad)).toThrow(message);
  });
});

describe('talos schema validation', () => {
  test('fails when a document carries an unknown key', () => {
    // GIVEN a HostnameConfig with a bogus key
    const doc = { apiVersion: 'v1alpha1', kind: 'HostnameConfig', hostname: 'homelab-cp-1', auto: 'off', bogus: true };

    // WHEN
    const problems = validateTalosDocument(doc, 'v1.13');

    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'error', path: 'doc (HostnameConfig)/bogus', value: true });
    expect(problems[0].message).toMatch(/unknown key "bogus"/);
  });

  test('fails when a legacy field the contract replaced by a document is used', () => {
    // GIVEN the pre-1.12 way to set a hostname
    const doc = { machine: { network: { hostname: 'homelab-cp-1' } } };

    // WHEN
    const problems = validateTalosDocument(doc, 'v1.13');

    // THEN
    expect(problems.map((p) => p.path)).toEqual(['doc (v1alpha1)/machine/network']);
  });

  test('fails when a value has the wrong shape or enum', () => {
    // GIVEN a bad address and a bad auto mode
    const docs = [
      { apiVersion: 'v1alpha1', kind: 'LinkConfig', name: 'lan0', addresses: [{ address: '192.168.10.11' }] },
      { apiVersion: 'v1alpha1', kind: 'HostnameConfig', auto: 'random' },
    ];

    // WHEN
    const problems = validateTalosDocuments(docs, 'v1.12');

    // THEN
    expect(problems.map((p) => p.path)).toEqual(['doc[0] (LinkConfig)/addresses/0/address', 'doc[1] (HostnameConfig)/auto']);
  });

  test('fails when the kind does not exist in the contract', () => {
    // GIVEN a 1.14 document validated against 1.13
    const doc = { apiVersion: 'v1alpha1', kind: 'KubePrismConfig' };

    // WHEN
    const problems = validateTalosDocument(doc, 'v1.13.9');

    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toBe('kind KubePrismConfig does not exist in Talos v1.13');
  });

  test('defines $patch directives as allowed', () => {
    // GIVEN a delete directive
    const doc = { machine: { install: { $patch: 'delete' } } };

    // WHEN
    const problems = validateTalosDocument(doc, 'v1.13');

    // THEN
    expect(problems).toEqual([]);
  });

  test('fails when YAML does not parse', () => {
    // GIVEN / WHEN
    const problems = validateTalosYaml('a: [1, 2\n', 'v1.13');

    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/not valid YAML/);
  });

  test('fails when no schema exists for the contract', () => {
    // GIVEN / WHEN / THEN
    expect(() => validateTalosDocument({}, 'v1.2')).toThrow(/no Talos schema for contract v1.2/);
    expect(() => validateTalosDocument({}, 'latest')).toThrow(/not a Talos version/);
  });
});

describe('HostnameConfig rules', () => {
  test('defines the built hostname documents as valid', () => {
    // GIVEN / WHEN
    const problems = plan.nodes.flatMap((n) => documentRuleProblems(nodeDocuments(plan, n), n.role));

    // THEN
    expect(problems).toEqual([]);
  });

  test.each([
    [{ hostname: 'homelab-cp-1', auto: 'stable' as const }, /cannot be set at the same time/],
    [{ hostname: 'homelab-cp-1' }, /needs auto: off/],
    [{ hostname: 'homelab-cp-1', auto: 'off' as const }, undefined],
    [{ auto: 'stable' as const }, undefined],
    [{}, /either 'auto' or 'hostname' must be set/],
    [{ hostname: 'Homelab_1', auto: 'off' as const }, /not a DNS-1123 label/],
  ])('defines the HostnameConfig problems of %j', (fields, message) => {
    // GIVEN a HostnameConfig
    const doc = { apiVersion: 'v1alpha1' as const, kind: 'HostnameConfig' as const, ...fields };

    // WHEN
    const problems = hostnameConfigProblems(doc);

    // THEN
    if (message) expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(message)]);
    else expect(problems).toEqual([]);
  });
});

describe('role rules', () => {
  function docsFor(p: ClusterPlan, role: 'controlplane' | 'worker'): TalosDocument[] {
    const common = commonDocuments(p, INSTALLER);
    return role === 'controlplane'
      ? [...common, ...controlPlaneDocuments(p, []), inlineManifestsDocument([{ name: 'cilium', contents: 'x' }])!]
      : common;
  }

  test('defines control-plane and worker patches without rule problems', () => {
    // GIVEN / WHEN
    const problems = [
      ...documentRuleProblems(docsFor(plan, 'controlplane'), 'controlplane'),
      ...documentRuleProblems(docsFor(plan, 'worker'), 'worker'),
    ];

    // THEN
    expect(problems).toEqual([]);
  });

  test('fails when a worker gets the VIP or inline manifests', () => {
    // GIVEN the control-plane patch given to a worker
    const docs = docsFor(plan, 'controlplane');

    // WHEN
    const problems = documentRuleProblems(docs, 'worker');

    // THEN
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/virtual IP on a worker/), expect.stringMatching(/manifests on a worker/)]);
  });

  test('fails when a patch writes the same document twice', () => {
    // GIVEN two node patches joined
    const docs = [...nodeDocuments(plan, node('homelab-cp-1')), ...nodeDocuments(plan, node('homelab-cp-2'))];

    // WHEN
    const problems = duplicateDocumentProblems(docs);

    // THEN
    expect(problems.map((p) => p.value)).toEqual(['HostnameConfig/', 'LinkAliasConfig/lan0', 'LinkConfig/lan0']);
    expect(duplicateDocumentProblems(nodeDocuments(plan, node('homelab-cp-1')))).toEqual([]);
  });
});
