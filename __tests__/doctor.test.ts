/** The doctor's checks, in-process: each tool, variable, endpoint outcome, access mode and state backend rule. */
import fs from 'node:fs';
import path from 'node:path';
import { checkAccessFiles } from '../lib/doctor/access-files';
import { checkProxmoxEndpoint, checkProxmoxEnvironment, checkStateBackend } from '../lib/doctor/environment';
import { doctorExitCode, formatDoctorLine } from '../lib/doctor/report';
import { checkKubectl, checkNode, checkTalosctl, checkTerraform, MIN_NODE_VERSION, ToolRun } from '../lib/doctor/tools';

const ran = (stdout: string, code = 0): ToolRun => ({ found: true, code, stdout, stderr: '' });
const homelab = [{ cluster: 'homelab', talosVersion: 'v1.13.9' }];
const endpoint = { PROXMOX_VE_ENDPOINT: 'https://pve1.home.arpa:8006/' };

describe('tools', () => {
  test('defines the Node.js floor as package.json engines does', () => {
    // GIVEN package.json's engines field
    const engines = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).engines.node as string;
    // THEN the doctor's floor is the same version
    expect(engines).toBe(`>=${MIN_NODE_VERSION.replace(/\.0$/, '')}`);
  });

  test('fails when Node.js is older than the floor', () => {
    expect(checkNode('v20.20.2').ok).toBe(true);
    const line = checkNode('v18.19.0');
    expect(line).toMatchObject({ ok: false, found: `Node.js v18.19.0 is older than ${MIN_NODE_VERSION}` });
  });

  test('defines Terraform 1.11 and OpenTofu 1.10 as the floors', () => {
    expect(checkTerraform('terraform', ran('Terraform v1.11.4\non linux_amd64\n'))).toEqual({
      check: 'terraform',
      ok: true,
      found: 'Terraform v1.11.4',
    });
    expect(checkTerraform('tofu', ran('OpenTofu v1.10.2\non linux_amd64\n'))).toMatchObject({
      check: 'terraform (TERRAFORM_BINARY_NAME=tofu)',
      ok: true,
      found: 'OpenTofu v1.10.2',
    });
  });

  test('fails when Terraform is too old, OpenTofu is too old, or the binary is missing', () => {
    expect(checkTerraform('terraform', ran('Terraform v1.10.5\n'))).toMatchObject({ ok: false, found: 'Terraform v1.10.5 is older than 1.11.0' });
    expect(checkTerraform('tofu', ran('OpenTofu v1.9.1\n'))).toMatchObject({ ok: false, found: 'OpenTofu v1.9.1 is older than 1.10.0' });
    const missing = checkTerraform('tofu', { found: false });
    expect(missing).toMatchObject({ ok: false, found: 'tofu not found on PATH' });
    expect(missing.fix).toContain('TERRAFORM_BINARY_NAME=tofu');
  });

  test('defines talosctl of the cluster minor, or one minor newer, as within the skew', () => {
    expect(checkTalosctl({ found: true, tag: 'v1.13.2' }, homelab)).toEqual([
      { check: 'talosctl (homelab, Talos v1.13.9)', ok: true, found: 'talosctl v1.13.2' },
    ]);
    expect(checkTalosctl({ found: true, tag: 'v1.14.0' }, homelab)[0]).toMatchObject({ ok: true, found: expect.stringContaining('one minor newer') });
  });

  test('fails when talosctl is older than a cluster, two minors newer, or missing', () => {
    // GIVEN two clusters on different Talos minors
    const two = [...homelab, { cluster: 'edge', talosVersion: 'v1.11.6' }];
    // WHEN talosctl 1.12 checks both
    const lines = checkTalosctl({ found: true, tag: 'v1.12.4' }, two);
    // THEN it is older than one and within one minor of the other
    expect(lines.map((l) => l.ok)).toEqual([false, true]);
    expect(lines[0].found).toContain('older than the target Talos v1.13');
    expect(lines[0].fix).toContain('install talosctl v1.13.9');
    expect(checkTalosctl({ found: true, tag: 'v1.15.0' }, homelab)[0]).toMatchObject({
      ok: false,
      found: 'talosctl v1.15.0 is 2 minors newer than Talos v1.13',
    });
    const missing = checkTalosctl({ found: false }, two);
    expect(missing).toHaveLength(1);
    expect(missing[0].fix).toContain('install talosctl v1.13.9 or v1.11.6');
  });

  test('fails when kubectl is missing or prints no version', () => {
    expect(checkKubectl(ran('{"clientVersion":{"gitVersion":"v1.36.1"}}'))).toMatchObject({ ok: true, found: 'v1.36.1' });
    expect(checkKubectl({ found: false })).toMatchObject({ ok: false, found: 'not found on PATH' });
    expect(checkKubectl(ran('error: unknown flag', 1)).ok).toBe(false);
  });
});

