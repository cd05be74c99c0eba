/**
 * `npm run doctor` as a process: fake terraform/talosctl/kubectl on PATH (shell scripts printing versions), a local
 * HTTPS server on 127.0.0.1 with a self-signed certificate (openssl, generated per run) standing in for the
 * Proxmox API, and access files with real modes. Also the doctor on this very machine.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');
const RUN_TS = path.join(ROOT, 'scripts', 'run-ts.mjs');
const CLI = path.join(ROOT, 'doctor', 'cli.ts');
const TOKEN = 'terraform@pve!cdktf=0b4f5a3e-1234-4c1d-9e0f-0123456789ab';

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  /** Lines by check name. */
  readonly lines: Map<string, string>;
}

/** Runs the doctor (async: the HTTPS server lives in this process) in `cwd` with exactly `env`. */
function runDoctor(cwd: string, env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [RUN_TS, CLI], { cwd, env, encoding: 'utf8' }, (error, stdout) => {
      const lines = new Map<string, string>();
      for (const line of stdout.split('\n')) {
        const m = /^(?:ok|problem)\s+([^:]+):/.exec(line);
        if (m) lines.set(m[1], line);
      }
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, lines });
    });
  });
}

/** A folder of fake tools: each prints `output` (shell builtins only: PATH holds nothing else) and exits 0. */
function fakeTools(dir: string, tools: Record<string, string>): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, output] of Object.entries(tools)) {
    const quoted = `'${output.replace(/'/g, `'\\''`)}'`;
    fs.writeFileSync(path.join(dir, name), `#!/bin/sh\nprintf '%s\\n' ${quoted}\n`, { mode: 0o755 });
  }
  return dir;
}

const TERRAFORM_1_11 = 'Terraform v1.11.4\non linux_amd64';
const talosctlVersion = (tag: string) => `Client:\n\tTag:         ${tag}\n\tSHA:         3ebd10a7\n\tOS/Arch:     linux/amd64`;
const KUBECTL = '{"clientVersion":{"major":"1","minor":"36","gitVersion":"v1.36.1"}}';

let work: string;
let server: https.Server;
let certFile: string;
let endpoint: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-'));
  certFile = path.join(work, 'proxmox.pem');
  const keyFile = path.join(work, 'proxmox.key');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  // Answers like Proxmox without credentials.
  server = https.createServer({ key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile) }, (req, res) => {
    res.writeHead(req.url === '/api2/json/version' ? 401 : 404, { 'content-type': 'application/json' });
    res.end('{"data":null}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(work, { recursive: true, force: true });
});

/** A project folder (the doctor's cwd) and an environment with every requirement met. */
function readyLaptop(name: string, tools: Record<string, string> = {}): { cwd: string; env: NodeJS.ProcessEnv } {
  const cwd = path.join(work, name);
  const bin = fakeTools(path.join(cwd, 'bin'), { terraform: TERRAFORM_1_11, talosctl: talosctlVersion('v1.13.9'), kubectl: KUBECTL, ...tools });
  fs.mkdirSync(path.join(cwd, 'access', 'homelab'), { recursive: true, mode: 0o700 });
  fs.chmodSync(path.join(cwd, 'access', 'homelab'), 0o700);
  for (const f of ['kubeconfig', 'talosconfig']) fs.writeFileSync(path.join(cwd, 'access', 'homelab', f), 'x', { mode: 0o600 });
  return { cwd, env: { PATH: bin, HOME: cwd, PROXMOX_VE_ENDPOINT: endpoint, PROXMOX_VE_API_TOKEN: TOKEN, SSL_CERT_FILE: certFile } };
}

