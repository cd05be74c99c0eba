// Generated from .gen/cluster-definition.schema.json by `npm run definition-schema` (ajv standalone, options {"allErrors":true,"verbose":true,"strict":true}); do not edit.
"use strict";
module.exports = validate10;
module.exports.default = validate10;
const schema11 = {"title":"ClusterDefinition","$comment":"Generated from lib/cluster-definition.ts by `npm run definition-schema`; do not edit.","$schema":"http://json-schema.org/draft-07/schema#","$ref":"#/definitions/ClusterDefinition","definitions":{"ClusterDefinition":{"type":"object","properties":{"name":{"type":"string","description":"Cluster name (DNS-1123 label); also the stack name and the prefix of node names."},"endpoint":{"$ref":"#/definitions/ApiEndpointDefinition","description":"The Kubernetes API endpoint."},"network":{"$ref":"#/definitions/NodeNetworkDefinition","description":"The node network."},"podCidr":{"type":"string","description":"Pod network. Default: 10.244.0.0/16"},"serviceCidr":{"type":"string","description":"Service network. Default: 10.96.0.0/12"},"proxmoxHosts":{"type":"array","items":{"$ref":"#/definitions/ProxmoxHostDefinition"},"description":"Proxmox hosts that may run nodes."},"vmIdBase":{"type":"number","description":"First VM ID of the cluster's range. Default: 8000"},"controlPlanes":{"$ref":"#/definitions/NodePoolDefinition","description":"Control-plane nodes (1, 3 or 5)."},"workers":{"$ref":"#/definitions/NodePoolDefinition","description":"Worker nodes. Default: none"},"kubernetesVersion":{"type":"string","description":"Kubernetes release. Bump it to roll a Kubernetes upgrade. Default: KUBERNETES_VERSION from lib/versions.ts"},"talos":{"$ref":"#/definitions/TalosDefinition","description":"Talos settings. Default: defaults of each field"},"addons":{"$ref":"#/definitions/AddonsDefinition","description":"Add-ons. Default: Cilium, Argo CD and cert-manager with defaults"},"state":{"$ref":"#/definitions/StateBackendDefinition","description":"Terraform state backend. Default: local file per cluster"},"rollout":{"$ref":"#/definitions/RolloutDefinition","description":"Rolling upgrades. Default: one node at a time, 15 minutes each"},"allowMachineSecretsReplacement":{"type":"boolean","description":"Allow Terraform to destroy and recreate the machine secrets (a new cluster CA: every node must be rebuilt). Leave off except for a deliberate re-key. Default: false"},"allowVmReplacement":{"type":"array","items":{"type":"string"},"description":"Nodes whose VM Terraform may destroy and re-create in the next deploy (their disks and state are lost). Every other VM carries `prevent_destroy`, so an edit that would replace it (a new VM ID, `vmIdBase`, an address change) is refused at plan time. At most one control plane per deploy, and never the only one (etcd would be lost). See docs/node-lifecycle.md before using it; remove the names afterwards. Default: none: no VM may be replaced"}},"required":["name","endpoint","network","proxmoxHosts","controlPlanes"],"additionalProperties":false,"description":"A whole cluster."},"ApiEndpointDefinition":{"type":"object","properties":{"vip":{"type":"string","description":"Shared virtual IP the control planes announce (Talos `Layer2VIPConfig`). A reserved, unused address in the node network."},"dnsName":{"type":"string","description":"DNS name that resolves to the VIP; when set it is the cluster endpoint and the VIP is added to the API certificate. Default: the endpoint is `https://<vip>:6443`"}},"required":["vip"],"additionalProperties":false,"description":"How clients reach the Kubernetes API."},"NodeNetworkDefinition":{"type":"object","properties":{"cidr":{"type":"string","description":"IPv4 network of the nodes, e.g. `192.168.10.0/24`."},"gateway":{"type":"string","description":"Default gateway, inside `cidr`."},"dnsServers":{"type":"array","items":{"type":"string"},"description":"DNS servers the nodes use. Default: the gateway"},"ntpServers":{"type":"array","items":{"type":"string"},"description":"NTP servers the nodes use. Default: ['time.cloudflare.com'] (the Talos default)"},"bridge":{"type":"string","description":"Proxmox bridge the VM NICs attach to; a host's own `bridge` overrides it. Default: vmbr0"},"vlan":{"type":"number","description":"VLAN tag of the VM NICs. Default: untagged"}},"required":["cidr","gateway"],"additionalProperties":false,"description":"The layer-2 network every node sits on."},"ProxmoxHostDefinition":{"type":"object","properties":{"name":{"type":"string","description":"Proxmox node name, as shown in the Proxmox UI (`pve1`)."},"vmDatastore":{"type":"string","description":"Datastore for VM disks. Default: local-lvm"},"imageDatastore":{"type":"string","description":"Datastore the Talos boot image is downloaded to (needs the `import` content type). Default: local"},"imageDatastoreShared":{"type":"boolean","description":"Set when `imageDatastore` is shared storage (NFS, CephFS): the image is then downloaded once for all hosts that share it, instead of once per host. Default: false"},"bridge":{"type":"string","description":"Bridge on this host. Default: `network.bridge`"}},"required":["name"],"additionalProperties":false,"description":"A Proxmox VE host (a cluster member by its node name) that may run nodes."},"NodePoolDefinition":{"type":"object","properties":{"cores":{"type":"number","description":"vCPU cores. Default: 2 for control planes, 4 for workers"},"memoryGiB":{"type":"number","description":"Memory in GiB (ballooning is always off). Default: 4 for control planes, 8 for workers"},"diskGiB":{"type":"number","description":"System disk in GiB. Default: 20 for control planes, 50 for workers"},"extraDisks":{"type":"array","items":{"$ref":"#/definitions/ExtraDiskDefinition"},"description":"Extra data disks. Default: none"},"count":{"type":"number","description":"Number of nodes, named `<cluster>-<cp|worker>-<n>` (n from 1). Default: the length of `nodes`"},"firstIp":{"type":"string","description":"First address of a counted pool; node n gets `firstIp + n - 1`. Default: required with `count`"},"nodes":{"type":"array","items":{"$ref":"#/definitions/NodeDefinition"},"description":"Explicit nodes. Default: none"},"hosts":{"type":"array","items":{"type":"string"},"description":"Hosts the automatic placement may use, in order of preference. Default: every declared host"}},"additionalProperties":false,"description":"A pool of control planes or workers: either `count` nodes with addresses assigned upwards from `firstIp`, or an explicit `nodes` list. Not both."},"ExtraDiskDefinition":{"type":"object","properties":{"sizeGiB":{"type":"number","description":"Size in GiB."},"datastore":{"type":"string","description":"Datastore of the disk. Default: the host's `vmDatastore`"}},"required":["sizeGiB"],"additionalProperties":false,"description":"An extra data disk of a node (for example for Longhorn or Rook)."},"NodeDefinition":{"type":"object","properties":{"cores":{"type":"number","description":"vCPU cores. Default: 2 for control planes, 4 for workers"},"memoryGiB":{"type":"number","description":"Memory in GiB (ballooning is always off). Default: 4 for control planes, 8 for workers"},"diskGiB":{"type":"number","description":"System disk in GiB. Default: 20 for control planes, 50 for workers"},"extraDisks":{"type":"array","items":{"$ref":"#/definitions/ExtraDiskDefinition"},"description":"Extra data disks. Default: none"},"name":{"type":"string","description":"Hostname of the node and name of its VM (DNS-1123 label)."},"ip":{"type":"string","description":"Static IPv4 address inside `network.cidr`."},"host":{"type":"string","description":"Proxmox host that runs the VM. Default: spread automatically: control planes on distinct hosts first, then the least-loaded host"},"vmId":{"type":"number","description":"Proxmox VM ID. Default: `vmIdBase` + the node's offset in the node network (192.168.10.21 in a /24 → `vmIdBase` + 21):\nstable when other nodes are added, removed or reordered"},"macAddress":{"type":"string","description":"MAC address of the NIC. Default: derived from cluster and node name (locally administered, stable across runs)"}},"required":["name","ip"],"additionalProperties":false,"description":"One explicitly listed node."},"TalosDefinition":{"type":"object","properties":{"version":{"type":"string","description":"Talos release of the nodes. Bump it to roll an OS upgrade. Default: TALOS_VERSION from lib/versions.ts"},"configContract":{"type":"string","description":"Machine-config contract the secrets and configs are generated with. Default: TALOS_CONFIG_CONTRACT from lib/versions.ts"},"extensions":{"type":"array","items":{"type":"string"},"description":"Official Image Factory system extensions, in schematic order. Default: [\"siderolabs/qemu-guest-agent\"]"},"extraKernelArgs":{"type":"array","items":{"type":"string"},"description":"Extra kernel arguments baked into the schematic (boot image and installer). Default: none"},"scheduleOnControlPlanes":{"type":"boolean","description":"Control planes also run workloads (`allowSchedulingOnControlPlanes`). Default: true when the cluster has no workers"}},"additionalProperties":false,"description":"Talos image and OS settings."},"AddonsDefinition":{"type":"object","properties":{"cni":{"type":"string","enum":["none","flannel"],"description":"CNI when Cilium is off; the only valid value is the default. Default: 'none' when Cilium is on, 'flannel' when Cilium is off"},"cilium":{"$ref":"#/definitions/CiliumDefinition","description":"Cilium. Default: enabled with defaults"},"argocd":{"$ref":"#/definitions/ArgoCdDefinition","description":"Argo CD. Default: enabled with defaults"},"certManager":{"$ref":"#/definitions/CertManagerDefinition","description":"cert-manager. Default: enabled with defaults"}},"additionalProperties":false,"description":"Add-ons installed at bootstrap as Talos inline manifests."},"CiliumDefinition":{"type":"object","properties":{"enabled":{"type":"boolean","description":"Install Cilium as the CNI and kube-proxy replacement. Turning it off requires `cni: 'flannel'`. Default: true"},"loadBalancerRange":{"type":"string","description":"Addresses Cilium hands to `LoadBalancer` services and announces over L2, `first-last` inside the node network, e.g. `192.168.10.200-192.168.10.220`. Default: no load-balancer pool"},"gatewayApi":{"type":"boolean","description":"Install the Gateway API CRDs and enable Cilium's Gateway API support. Default: false"},"hubble":{"type":"boolean","description":"Enable Hubble (relay and UI). Its TLS certificates never come from Helm (they would change on every render): from cert-manager when `certManager.caIssuerName` is set, otherwise from Cilium's CronJob. Default: false"},"extraValuesFiles":{"type":"array","items":{"type":"string"},"description":"Extra values files under `helm-values/`, merged after `cilium.yaml`. Default: none"}},"additionalProperties":false,"description":"Cilium CNI settings."},"ArgoCdDefinition":{"type":"object","properties":{"enabled":{"type":"boolean","description":"Install Argo CD. Default: true"},"bootstrapRepoUrl":{"type":"string","description":"Git repository of an app-of-apps `Application` created at bootstrap. Default: no bootstrap application"},"bootstrapPath":{"type":"string","description":"Path inside the repository. Default: apps"},"bootstrapRevision":{"type":"string","description":"Revision the bootstrap application tracks: a tag or commit (a branch name works, with a warning). Default: none: required when `bootstrapRepoUrl` is set"},"domain":{"type":"string","description":"Host name Argo CD is served under (the chart's `global.domain`: the UI and API URL, SSO redirects, the server certificate's name). A values file cannot override it. Default: the chart's own (`argocd.example.com`)"}},"additionalProperties":false,"description":"Argo CD settings."},"CertManagerDefinition":{"type":"object","properties":{"enabled":{"type":"boolean","description":"Install cert-manager (CRDs included). Default: true"},"caIssuerName":{"type":"string","description":"Create a self-signed root CA and a `ClusterIssuer` of this name that issues from it. Default: no issuer"}},"additionalProperties":false,"description":"cert-manager settings."},"StateBackendDefinition":{"type":"object","properties":{"type":{"enum":["local","s3","pg"]}},"required":["type"],"allOf":[{"if":{"properties":{"type":{"type":"string","const":"local","description":"A local state file."}}},"then":{"type":"object","properties":{"type":{"type":"string","const":"local","description":"A local state file."},"path":{"type":"string","description":"State file path. Default: `terraform.<cluster>.tfstate` in the project folder"}},"required":["type"],"additionalProperties":false}},{"if":{"properties":{"type":{"type":"string","const":"s3","description":"S3-compatible bucket (MinIO, Ceph RGW, AWS) with lock files; credentials from `AWS_*` env vars."}}},"then":{"type":"object","properties":{"type":{"type":"string","const":"s3","description":"S3-compatible bucket (MinIO, Ceph RGW, AWS) with lock files; credentials from `AWS_*` env vars."},"bucket":{"type":"string","description":"Bucket name."},"key":{"type":"string","description":"Object key of the state. Default: `talos/<cluster>.tfstate`"},"region":{"type":"string","description":"Bucket region. Default: us-east-1"},"endpoint":{"type":"string","description":"Endpoint URL of a non-AWS store. Default: AWS"}},"required":["type","bucket"],"additionalProperties":false}},{"if":{"properties":{"type":{"type":"string","const":"pg","description":"PostgreSQL; the connection string comes from the `PG_CONN_STR` environment variable."}}},"then":{"type":"object","properties":{"type":{"type":"string","const":"pg","description":"PostgreSQL; the connection string comes from the `PG_CONN_STR` environment variable."},"schemaName":{"type":"string","description":"Database schema of the state. Default: `talos_<cluster>` with dashes as underscores"}},"required":["type"],"additionalProperties":false}}],"description":"Where Terraform keeps this cluster's state (which holds the cluster's root secrets)."},"RolloutDefinition":{"type":"object","properties":{"workerBatchSize":{"type":"number","description":"Workers upgraded at the same time (control planes always go one at a time). Default: 1"},"nodeTimeoutMinutes":{"type":"number","description":"Minutes each node may take to come back healthy after an upgrade before the rollout stops. Default: 15"}},"additionalProperties":false,"description":"Rolling upgrade settings."}}};
const schema12 = {"type":"object","properties":{"name":{"type":"string","description":"Cluster name (DNS-1123 label); also the stack name and the prefix of node names."},"endpoint":{"$ref":"#/definitions/ApiEndpointDefinition","description":"The Kubernetes API endpoint."},"network":{"$ref":"#/definitions/NodeNetworkDefinition","description":"The node network."},"podCidr":{"type":"string","description":"Pod network. Default: 10.244.0.0/16"},"serviceCidr":{"type":"string","description":"Service network. Default: 10.96.0.0/12"},"proxmoxHosts":{"type":"array","items":{"$ref":"#/definitions/ProxmoxHostDefinition"},"description":"Proxmox hosts that may run nodes."},"vmIdBase":{"type":"number","description":"First VM ID of the cluster's range. Default: 8000"},"controlPlanes":{"$ref":"#/definitions/NodePoolDefinition","description":"Control-plane nodes (1, 3 or 5)."},"workers":{"$ref":"#/definitions/NodePoolDefinition","description":"Worker nodes. Default: none"},"kubernetesVersion":{"type":"string","description":"Kubernetes release. Bump it to roll a Kubernetes upgrade. Default: KUBERNETES_VERSION from lib/versions.ts"},"talos":{"$ref":"#/definitions/TalosDefinition","description":"Talos settings. Default: defaults of each field"},"addons":{"$ref":"#/definitions/AddonsDefinition","description":"Add-ons. Default: Cilium, Argo CD and cert-manager with defaults"},"state":{"$ref":"#/definitions/StateBackendDefinition","description":"Terraform state backend. Default: local file per cluster"},"rollout":{"$ref":"#/definitions/RolloutDefinition","description":"Rolling upgrades. Default: one node at a time, 15 minutes each"},"allowMachineSecretsReplacement":{"type":"boolean","description":"Allow Terraform to destroy and recreate the machine secrets (a new cluster CA: every node must be rebuilt). Leave off except for a deliberate re-key. Default: false"},"allowVmReplacement":{"type":"array","items":{"type":"string"},"description":"Nodes whose VM Terraform may destroy and re-create in the next deploy (their disks and state are lost). Every other VM carries `prevent_destroy`, so an edit that would replace it (a new VM ID, `vmIdBase`, an address change) is refused at plan time. At most one control plane per deploy, and never the only one (etcd would be lost). See docs/node-lifecycle.md before using it; remove the names afterwards. Default: none: no VM may be replaced"}},"required":["name","endpoint","network","proxmoxHosts","controlPlanes"],"additionalProperties":false,"description":"A whole cluster."};
const schema13 = {"type":"object","properties":{"vip":{"type":"string","description":"Shared virtual IP the control planes announce (Talos `Layer2VIPConfig`). A reserved, unused address in the node network."},"dnsName":{"type":"string","description":"DNS name that resolves to the VIP; when set it is the cluster endpoint and the VIP is added to the API certificate. Default: the endpoint is `https://<vip>:6443`"}},"required":["vip"],"additionalProperties":false,"description":"How clients reach the Kubernetes API."};
const schema14 = {"type":"object","properties":{"cidr":{"type":"string","description":"IPv4 network of the nodes, e.g. `192.168.10.0/24`."},"gateway":{"type":"string","description":"Default gateway, inside `cidr`."},"dnsServers":{"type":"array","items":{"type":"string"},"description":"DNS servers the nodes use. Default: the gateway"},"ntpServers":{"type":"array","items":{"type":"string"},"description":"NTP servers the nodes use. Default: ['time.cloudflare.com'] (the Talos default)"},"bridge":{"type":"string","description":"Proxmox bridge the VM NICs attach to; a host's own `bridge` overrides it. Default: vmbr0"},"vlan":{"type":"number","description":"VLAN tag of the VM NICs. Default: untagged"}},"required":["cidr","gateway"],"additionalProperties":false,"description":"The layer-2 network every node sits on."};
const schema15 = {"type":"object","properties":{"name":{"type":"string","description":"Proxmox node name, as shown in the Proxmox UI (`pve1`)."},"vmDatastore":{"type":"string","description":"Datastore for VM disks. Default: local-lvm"},"imageDatastore":{"type":"string","description":"Datastore the Talos boot image is downloaded to (needs the `import` content type). Default: local"},"imageDatastoreShared":{"type":"boolean","description":"Set when `imageDatastore` is shared storage (NFS, CephFS): the image is then downloaded once for all hosts that share it, instead of once per host. Default: false"},"bridge":{"type":"string","description":"Bridge on this host. Default: `network.bridge`"}},"required":["name"],"additionalProperties":false,"description":"A Proxmox VE host (a cluster member by its node name) that may run nodes."};
const schema20 = {"type":"object","properties":{"version":{"type":"string","description":"Talos release of the nodes. Bump it to roll an OS upgrade. Default: TALOS_VERSION from lib/versions.ts"},"configContract":{"type":"string","description":"Machine-config contract the secrets and configs are generated with. Default: TALOS_CONFIG_CONTRACT from lib/versions.ts"},"extensions":{"type":"array","items":{"type":"string"},"description":"Official Image Factory system extensions, in schematic order. Default: [\"siderolabs/qemu-guest-agent\"]"},"extraKernelArgs":{"type":"array","items":{"type":"string"},"description":"Extra kernel arguments baked into the schematic (boot image and installer). Default: none"},"scheduleOnControlPlanes":{"type":"boolean","description":"Control planes also run workloads (`allowSchedulingOnControlPlanes`). Default: true when the cluster has no workers"}},"additionalProperties":false,"description":"Talos image and OS settings."};
const schema25 = {"type":"object","properties":{"type":{"enum":["local","s3","pg"]}},"required":["type"],"allOf":[{"if":{"properties":{"type":{"type":"string","const":"local","description":"A local state file."}}},"then":{"type":"object","properties":{"type":{"type":"string","const":"local","description":"A local state file."},"path":{"type":"string","description":"State file path. Default: `terraform.<cluster>.tfstate` in the project folder"}},"required":["type"],"additionalProperties":false}},{"if":{"properties":{"type":{"type":"string","const":"s3","description":"S3-compatible bucket (MinIO, Ceph RGW, AWS) with lock files; credentials from `AWS_*` env vars."}}},"then":{"type":"object","properties":{"type":{"type":"string","const":"s3","description":"S3-compatible bucket (MinIO, Ceph RGW, AWS) with lock files; credentials from `AWS_*` env vars."},"bucket":{"type":"string","description":"Bucket name."},"key":{"type":"string","description":"Object key of the state. Default: `talos/<cluster>.tfstate`"},"region":{"type":"string","description":"Bucket region. Default: us-east-1"},"endpoint":{"type":"string","description":"Endpoint URL of a non-AWS store. Default: AWS"}},"required":["type","bucket"],"additionalProperties":false}},{"if":{"properties":{"type":{"type":"string","const":"pg","description":"PostgreSQL; the connection string comes from the `PG_CONN_STR` environment variable."}}},"then":{"type":"object","properties":{"type":{"type":"string","const":"pg","description":"PostgreSQL; the connection string comes from the `PG_CONN_STR` environment variable."},"schemaName":{"type":"string","description":"Database schema of the state. Default: `talos_<cluster>` with dashes as underscores"}},"required":["type"],"additionalProperties":false}}],"description":"Where Terraform keeps this cluster's state (which holds the cluster's root secrets)."};
const schema26 = {"type":"object","properties":{"workerBatchSize":{"type":"number","description":"Workers upgraded at the same time (control planes always go one at a time). Default: 1"},"nodeTimeoutMinutes":{"type":"number","description":"Minutes each node may take to come back healthy after an upgrade before the rollout stops. Default: 15"}},"additionalProperties":false,"description":"Rolling upgrade settings."};
const func2 = Object.prototype.hasOwnProperty;
const schema16 = {"type":"object","properties":{"cores":{"type":"number","description":"vCPU cores. Default: 2 for control planes, 4 for workers"},"memoryGiB":{"type":"number","description":"Memory in GiB (ballooning is always off). Default: 4 for control planes, 8 for workers"},"diskGiB":{"type":"number","description":"System disk in GiB. Default: 20 for control planes, 50 for workers"},"extraDisks":{"type":"array","items":{"$ref":"#/definitions/ExtraDiskDefinition"},"description":"Extra data disks. Default: none"},"count":{"type":"number","description":"Number of nodes, named `<cluster>-<cp|worker>-<n>` (n from 1). Default: the length of `nodes`"},"firstIp":{"type":"string","description":"First address of a counted pool; node n gets `firstIp + n - 1`. Default: required with `count`"},"nodes":{"type":"array","items":{"$ref":"#/definitions/NodeDefinition"},"description":"Explicit nodes. Default: none"},"hosts":{"type":"array","items":{"type":"string"},"description":"Hosts the automatic placement may use, in order of preference. Default: every declared host"}},"additionalProperties":false,"description":"A pool of control planes or workers: either `count` nodes with addresses assigned upwards from `firstIp`, or an explicit `nodes` list. Not both."};
const schema17 = {"type":"object","properties":{"sizeGiB":{"type":"number","description":"Size in GiB."},"datastore":{"type":"string","description":"Datastore of the disk. Default: the host's `vmDatastore`"}},"required":["sizeGiB"],"additionalProperties":false,"description":"An extra data disk of a node (for example for Longhorn or Rook)."};
const schema18 = {"type":"object","properties":{"cores":{"type":"number","description":"vCPU cores. Default: 2 for control planes, 4 for workers"},"memoryGiB":{"type":"number","description":"Memory in GiB (ballooning is always off). Default: 4 for control planes, 8 for workers"},"diskGiB":{"type":"number","description":"System disk in GiB. Default: 20 for control planes, 50 for workers"},"extraDisks":{"type":"array","items":{"$ref":"#/definitions/ExtraDiskDefinition"},"description":"Extra data disks. Default: none"},"name":{"type":"string","description":"Hostname of the node and name of its VM (DNS-1123 label)."},"ip":{"type":"string","description":"Static IPv4 address inside `network.cidr`."},"host":{"type":"string","description":"Proxmox host that runs the VM. Default: spread automatically: control planes on distinct hosts first, then the least-loaded host"},"vmId":{"type":"number","description":"Proxmox VM ID. Default: `vmIdBase` + the node's offset in the node network (192.168.10.21 in a /24 → `vmIdBase` + 21):\nstable when other nodes are added, removed or reordered"},"macAddress":{"type":"string","description":"MAC address of the NIC. Default: derived from cluster and node name (locally administered, stable across runs)"}},"required":["name","ip"],"additionalProperties":false,"description":"One explicitly listed node."};