describe('Proxmox environment', () => {
  test('defines an endpoint with an API token as complete, printing no value', () => {
    // GIVEN a token in the accepted form
    const env = { ...endpoint, PROXMOX_VE_API_TOKEN: 'terraform@pve!cdktf=0b4f5a3e-1234-4c1d-9e0f-aaaaaaaaaaaa' };
    // WHEN checked
    const lines = checkProxmoxEnvironment(env);
    // THEN both lines pass and no value appears anywhere
    expect(lines.every((l) => l.ok)).toBe(true);
    const text = lines.map(formatDoctorLine).join('\n');
    expect(text).not.toContain('0b4f5a3e');
    expect(text).not.toContain('pve1.home.arpa');
  });

  test('fails when the endpoint is missing or not https, and when no credentials are set', () => {
    const none = checkProxmoxEnvironment({});
    expect(none.map((l) => [l.check, l.ok])).toEqual([
      ['PROXMOX_VE_ENDPOINT', false],
      ['Proxmox credentials', false],
    ]);
    expect(none[1].fix).toContain('PROXMOX_VE_API_TOKEN');
    expect(checkProxmoxEnvironment({ PROXMOX_VE_ENDPOINT: 'http://pve1:8006/' })[0].found).toContain('not an https:// URL');
  });

  test('fails when the token is malformed or only half of a username/password pair is set, never printing them', () => {
    const bad = checkProxmoxEnvironment({ ...endpoint, PROXMOX_VE_API_TOKEN: 'secret-without-user' })[1];
    expect(bad).toMatchObject({ ok: false, found: expect.stringContaining('USER@REALM!TOKENID=SECRET') });
    expect(formatDoctorLine(bad)).not.toContain('secret-without-user');
    expect(checkProxmoxEnvironment({ ...endpoint, PROXMOX_VE_USERNAME: 'root@pam' })[1]).toMatchObject({
      ok: false,
      found: 'only PROXMOX_VE_USERNAME set',
    });
    expect(checkProxmoxEnvironment({ ...endpoint, PROXMOX_VE_USERNAME: 'root', PROXMOX_VE_PASSWORD: 'x' })[1].found).toContain('no @realm');
    expect(checkProxmoxEnvironment({ ...endpoint, PROXMOX_VE_USERNAME: 'root@pam', PROXMOX_VE_PASSWORD: 'x' })[1].ok).toBe(true);
  });

  test('defines any HTTP answer as reachable, noting when certificates are not checked', () => {
    expect(checkProxmoxEndpoint(endpoint, { kind: 'answered', status: 401 })).toMatchObject({
      ok: true,
      found: 'pve1.home.arpa:8006 answered, certificate accepted',
    });
    expect(checkProxmoxEndpoint({ ...endpoint, PROXMOX_VE_INSECURE: 'true' }, { kind: 'answered', status: 401 }).found).toContain('not checked');
  });

  test('fails when the certificate is not trusted or the host is unreachable', () => {
    const cert = checkProxmoxEndpoint(endpoint, { kind: 'certificate', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' });
    expect(cert).toMatchObject({ ok: false, found: expect.stringContaining('DEPTH_ZERO_SELF_SIGNED_CERT') });
    expect(cert.fix).toContain('PROXMOX_VE_INSECURE=true');
    const down = checkProxmoxEndpoint(endpoint, { kind: 'unreachable', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    expect(down).toMatchObject({ ok: false, found: expect.stringContaining('unreachable (ECONNREFUSED') });
  });
});

describe('access files and state backends', () => {
  test('defines a missing folder and owner-only modes as fine', () => {
    expect(checkAccessFiles('homelab', undefined).ok).toBe(true);
    const entries = [
      { path: 'access/homelab', mode: 0o700, directory: true },
      { path: 'access/homelab/kubeconfig', mode: 0o600, directory: false },
      { path: 'access/homelab/talosconfig', mode: 0o400, directory: false },
    ];
    expect(checkAccessFiles('homelab', entries)).toMatchObject({ ok: true, found: '2 file(s), owner-only' });
  });

  test('fails when a file or the folder is readable by others, naming each and the chmod', () => {
    const line = checkAccessFiles('homelab', [
      { path: 'access/homelab', mode: 0o755, directory: true },
      { path: 'access/homelab/kubeconfig', mode: 0o644, directory: false },
      { path: 'access/homelab/talosconfig', mode: 0o600, directory: false },
    ]);
    expect(line.ok).toBe(false);
    expect(line.found).toContain('access/homelab is 0755, access/homelab/kubeconfig is 0644');
    expect(line.fix).toBe('chmod 700 access/homelab && chmod 600 access/homelab/kubeconfig');
  });

  test('fails when an s3 or pg backend lacks its variables', () => {
    const s3 = { type: 's3', bucket: 'tfstate' } as const;
    expect(checkStateBackend('homelab', s3, {})).toMatchObject({ ok: false, found: expect.stringContaining('no AWS_ACCESS_KEY_ID') });
    expect(checkStateBackend('homelab', s3, { AWS_ACCESS_KEY_ID: 'a' })).toMatchObject({
      ok: false,
      found: 's3 bucket tfstate: only AWS_ACCESS_KEY_ID set',
    });
    expect(checkStateBackend('homelab', s3, { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }).ok).toBe(true);
    expect(checkStateBackend('homelab', s3, { AWS_PROFILE: 'minio' }).ok).toBe(true);
    expect(checkStateBackend('homelab', { type: 'pg' }, {})).toMatchObject({ ok: false, found: 'pg: PG_CONN_STR not set' });
    expect(checkStateBackend('homelab', { type: 'pg' }, { PG_CONN_STR: 'postgres://x' }).ok).toBe(true);
    expect(checkStateBackend('homelab', { type: 'local' }, {}).ok).toBe(true);
  });

  test('defines the exit code as 1 exactly when a line is a problem', () => {
    expect(doctorExitCode([checkNode('v20.9.0')])).toBe(0);
    expect(doctorExitCode([checkNode('v20.9.0'), checkKubectl({ found: false })])).toBe(1);
  });
});