describe('npm run doctor', () => {
  test('defines a ready laptop: every check ok, exit 0, no secret printed', async () => {
    // GIVEN fake tools of the right versions, the Proxmox variables, a trusted endpoint and private access files
    const { cwd, env } = readyLaptop('ready');
    // WHEN the doctor runs
    const out = await runDoctor(cwd, env);
    // THEN every line is ok and it exits 0
    expect(out.stdout).not.toMatch(/^problem/m);
    expect([...out.lines.keys()]).toEqual([
      'node',
      'terraform',
      'talosctl (homelab, Talos v1.13.9)',
      'kubectl',
      'PROXMOX_VE_ENDPOINT',
      'Proxmox credentials',
      'Proxmox API',
      'access files (access/homelab)',
      'state backend (homelab)',
    ]);
    expect(out.lines.get('Proxmox API')).toContain('answered, certificate accepted');
    expect(out.code).toBe(0);
    expect(out.stdout).not.toContain('0b4f5a3e');
  });

  test('fails when the Proxmox certificate is not trusted, and passes with PROXMOX_VE_INSECURE', async () => {
    // GIVEN the self-signed endpoint and no SSL_CERT_FILE trusting it
    const { cwd, env } = readyLaptop('untrusted');
    delete env.SSL_CERT_FILE;
    // WHEN the doctor runs
    const out = await runDoctor(cwd, env);
    // THEN the API line names the certificate problem and the fixes; exit 1
    expect(out.lines.get('Proxmox API')).toMatch(
      /^problem {2}Proxmox API: 127\.0\.0\.1:\d+ presented a certificate this machine does not trust \(DEPTH_ZERO_SELF_SIGNED_CERT\)\. Fix: .*PROXMOX_VE_INSECURE=true/,
    );
    expect(out.code).toBe(1);
    // WHEN certificate checks are off, as the provider's PROXMOX_VE_INSECURE does
    const insecure = await runDoctor(cwd, { ...env, PROXMOX_VE_INSECURE: 'true' });
    // THEN it is reachable
    expect(insecure.lines.get('Proxmox API')).toMatch(/^ok .*answered \(certificate not checked: PROXMOX_VE_INSECURE\)/);
    expect(insecure.code).toBe(0);
  });

  test('fails when the endpoint does not answer', async () => {
    // GIVEN a port nothing listens on
    const { cwd, env } = readyLaptop('down');
    const closed = https.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    // WHEN the doctor runs
    const out = await runDoctor(cwd, { ...env, PROXMOX_VE_ENDPOINT: `https://127.0.0.1:${port}/` });
    // THEN the API line says unreachable
    expect(out.lines.get('Proxmox API')).toContain(`127.0.0.1:${port} unreachable (ECONNREFUSED`);
    expect(out.code).toBe(1);
  });

  test('fails when talosctl is outside the skew, Terraform too old, kubectl missing, or an access file is readable by others', async () => {
    // GIVEN talosctl 1.11 for a Talos 1.13 cluster, Terraform 1.9, no kubectl and a 0644 kubeconfig
    const { cwd, env } = readyLaptop('outdated', { terraform: 'Terraform v1.9.8\non linux_amd64', talosctl: talosctlVersion('v1.11.5') });
    fs.rmSync(path.join(cwd, 'bin', 'kubectl'));
    fs.chmodSync(path.join(cwd, 'access', 'homelab', 'kubeconfig'), 0o644);
    // WHEN the doctor runs
    const out = await runDoctor(cwd, env);
    // THEN each is a problem with its fix, and it exits 1
    expect(out.lines.get('terraform')).toContain('Terraform v1.9.8 is older than 1.11.0');
    expect(out.lines.get('talosctl (homelab, Talos v1.13.9)')).toContain(
      'talosctl v1.11.5 is older than the target Talos v1.13; install talosctl v1.13.9',
    );
    expect(out.lines.get('kubectl')).toMatch(/^problem {2}kubectl: not found on PATH\. Fix: install kubectl/);
    expect(out.lines.get('access files (access/homelab)')).toContain(
      'access/homelab/kubeconfig is 0644 (they hold cluster-admin credentials). Fix: chmod 600 access/homelab/kubeconfig',
    );
    expect(out.code).toBe(1);
  });

  test('defines OpenTofu through TERRAFORM_BINARY_NAME', async () => {
    // GIVEN only tofu on PATH
    const { cwd, env } = readyLaptop('tofu', { tofu: 'OpenTofu v1.10.2\non linux_amd64' });
    fs.rmSync(path.join(cwd, 'bin', 'terraform'));
    // WHEN the doctor runs with TERRAFORM_BINARY_NAME=tofu
    const out = await runDoctor(cwd, { ...env, TERRAFORM_BINARY_NAME: 'tofu' });
    // THEN it checks tofu
    expect(out.lines.get('terraform (TERRAFORM_BINARY_NAME=tofu)')).toBe('ok       terraform (TERRAFORM_BINARY_NAME=tofu): OpenTofu v1.10.2');
    expect(out.code).toBe(0);
  });

  test('fails on this machine: no talosctl, no Proxmox variables, each with its fix', async () => {
    // GIVEN this machine's environment without any Proxmox variable (it has no talosctl)
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PROXMOX_VE_')));
    // WHEN `npm run doctor` runs in the project
    const out = await new Promise<Outcome>((resolve) => {
      execFile('npm', ['run', '--silent', 'doctor'], { cwd: ROOT, env, encoding: 'utf8' }, (error, stdout) => {
        const lines = new Map<string, string>();
        for (const line of stdout.split('\n')) {
          const m = /^(?:ok|problem)\s+([^:]+):/.exec(line);
          if (m) lines.set(m[1], line);
        }
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, lines });
      });
    });
    // THEN it names what is missing with a fix, and exits 1
    expect(out.lines.get('talosctl')).toMatch(/^problem {2}talosctl: not found on PATH .*Fix: install talosctl v1\.13\.9/);
    expect(out.lines.get('PROXMOX_VE_ENDPOINT')).toMatch(/^problem {2}PROXMOX_VE_ENDPOINT: not set\. Fix: export PROXMOX_VE_ENDPOINT=/);
    expect(out.lines.get('Proxmox credentials')).toMatch(/^problem {2}.*Fix: .*PROXMOX_VE_API_TOKEN/);
    expect(out.stdout).toMatch(/doctor: \d+ problem\(s\)/);
    expect(out.code).toBe(1);
  });
});