function validate13(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema18.required,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.ip === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "ip"},message:"must have required property '"+"ip"+"'",schema:schema18.required,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema18.properties, key0))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.cores !== undefined){
let data0 = data.cores;
if(!((typeof data0 == "number") && (isFinite(data0)))){
const err3 = {instancePath:instancePath+"/cores",schemaPath:"#/properties/cores/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema18.properties.cores.type,parentSchema:schema18.properties.cores,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.memoryGiB !== undefined){
let data1 = data.memoryGiB;
if(!((typeof data1 == "number") && (isFinite(data1)))){
const err4 = {instancePath:instancePath+"/memoryGiB",schemaPath:"#/properties/memoryGiB/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema18.properties.memoryGiB.type,parentSchema:schema18.properties.memoryGiB,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.diskGiB !== undefined){
let data2 = data.diskGiB;
if(!((typeof data2 == "number") && (isFinite(data2)))){
const err5 = {instancePath:instancePath+"/diskGiB",schemaPath:"#/properties/diskGiB/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema18.properties.diskGiB.type,parentSchema:schema18.properties.diskGiB,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.extraDisks !== undefined){
let data3 = data.extraDisks;
if(Array.isArray(data3)){
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.sizeGiB === undefined){
const err6 = {instancePath:instancePath+"/extraDisks/" + i0,schemaPath:"#/definitions/ExtraDiskDefinition/required",keyword:"required",params:{missingProperty: "sizeGiB"},message:"must have required property '"+"sizeGiB"+"'",schema:schema17.required,parentSchema:schema17,data:data4};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key1 in data4){
if(!((key1 === "sizeGiB") || (key1 === "datastore"))){
const err7 = {instancePath:instancePath+"/extraDisks/" + i0,schemaPath:"#/definitions/ExtraDiskDefinition/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema17,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data4.sizeGiB !== undefined){
let data5 = data4.sizeGiB;
if(!((typeof data5 == "number") && (isFinite(data5)))){
const err8 = {instancePath:instancePath+"/extraDisks/" + i0+"/sizeGiB",schemaPath:"#/definitions/ExtraDiskDefinition/properties/sizeGiB/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema17.properties.sizeGiB.type,parentSchema:schema17.properties.sizeGiB,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data4.datastore !== undefined){
let data6 = data4.datastore;
if(typeof data6 !== "string"){
const err9 = {instancePath:instancePath+"/extraDisks/" + i0+"/datastore",schemaPath:"#/definitions/ExtraDiskDefinition/properties/datastore/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.datastore.type,parentSchema:schema17.properties.datastore,data:data6};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath:instancePath+"/extraDisks/" + i0,schemaPath:"#/definitions/ExtraDiskDefinition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.type,parentSchema:schema17,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath:instancePath+"/extraDisks",schemaPath:"#/properties/extraDisks/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema18.properties.extraDisks.type,parentSchema:schema18.properties.extraDisks,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.name !== undefined){
let data7 = data.name;
if(typeof data7 !== "string"){
const err12 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.name.type,parentSchema:schema18.properties.name,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.ip !== undefined){
let data8 = data.ip;
if(typeof data8 !== "string"){
const err13 = {instancePath:instancePath+"/ip",schemaPath:"#/properties/ip/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.ip.type,parentSchema:schema18.properties.ip,data:data8};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.host !== undefined){
let data9 = data.host;
if(typeof data9 !== "string"){
const err14 = {instancePath:instancePath+"/host",schemaPath:"#/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.host.type,parentSchema:schema18.properties.host,data:data9};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.vmId !== undefined){
let data10 = data.vmId;
if(!((typeof data10 == "number") && (isFinite(data10)))){
const err15 = {instancePath:instancePath+"/vmId",schemaPath:"#/properties/vmId/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema18.properties.vmId.type,parentSchema:schema18.properties.vmId,data:data10};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.macAddress !== undefined){
let data11 = data.macAddress;
if(typeof data11 !== "string"){
const err16 = {instancePath:instancePath+"/macAddress",schemaPath:"#/properties/macAddress/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.macAddress.type,parentSchema:schema18.properties.macAddress,data:data11};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema18.type,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
validate13.errors = vErrors;
return errors === 0;
}


function validate12(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((((((key0 === "cores") || (key0 === "memoryGiB")) || (key0 === "diskGiB")) || (key0 === "extraDisks")) || (key0 === "count")) || (key0 === "firstIp")) || (key0 === "nodes")) || (key0 === "hosts"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema16,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.cores !== undefined){
let data0 = data.cores;
if(!((typeof data0 == "number") && (isFinite(data0)))){
const err1 = {instancePath:instancePath+"/cores",schemaPath:"#/properties/cores/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema16.properties.cores.type,parentSchema:schema16.properties.cores,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.memoryGiB !== undefined){
let data1 = data.memoryGiB;
if(!((typeof data1 == "number") && (isFinite(data1)))){
const err2 = {instancePath:instancePath+"/memoryGiB",schemaPath:"#/properties/memoryGiB/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema16.properties.memoryGiB.type,parentSchema:schema16.properties.memoryGiB,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.diskGiB !== undefined){
let data2 = data.diskGiB;
if(!((typeof data2 == "number") && (isFinite(data2)))){
const err3 = {instancePath:instancePath+"/diskGiB",schemaPath:"#/properties/diskGiB/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema16.properties.diskGiB.type,parentSchema:schema16.properties.diskGiB,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.extraDisks !== undefined){
let data3 = data.extraDisks;
if(Array.isArray(data3)){
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.sizeGiB === undefined){
const err4 = {instancePath:instancePath+"/extraDisks/" + i0,schemaPath:"#/definitions/ExtraDiskDefinition/required",keyword:"required",params:{missingProperty: "sizeGiB"},message:"must have required property '"+"sizeGiB"+"'",schema:schema17.required,parentSchema:schema17,data:data4};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key1 in data4){
if(!((key1 === "sizeGiB") || (key1 === "datastore"))){
const err5 = {instancePath:instancePath+"/extraDisks/" + i0,schemaPath:"#/definitions/ExtraDiskDefinition/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema17,data:data4};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data4.sizeGiB !== undefined){
let data5 = data4.sizeGiB;
if(!((typeof data5 == "number") && (isFinite(data5)))){
const err6 = {instancePath:instancePath+"/extraDisks/" + i0+"/sizeGiB",schemaPath:"#/definitions/ExtraDiskDefinition/properties/sizeGiB/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema17.properties.sizeGiB.type,parentSchema:schema17.properties.sizeGiB,data:data5};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data4.datastore !== undefined){
let data6 = data4.datastore;
if(typeof data6 !== "string"){
const err7 = {instancePath:instancePath+"/extraDisks/" + i0+"/datastore",schemaPath:"#/definitions/ExtraDiskDefinition/properties/datastore/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.datastore.type,parentSchema:schema17.properties.datastore,data:data6};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/extraDisks/" + i0,schemaPath:"#/definitions/ExtraDiskDefinition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.type,parentSchema:schema17,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath:instancePath+"/extraDisks",schemaPath:"#/properties/extraDisks/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema16.properties.extraDisks.type,parentSchema:schema16.properties.extraDisks,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.count !== undefined){
let data7 = data.count;
if(!((typeof data7 == "number") && (isFinite(data7)))){
const err10 = {instancePath:instancePath+"/count",schemaPath:"#/properties/count/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema16.properties.count.type,parentSchema:schema16.properties.count,data:data7};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.firstIp !== undefined){
let data8 = data.firstIp;
if(typeof data8 !== "string"){
const err11 = {instancePath:instancePath+"/firstIp",schemaPath:"#/properties/firstIp/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.firstIp.type,parentSchema:schema16.properties.firstIp,data:data8};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.nodes !== undefined){
let data9 = data.nodes;
if(Array.isArray(data9)){
const len1 = data9.length;
for(let i1=0; i1<len1; i1++){
if(!(validate13(data9[i1], {instancePath:instancePath+"/nodes/" + i1,parentData:data9,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);
errors = vErrors.length;
}
}
}
else {
const err12 = {instancePath:instancePath+"/nodes",schemaPath:"#/properties/nodes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema16.properties.nodes.type,parentSchema:schema16.properties.nodes,data:data9};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.hosts !== undefined){
let data11 = data.hosts;
if(Array.isArray(data11)){
const len2 = data11.length;
for(let i2=0; i2<len2; i2++){
let data12 = data11[i2];
if(typeof data12 !== "string"){
const err13 = {instancePath:instancePath+"/hosts/" + i2,schemaPath:"#/properties/hosts/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.hosts.items.type,parentSchema:schema16.properties.hosts.items,data:data12};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/hosts",schemaPath:"#/properties/hosts/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema16.properties.hosts.type,parentSchema:schema16.properties.hosts,data:data11};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema16.type,parentSchema:schema16,data};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
validate12.errors = vErrors;
return errors === 0;
}

const schema21 = {"type":"object","properties":{"cni":{"type":"string","enum":["none","flannel"],"description":"CNI when Cilium is off; the only valid value is the default. Default: 'none' when Cilium is on, 'flannel' when Cilium is off"},"cilium":{"$ref":"#/definitions/CiliumDefinition","description":"Cilium. Default: enabled with defaults"},"argocd":{"$ref":"#/definitions/ArgoCdDefinition","description":"Argo CD. Default: enabled with defaults"},"certManager":{"$ref":"#/definitions/CertManagerDefinition","description":"cert-manager. Default: enabled with defaults"}},"additionalProperties":false,"description":"Add-ons installed at bootstrap as Talos inline manifests."};
const schema22 = {"type":"object","properties":{"enabled":{"type":"boolean","description":"Install Cilium as the CNI and kube-proxy replacement. Turning it off requires `cni: 'flannel'`. Default: true"},"loadBalancerRange":{"type":"string","description":"Addresses Cilium hands to `LoadBalancer` services and announces over L2, `first-last` inside the node network, e.g. `192.168.10.200-192.168.10.220`. Default: no load-balancer pool"},"gatewayApi":{"type":"boolean","description":"Install the Gateway API CRDs and enable Cilium's Gateway API support. Default: false"},"hubble":{"type":"boolean","description":"Enable Hubble (relay and UI). Its TLS certificates never come from Helm (they would change on every render): from cert-manager when `certManager.caIssuerName` is set, otherwise from Cilium's CronJob. Default: false"},"extraValuesFiles":{"type":"array","items":{"type":"string"},"description":"Extra values files under `helm-values/`, merged after `cilium.yaml`. Default: none"}},"additionalProperties":false,"description":"Cilium CNI settings."};
const schema23 = {"type":"object","properties":{"enabled":{"type":"boolean","description":"Install Argo CD. Default: true"},"bootstrapRepoUrl":{"type":"string","description":"Git repository of an app-of-apps `Application` created at bootstrap. Default: no bootstrap application"},"bootstrapPath":{"type":"string","description":"Path inside the repository. Default: apps"},"bootstrapRevision":{"type":"string","description":"Revision the bootstrap application tracks: a tag or commit (a branch name works, with a warning). Default: none: required when `bootstrapRepoUrl` is set"},"domain":{"type":"string","description":"Host name Argo CD is served under (the chart's `global.domain`: the UI and API URL, SSO redirects, the server certificate's name). A values file cannot override it. Default: the chart's own (`argocd.example.com`)"}},"additionalProperties":false,"description":"Argo CD settings."};
const schema24 = {"type":"object","properties":{"enabled":{"type":"boolean","description":"Install cert-manager (CRDs included). Default: true"},"caIssuerName":{"type":"string","description":"Create a self-signed root CA and a `ClusterIssuer` of this name that issues from it. Default: no issuer"}},"additionalProperties":false,"description":"cert-manager settings."};

function validate17(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((key0 === "cni") || (key0 === "cilium")) || (key0 === "argocd")) || (key0 === "certManager"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema21,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.cni !== undefined){
let data0 = data.cni;
if(typeof data0 !== "string"){
const err1 = {instancePath:instancePath+"/cni",schemaPath:"#/properties/cni/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema21.properties.cni.type,parentSchema:schema21.properties.cni,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!((data0 === "none") || (data0 === "flannel"))){
const err2 = {instancePath:instancePath+"/cni",schemaPath:"#/properties/cni/enum",keyword:"enum",params:{allowedValues: schema21.properties.cni.enum},message:"must be equal to one of the allowed values",schema:schema21.properties.cni.enum,parentSchema:schema21.properties.cni,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.cilium !== undefined){
let data1 = data.cilium;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key1 in data1){
if(!(((((key1 === "enabled") || (key1 === "loadBalancerRange")) || (key1 === "gatewayApi")) || (key1 === "hubble")) || (key1 === "extraValuesFiles"))){
const err3 = {instancePath:instancePath+"/cilium",schemaPath:"#/definitions/CiliumDefinition/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema22,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data1.enabled !== undefined){
let data2 = data1.enabled;
if(typeof data2 !== "boolean"){
const err4 = {instancePath:instancePath+"/cilium/enabled",schemaPath:"#/definitions/CiliumDefinition/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema22.properties.enabled.type,parentSchema:schema22.properties.enabled,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data1.loadBalancerRange !== undefined){
let data3 = data1.loadBalancerRange;
if(typeof data3 !== "string"){
const err5 = {instancePath:instancePath+"/cilium/loadBalancerRange",schemaPath:"#/definitions/CiliumDefinition/properties/loadBalancerRange/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.loadBalancerRange.type,parentSchema:schema22.properties.loadBalancerRange,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data1.gatewayApi !== undefined){
let data4 = data1.gatewayApi;
if(typeof data4 !== "boolean"){
const err6 = {instancePath:instancePath+"/cilium/gatewayApi",schemaPath:"#/definitions/CiliumDefinition/properties/gatewayApi/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema22.properties.gatewayApi.type,parentSchema:schema22.properties.gatewayApi,data:data4};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data1.hubble !== undefined){
let data5 = data1.hubble;
if(typeof data5 !== "boolean"){
const err7 = {instancePath:instancePath+"/cilium/hubble",schemaPath:"#/definitions/CiliumDefinition/properties/hubble/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema22.properties.hubble.type,parentSchema:schema22.properties.hubble,data:data5};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data1.extraValuesFiles !== undefined){
let data6 = data1.extraValuesFiles;
if(Array.isArray(data6)){
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
let data7 = data6[i0];
if(typeof data7 !== "string"){
const err8 = {instancePath:instancePath+"/cilium/extraValuesFiles/" + i0,schemaPath:"#/definitions/CiliumDefinition/properties/extraValuesFiles/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.extraValuesFiles.items.type,parentSchema:schema22.properties.extraValuesFiles.items,data:data7};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath:instancePath+"/cilium/extraValuesFiles",schemaPath:"#/definitions/CiliumDefinition/properties/extraValuesFiles/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema22.properties.extraValuesFiles.type,parentSchema:schema22.properties.extraValuesFiles,data:data6};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath:instancePath+"/cilium",schemaPath:"#/definitions/CiliumDefinition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema22.type,parentSchema:schema22,data:data1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.argocd !== undefined){
let data8 = data.argocd;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
for(const key2 in data8){
if(!(((((key2 === "enabled") || (key2 === "bootstrapRepoUrl")) || (key2 === "bootstrapPath")) || (key2 === "bootstrapRevision")) || (key2 === "domain"))){
const err11 = {instancePath:instancePath+"/argocd",schemaPath:"#/definitions/ArgoCdDefinition/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema23,data:data8};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data8.enabled !== undefined){
let data9 = data8.enabled;
if(typeof data9 !== "boolean"){
const err12 = {instancePath:instancePath+"/argocd/enabled",schemaPath:"#/definitions/ArgoCdDefinition/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema23.properties.enabled.type,parentSchema:schema23.properties.enabled,data:data9};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data8.bootstrapRepoUrl !== undefined){
let data10 = data8.bootstrapRepoUrl;
if(typeof data10 !== "string"){
const err13 = {instancePath:instancePath+"/argocd/bootstrapRepoUrl",schemaPath:"#/definitions/ArgoCdDefinition/properties/bootstrapRepoUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.properties.bootstrapRepoUrl.type,parentSchema:schema23.properties.bootstrapRepoUrl,data:data10};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data8.bootstrapPath !== undefined){
let data11 = data8.bootstrapPath;
if(typeof data11 !== "string"){
const err14 = {instancePath:instancePath+"/argocd/bootstrapPath",schemaPath:"#/definitions/ArgoCdDefinition/properties/bootstrapPath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.properties.bootstrapPath.type,parentSchema:schema23.properties.bootstrapPath,data:data11};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data8.bootstrapRevision !== undefined){
let data12 = data8.bootstrapRevision;
if(typeof data12 !== "string"){
const err15 = {instancePath:instancePath+"/argocd/bootstrapRevision",schemaPath:"#/definitions/ArgoCdDefinition/properties/bootstrapRevision/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.properties.bootstrapRevision.type,parentSchema:schema23.properties.bootstrapRevision,data:data12};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data8.domain !== undefined){
let data13 = data8.domain;
if(typeof data13 !== "string"){
const err16 = {instancePath:instancePath+"/argocd/domain",schemaPath:"#/definitions/ArgoCdDefinition/properties/domain/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.properties.domain.type,parentSchema:schema23.properties.domain,data:data13};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath:instancePath+"/argocd",schemaPath:"#/definitions/ArgoCdDefinition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema23.type,parentSchema:schema23,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.certManager !== undefined){
let data14 = data.certManager;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
for(const key3 in data14){
if(!((key3 === "enabled") || (key3 === "caIssuerName"))){
const err18 = {instancePath:instancePath+"/certManager",schemaPath:"#/definitions/CertManagerDefinition/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema24,data:data14};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data14.enabled !== undefined){
let data15 = data14.enabled;
if(typeof data15 !== "boolean"){
const err19 = {instancePath:instancePath+"/certManager/enabled",schemaPath:"#/definitions/CertManagerDefinition/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema24.properties.enabled.type,parentSchema:schema24.properties.enabled,data:data15};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data14.caIssuerName !== undefined){
let data16 = data14.caIssuerName;
if(typeof data16 !== "string"){
const err20 = {instancePath:instancePath+"/certManager/caIssuerName",schemaPath:"#/definitions/CertManagerDefinition/properties/caIssuerName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema24.properties.caIssuerName.type,parentSchema:schema24.properties.caIssuerName,data:data16};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/certManager",schemaPath:"#/definitions/CertManagerDefinition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema24.type,parentSchema:schema24,data:data14};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.type,parentSchema:schema21,data};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
validate17.errors = vErrors;
return errors === 0;
}


function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.endpoint === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "endpoint"},message:"must have required property '"+"endpoint"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.network === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "network"},message:"must have required property '"+"network"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.proxmoxHosts === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "proxmoxHosts"},message:"must have required property '"+"proxmoxHosts"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.controlPlanes === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "controlPlanes"},message:"must have required property '"+"controlPlanes"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema12.properties, key0))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 !== "string"){
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.name.type,parentSchema:schema12.properties.name,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.endpoint !== undefined){
let data1 = data.endpoint;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.vip === undefined){
const err7 = {instancePath:instancePath+"/endpoint",schemaPath:"#/definitions/ApiEndpointDefinition/required",keyword:"required",params:{missingProperty: "vip"},message:"must have required property '"+"vip"+"'",schema:schema13.required,parentSchema:schema13,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
for(const key1 in data1){
if(!((key1 === "vip") || (key1 === "dnsName"))){
const err8 = {instancePath:instancePath+"/endpoint",schemaPath:"#/definitions/ApiEndpointDefinition/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema13,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data1.vip !== undefined){
let data2 = data1.vip;
if(typeof data2 !== "string"){
const err9 = {instancePath:instancePath+"/endpoint/vip",schemaPath:"#/definitions/ApiEndpointDefinition/properties/vip/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.vip.type,parentSchema:schema13.properties.vip,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data1.dnsName !== undefined){
let data3 = data1.dnsName;
if(typeof data3 !== "string"){
const err10 = {instancePath:instancePath+"/endpoint/dnsName",schemaPath:"#/definitions/ApiEndpointDefinition/properties/dnsName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.dnsName.type,parentSchema:schema13.properties.dnsName,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath:instancePath+"/endpoint",schemaPath:"#/definitions/ApiEndpointDefinition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema13.type,parentSchema:schema13,data:data1};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.network !== undefined){
let data4 = data.network;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.cidr === undefined){
const err12 = {instancePath:instancePath+"/network",schemaPath:"#/definitions/NodeNetworkDefinition/required",keyword:"required",params:{missingProperty: "cidr"},message:"must have required property '"+"cidr"+"'",schema:schema14.required,parentSchema:schema14,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data4.gateway === undefined){
const err13 = {instancePath:instancePath+"/network",schemaPath:"#/definitions/NodeNetworkDefinition/required",keyword:"required",params:{missingProperty: "gateway"},message:"must have required property '"+"gateway"+"'",schema:schema14.required,parentSchema:schema14,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
for(const key2 in data4){
if(!((((((key2 === "cidr") || (key2 === "gateway")) || (key2 === "dnsServers")) || (key2 === "ntpServers")) || (key2 === "bridge")) || (key2 === "vlan"))){
const err14 = {instancePath:instancePath+"/network",schemaPath:"#/definitions/NodeNetworkDefinition/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema14,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data4.cidr !== undefined){
let data5 = data4.cidr;
if(typeof data5 !== "string"){
const err15 = {instancePath:instancePath+"/network/cidr",schemaPath:"#/definitions/NodeNetworkDefinition/properties/cidr/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.cidr.type,parentSchema:schema14.properties.cidr,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data4.gateway !== undefined){
let data6 = data4.gateway;
if(typeof data6 !== "string"){
const err16 = {instancePath:instancePath+"/network/gateway",schemaPath:"#/definitions/NodeNetworkDefinition/properties/gateway/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.gateway.type,parentSchema:schema14.properties.gateway,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data4.dnsServers !== undefined){
let data7 = data4.dnsServers;
if(Array.isArray(data7)){
const len0 = data7.length;
for(let i0=0; i0<len0; i0++){
let data8 = data7[i0];
if(typeof data8 !== "string"){
const err17 = {instancePath:instancePath+"/network/dnsServers/" + i0,schemaPath:"#/definitions/NodeNetworkDefinition/properties/dnsServers/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.dnsServers.items.type,parentSchema:schema14.properties.dnsServers.items,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/network/dnsServers",schemaPath:"#/definitions/NodeNetworkDefinition/properties/dnsServers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema14.properties.dnsServers.type,parentSchema:schema14.properties.dnsServers,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data4.ntpServers !== undefined){
let data9 = data4.ntpServers;
if(Array.isArray(data9)){
const len1 = data9.length;
for(let i1=0; i1<len1; i1++){
let data10 = data9[i1];
if(typeof data10 !== "string"){
const err19 = {instancePath:instancePath+"/network/ntpServers/" + i1,schemaPath:"#/definitions/NodeNetworkDefinition/properties/ntpServers/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.ntpServers.items.type,parentSchema:schema14.properties.ntpServers.items,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/network/ntpServers",schemaPath:"#/definitions/NodeNetworkDefinition/properties/ntpServers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema14.properties.ntpServers.type,parentSchema:schema14.properties.ntpServers,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data4.bridge !== undefined){
let data11 = data4.bridge;
if(typeof data11 !== "string"){
const err21 = {instancePath:instancePath+"/network/bridge",schemaPath:"#/definitions/NodeNetworkDefinition/properties/bridge/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.bridge.type,parentSchema:schema14.properties.bridge,data:data11};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data4.vlan !== undefined){
let data12 = data4.vlan;
if(!((typeof data12 == "number") && (isFinite(data12)))){
const err22 = {instancePath:instancePath+"/network/vlan",schemaPath:"#/definitions/NodeNetworkDefinition/properties/vlan/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema14.properties.vlan.type,parentSchema:schema14.properties.vlan,data:data12};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath:instancePath+"/network",schemaPath:"#/definitions/NodeNetworkDefinition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.type,parentSchema:schema14,data:data4};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.podCidr !== undefined){
let data13 = data.podCidr;
if(typeof data13 !== "string"){
const err24 = {instancePath:instancePath+"/podCidr",schemaPath:"#/properties/podCidr/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.podCidr.type,parentSchema:schema12.properties.podCidr,data:data13};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.serviceCidr !== undefined){
let data14 = data.serviceCidr;
if(typeof data14 !== "string"){
const err25 = {instancePath:instancePath+"/serviceCidr",schemaPath:"#/properties/serviceCidr/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.serviceCidr.type,parentSchema:schema12.properties.serviceCidr,data:data14};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data.proxmoxHosts !== undefined){
let data15 = data.proxmoxHosts;
if(Array.isArray(data15)){
const len2 = data15.length;
for(let i2=0; i2<len2; i2++){
let data16 = data15[i2];
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
if(data16.name === undefined){
const err26 = {instancePath:instancePath+"/proxmoxHosts/" + i2,schemaPath:"#/definitions/ProxmoxHostDefinition/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema15.required,parentSchema:schema15,data:data16};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
for(const key3 in data16){
if(!(((((key3 === "name") || (key3 === "vmDatastore")) || (key3 === "imageDatastore")) || (key3 === "imageDatastoreShared")) || (key3 === "bridge"))){
const err27 = {instancePath:instancePath+"/proxmoxHosts/" + i2,schemaPath:"#/definitions/ProxmoxHostDefinition/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema15,data:data16};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data16.name !== undefined){
let data17 = data16.name;
if(typeof data17 !== "string"){
const err28 = {instancePath:instancePath+"/proxmoxHosts/" + i2+"/name",schemaPath:"#/definitions/ProxmoxHostDefinition/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.name.type,parentSchema:schema15.properties.name,data:data17};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data16.vmDatastore !== undefined){
let data18 = data16.vmDatastore;
if(typeof data18 !== "string"){
const err29 = {instancePath:instancePath+"/proxmoxHosts/" + i2+"/vmDatastore",schemaPath:"#/definitions/ProxmoxHostDefinition/properties/vmDatastore/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.vmDatastore.type,parentSchema:schema15.properties.vmDatastore,data:data18};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data16.imageDatastore !== undefined){
let data19 = data16.imageDatastore;
if(typeof data19 !== "string"){
const err30 = {instancePath:instancePath+"/proxmoxHosts/" + i2+"/imageDatastore",schemaPath:"#/definitions/ProxmoxHostDefinition/properties/imageDatastore/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.imageDatastore.type,parentSchema:schema15.properties.imageDatastore,data:data19};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data16.imageDatastoreShared !== undefined){
let data20 = data16.imageDatastoreShared;
if(typeof data20 !== "boolean"){
const err31 = {instancePath:instancePath+"/proxmoxHosts/" + i2+"/imageDatastoreShared",schemaPath:"#/definitions/ProxmoxHostDefinition/properties/imageDatastoreShared/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema15.properties.imageDatastoreShared.type,parentSchema:schema15.properties.imageDatastoreShared,data:data20};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data16.bridge !== undefined){
let data21 = data16.bridge;
if(typeof data21 !== "string"){
const err32 = {instancePath:instancePath+"/proxmoxHosts/" + i2+"/bridge",schemaPath:"#/definitions/ProxmoxHostDefinition/properties/bridge/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.bridge.type,parentSchema:schema15.properties.bridge,data:data21};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath:instancePath+"/proxmoxHosts/" + i2,schemaPath:"#/definitions/ProxmoxHostDefinition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.type,parentSchema:schema15,data:data16};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
else {
const err34 = {instancePath:instancePath+"/proxmoxHosts",schemaPath:"#/properties/proxmoxHosts/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.proxmoxHosts.type,parentSchema:schema12.properties.proxmoxHosts,data:data15};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data.vmIdBase !== undefined){
let data22 = data.vmIdBase;
if(!((typeof data22 == "number") && (isFinite(data22)))){
const err35 = {instancePath:instancePath+"/vmIdBase",schemaPath:"#/properties/vmIdBase/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema12.properties.vmIdBase.type,parentSchema:schema12.properties.vmIdBase,data:data22};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data.controlPlanes !== undefined){
if(!(validate12(data.controlPlanes, {instancePath:instancePath+"/controlPlanes",parentData:data,parentDataProperty:"controlPlanes",rootData}))){
vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);
errors = vErrors.length;
}
}
if(data.workers !== undefined){
if(!(validate12(data.workers, {instancePath:instancePath+"/workers",parentData:data,parentDataProperty:"workers",rootData}))){
vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);
errors = vErrors.length;
}
}
if(data.kubernetesVersion !== undefined){
let data25 = data.kubernetesVersion;
if(typeof data25 !== "string"){
const err36 = {instancePath:instancePath+"/kubernetesVersion",schemaPath:"#/properties/kubernetesVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.kubernetesVersion.type,parentSchema:schema12.properties.kubernetesVersion,data:data25};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data.talos !== undefined){
let data26 = data.talos;
if(data26 && typeof data26 == "object" && !Array.isArray(data26)){
for(const key4 in data26){
if(!(((((key4 === "version") || (key4 === "configContract")) || (key4 === "extensions")) || (key4 === "extraKernelArgs")) || (key4 === "scheduleOnControlPlanes"))){
const err37 = {instancePath:instancePath+"/talos",schemaPath:"#/definitions/TalosDefinition/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema20,data:data26};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data26.version !== undefined){
let data27 = data26.version;
if(typeof data27 !== "string"){
const err38 = {instancePath:instancePath+"/talos/version",schemaPath:"#/definitions/TalosDefinition/properties/version/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.properties.version.type,parentSchema:schema20.properties.version,data:data27};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data26.configContract !== undefined){
let data28 = data26.configContract;
if(typeof data28 !== "string"){
const err39 = {instancePath:instancePath+"/talos/configContract",schemaPath:"#/definitions/TalosDefinition/properties/configContract/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.properties.configContract.type,parentSchema:schema20.properties.configContract,data:data28};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data26.extensions !== undefined){
let data29 = data26.extensions;
if(Array.isArray(data29)){
const len3 = data29.length;
for(let i3=0; i3<len3; i3++){
let data30 = data29[i3];
if(typeof data30 !== "string"){
const err40 = {instancePath:instancePath+"/talos/extensions/" + i3,schemaPath:"#/definitions/TalosDefinition/properties/extensions/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.properties.extensions.items.type,parentSchema:schema20.properties.extensions.items,data:data30};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath:instancePath+"/talos/extensions",schemaPath:"#/definitions/TalosDefinition/properties/extensions/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema20.properties.extensions.type,parentSchema:schema20.properties.extensions,data:data29};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data26.extraKernelArgs !== undefined){
let data31 = data26.extraKernelArgs;
if(Array.isArray(data31)){
const len4 = data31.length;
for(let i4=0; i4<len4; i4++){
let data32 = data31[i4];
if(typeof data32 !== "string"){
const err42 = {instancePath:instancePath+"/talos/extraKernelArgs/" + i4,schemaPath:"#/definitions/TalosDefinition/properties/extraKernelArgs/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.properties.extraKernelArgs.items.type,parentSchema:schema20.properties.extraKernelArgs.items,data:data32};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
else {
const err43 = {instancePath:instancePath+"/talos/extraKernelArgs",schemaPath:"#/definitions/TalosDefinition/properties/extraKernelArgs/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema20.properties.extraKernelArgs.type,parentSchema:schema20.properties.extraKernelArgs,data:data31};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data26.scheduleOnControlPlanes !== undefined){
let data33 = data26.scheduleOnControlPlanes;
if(typeof data33 !== "boolean"){
const err44 = {instancePath:instancePath+"/talos/scheduleOnControlPlanes",schemaPath:"#/definitions/TalosDefinition/properties/scheduleOnControlPlanes/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema20.properties.scheduleOnControlPlanes.type,parentSchema:schema20.properties.scheduleOnControlPlanes,data:data33};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
}
else {
const err45 = {instancePath:instancePath+"/talos",schemaPath:"#/definitions/TalosDefinition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.type,parentSchema:schema20,data:data26};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data.addons !== undefined){
if(!(validate17(data.addons, {instancePath:instancePath+"/addons",parentData:data,parentDataProperty:"addons",rootData}))){
vErrors = vErrors === null ? validate17.errors : vErrors.concat(validate17.errors);
errors = vErrors.length;
}
}
if(data.state !== undefined){
let data35 = data.state;
const _errs81 = errors;
let valid21 = true;
const _errs82 = errors;
if(data35 && typeof data35 == "object" && !Array.isArray(data35)){
if(data35.type !== undefined){
let data36 = data35.type;
if(typeof data36 !== "string"){
const err46 = {};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if("local" !== data36){
const err47 = {};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
var _valid0 = _errs82 === errors;
errors = _errs81;
if(vErrors !== null){
if(_errs81){
vErrors.length = _errs81;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs85 = errors;
if(data35 && typeof data35 == "object" && !Array.isArray(data35)){
if(data35.type === undefined){
const err48 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/StateBackendDefinition/allOf/0/then/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema25.allOf[0].then.required,parentSchema:schema25.allOf[0].then,data:data35};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
for(const key5 in data35){
if(!((key5 === "type") || (key5 === "path"))){
const err49 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/StateBackendDefinition/allOf/0/then/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema25.allOf[0].then,data:data35};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data35.type !== undefined){
let data37 = data35.type;
if(typeof data37 !== "string"){
const err50 = {instancePath:instancePath+"/state/type",schemaPath:"#/definitions/StateBackendDefinition/allOf/0/then/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.allOf[0].then.properties.type.type,parentSchema:schema25.allOf[0].then.properties.type,data:data37};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
if("local" !== data37){
const err51 = {instancePath:instancePath+"/state/type",schemaPath:"#/definitions/StateBackendDefinition/allOf/0/then/properties/type/const",keyword:"const",params:{allowedValue: "local"},message:"must be equal to constant",schema:"local",parentSchema:schema25.allOf[0].then.properties.type,data:data37};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
if(data35.path !== undefined){
let data38 = data35.path;
if(typeof data38 !== "string"){
const err52 = {instancePath:instancePath+"/state/path",schemaPath:"#/definitions/StateBackendDefinition/allOf/0/then/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.allOf[0].then.properties.path.type,parentSchema:schema25.allOf[0].then.properties.path,data:data38};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
}
else {
const err53 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/StateBackendDefinition/allOf/0/then/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema25.allOf[0].then.type,parentSchema:schema25.allOf[0].then,data:data35};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
var _valid0 = _errs85 === errors;
valid21 = _valid0;
}
if(!valid21){
const err54 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/StateBackendDefinition/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema25.allOf[0].if,parentSchema:schema25.allOf[0],data:data35};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
const _errs93 = errors;
let valid24 = true;
const _errs94 = errors;
if(data35 && typeof data35 == "object" && !Array.isArray(data35)){
if(data35.type !== undefined){
let data39 = data35.type;
if(typeof data39 !== "string"){
const err55 = {};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if("s3" !== data39){
const err56 = {};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
}
var _valid1 = _errs94 === errors;
errors = _errs93;
if(vErrors !== null){
if(_errs93){
vErrors.length = _errs93;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs97 = errors;
if(data35 && typeof data35 == "object" && !Array.isArray(data35)){
if(data35.type === undefined){
const err57 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/StateBackendDefinition/allOf/1/then/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema25.allOf[1].then.required,parentSchema:schema25.allOf[1].then,data:data35};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(data35.bucket === undefined){
const err58 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/StateBackendDefinition/allOf/1/then/required",keyword:"required",params:{missingProperty: "bucket"},message:"must have required property '"+"bucket"+"'",schema:schema25.allOf[1].then.required,parentSchema:schema25.allOf[1].then,data:data35};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
for(const key6 in data35){
if(!(((((key6 === "type") || (key6 === "bucket")) || (key6 === "key")) || (key6 === "region")) || (key6 === "endpoint"))){
const err59 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/StateBackendDefinition/allOf/1/then/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema25.allOf[1].then,data:data35};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data35.type !== undefined){
let data40 = data35.type;
if(typeof data40 !== "string"){
const err60 = {instancePath:instancePath+"/state/type",schemaPath:"#/definitions/StateBackendDefinition/allOf/1/then/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.allOf[1].then.properties.type.type,parentSchema:schema25.allOf[1].then.properties.type,data:data40};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if("s3" !== data40){
const err61 = {instancePath:instancePath+"/state/type",schemaPath:"#/definitions/StateBackendDefinition/allOf/1/then/properties/type/const",keyword:"const",params:{allowedValue: "s3"},message:"must be equal to constant",schema:"s3",parentSchema:schema25.allOf[1].then.properties.type,data:data40};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data35.bucket !== undefined){
let data41 = data35.bucket;
if(typeof data41 !== "string"){
const err62 = {instancePath:instancePath+"/state/bucket",schemaPath:"#/definitions/StateBackendDefinition/allOf/1/then/properties/bucket/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.allOf[1].then.properties.bucket.type,parentSchema:schema25.allOf[1].then.properties.bucket,data:data41};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data35.key !== undefined){
let data42 = data35.key;
if(typeof data42 !== "string"){
const err63 = {instancePath:instancePath+"/state/key",schemaPath:"#/definitions/StateBackendDefinition/allOf/1/then/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.allOf[1].then.properties.key.type,parentSchema:schema25.allOf[1].then.properties.key,data:data42};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
if(data35.region !== undefined){
let data43 = data35.region;
if(typeof data43 !== "string"){
const err64 = {instancePath:instancePath+"/state/region",schemaPath:"#/definitions/StateBackendDefinition/allOf/1/then/properties/region/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.allOf[1].then.properties.region.type,parentSchema:schema25.allOf[1].then.properties.region,data:data43};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data35.endpoint !== undefined){
let data44 = data35.endpoint;
if(typeof data44 !== "string"){
const err65 = {instancePath:instancePath+"/state/endpoint",schemaPath:"#/definitions/StateBackendDefinition/allOf/1/then/properties/endpoint/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.allOf[1].then.properties.endpoint.type,parentSchema:schema25.allOf[1].then.properties.endpoint,data:data44};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
}
else {
const err66 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/StateBackendDefinition/allOf/1/then/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema25.allOf[1].then.type,parentSchema:schema25.allOf[1].then,data:data35};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
var _valid1 = _errs97 === errors;
valid24 = _valid1;
}
if(!valid24){
const err67 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/StateBackendDefinition/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema25.allOf[1].if,parentSchema:schema25.allOf[1],data:data35};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
const _errs111 = errors;
let valid27 = true;
const _errs112 = errors;
if(data35 && typeof data35 == "object" && !Array.isArray(data35)){
if(data35.type !== undefined){
let data45 = data35.type;
if(typeof data45 !== "string"){
const err68 = {};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if("pg" !== data45){
const err69 = {};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
var _valid2 = _errs112 === errors;
errors = _errs111;
if(vErrors !== null){
if(_errs111){
vErrors.length = _errs111;
}
else {
vErrors = null;
}
}
if(_valid2){
const _errs115 = errors;
if(data35 && typeof data35 == "object" && !Array.isArray(data35)){
if(data35.type === undefined){
const err70 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/StateBackendDefinition/allOf/2/then/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema25.allOf[2].then.required,parentSchema:schema25.allOf[2].then,data:data35};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
for(const key7 in data35){
if(!((key7 === "type") || (key7 === "schemaName"))){
const err71 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/StateBackendDefinition/allOf/2/then/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema25.allOf[2].then,data:data35};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
if(data35.type !== undefined){
let data46 = data35.type;
if(typeof data46 !== "string"){
const err72 = {instancePath:instancePath+"/state/type",schemaPath:"#/definitions/StateBackendDefinition/allOf/2/then/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.allOf[2].then.properties.type.type,parentSchema:schema25.allOf[2].then.properties.type,data:data46};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
if("pg" !== data46){
const err73 = {instancePath:instancePath+"/state/type",schemaPath:"#/definitions/StateBackendDefinition/allOf/2/then/properties/type/const",keyword:"const",params:{allowedValue: "pg"},message:"must be equal to constant",schema:"pg",parentSchema:schema25.allOf[2].then.properties.type,data:data46};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
if(data35.schemaName !== undefined){
let data47 = data35.schemaName;
if(typeof data47 !== "string"){
const err74 = {instancePath:instancePath+"/state/schemaName",schemaPath:"#/definitions/StateBackendDefinition/allOf/2/then/properties/schemaName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.allOf[2].then.properties.schemaName.type,parentSchema:schema25.allOf[2].then.properties.schemaName,data:data47};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
}
else {
const err75 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/StateBackendDefinition/allOf/2/then/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema25.allOf[2].then.type,parentSchema:schema25.allOf[2].then,data:data35};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
var _valid2 = _errs115 === errors;
valid27 = _valid2;
}
if(!valid27){
const err76 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/StateBackendDefinition/allOf/2/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema25.allOf[2].if,parentSchema:schema25.allOf[2],data:data35};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
if(data35 && typeof data35 == "object" && !Array.isArray(data35)){
if(data35.type === undefined){
const err77 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/StateBackendDefinition/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema25.required,parentSchema:schema25,data:data35};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
if(data35.type !== undefined){
let data48 = data35.type;
if(!(((data48 === "local") || (data48 === "s3")) || (data48 === "pg"))){
const err78 = {instancePath:instancePath+"/state/type",schemaPath:"#/definitions/StateBackendDefinition/properties/type/enum",keyword:"enum",params:{allowedValues: schema25.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema25.properties.type.enum,parentSchema:schema25.properties.type,data:data48};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
}
else {
const err79 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/StateBackendDefinition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema25.type,parentSchema:schema25,data:data35};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
if(data.rollout !== undefined){
let data49 = data.rollout;
if(data49 && typeof data49 == "object" && !Array.isArray(data49)){
for(const key8 in data49){
if(!((key8 === "workerBatchSize") || (key8 === "nodeTimeoutMinutes"))){
const err80 = {instancePath:instancePath+"/rollout",schemaPath:"#/definitions/RolloutDefinition/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties",schema:false,parentSchema:schema26,data:data49};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
if(data49.workerBatchSize !== undefined){
let data50 = data49.workerBatchSize;
if(!((typeof data50 == "number") && (isFinite(data50)))){
const err81 = {instancePath:instancePath+"/rollout/workerBatchSize",schemaPath:"#/definitions/RolloutDefinition/properties/workerBatchSize/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema26.properties.workerBatchSize.type,parentSchema:schema26.properties.workerBatchSize,data:data50};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(data49.nodeTimeoutMinutes !== undefined){
let data51 = data49.nodeTimeoutMinutes;
if(!((typeof data51 == "number") && (isFinite(data51)))){
const err82 = {instancePath:instancePath+"/rollout/nodeTimeoutMinutes",schemaPath:"#/definitions/RolloutDefinition/properties/nodeTimeoutMinutes/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema26.properties.nodeTimeoutMinutes.type,parentSchema:schema26.properties.nodeTimeoutMinutes,data:data51};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
}
else {
const err83 = {instancePath:instancePath+"/rollout",schemaPath:"#/definitions/RolloutDefinition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema26.type,parentSchema:schema26,data:data49};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
if(data.allowMachineSecretsReplacement !== undefined){
let data52 = data.allowMachineSecretsReplacement;
if(typeof data52 !== "boolean"){
const err84 = {instancePath:instancePath+"/allowMachineSecretsReplacement",schemaPath:"#/properties/allowMachineSecretsReplacement/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.allowMachineSecretsReplacement.type,parentSchema:schema12.properties.allowMachineSecretsReplacement,data:data52};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
if(data.allowVmReplacement !== undefined){
let data53 = data.allowVmReplacement;
if(Array.isArray(data53)){
const len5 = data53.length;
for(let i5=0; i5<len5; i5++){
let data54 = data53[i5];
if(typeof data54 !== "string"){
const err85 = {instancePath:instancePath+"/allowVmReplacement/" + i5,schemaPath:"#/properties/allowVmReplacement/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.allowVmReplacement.items.type,parentSchema:schema12.properties.allowVmReplacement.items,data:data54};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
}
else {
const err86 = {instancePath:instancePath+"/allowVmReplacement",schemaPath:"#/properties/allowVmReplacement/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.allowVmReplacement.type,parentSchema:schema12.properties.allowVmReplacement,data:data53};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
}
else {
const err87 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.type,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(!(validate11(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
validate10.errors = vErrors;
return errors === 0;
}

