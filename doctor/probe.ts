/**
 * The doctor's I/O: runs tools from PATH, reads the access folders' modes, and sends one HTTPS request to the
 * Proxmox API. Read-only: nothing is written, nothing on the Proxmox side changes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { AccessEntry } from '../lib/doctor/access-files';
import { EndpointProbe, Environment, proxmoxEndpoint, proxmoxInsecure } from '../lib/doctor/environment';
import { ToolRun } from '../lib/doctor/tools';
import { accessDir } from '../lib/paths';

/** Runs `command args` with `env` (its PATH decides which binary), for at most 15 s. */
export function runTool(command: string, args: readonly string[], env: Environment): ToolRun {
  const r = spawnSync(command, [...args], { env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 15000 });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return { found: false };
  return { found: true, code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

/** The entries of `access/<cluster>/` under `projectDir` (the folder first), or undefined when it does not exist. */
export function readAccessEntries(projectDir: string, cluster: string): AccessEntry[] | undefined {
  const dir = accessDir(cluster);
  const abs = path.join(projectDir, dir);
  if (!fs.existsSync(abs)) return undefined;
  const entry = (rel: string): AccessEntry => {
    const st = fs.statSync(path.join(projectDir, rel));
    return { path: rel, mode: st.mode & 0o777, directory: st.isDirectory() };
  };
  return [
    entry(dir),
    ...fs
      .readdirSync(abs)
      .sort()
      .map((name) => entry(`${dir}/${name}`)),
  ];
}

/**
 * Certificate bundle files Go's crypto/x509 reads on Linux when SSL_CERT_FILE is unset (go/src/crypto/x509/
 * root_linux.go `certFiles`), in its order. The provider is a Go program, so the doctor trusts what it trusts.
 */
const GO_LINUX_CERT_FILES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/tls/cacert.pem',
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  '/etc/ssl/cert.pem',
];

/**
 * The CA certificates the provider would trust: SSL_CERT_FILE, else the first system bundle Go reads; undefined
 * (Node's own store, with NODE_EXTRA_CA_CERTS) where there is none, as on macOS and Windows.
 */
function trustedRoots(env: Environment): string[] | undefined {
  const file = env.SSL_CERT_FILE || GO_LINUX_CERT_FILES.find((f) => fs.existsSync(f));
  return file ? [fs.readFileSync(file, 'utf8')] : undefined;
}

/** TLS errors that mean "reached, but its certificate is not trusted" (Node/OpenSSL verify codes). */
const CERTIFICATE_ERRORS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * `GET <PROXMOX_VE_ENDPOINT>api2/json/version` without credentials (Proxmox answers 401): proves the address,
 * the port and the certificate. Certificates are not checked when PROXMOX_VE_INSECURE is set, as the provider.
 * Undefined when PROXMOX_VE_ENDPOINT is not a valid https URL.
 */
export function probeProxmox(env: Environment, timeoutMs = 5000): Promise<EndpointProbe | undefined> {
  const base = proxmoxEndpoint(env);
  if (!base) return Promise.resolve(undefined);
  const url = new URL('api2/json/version', base.href.endsWith('/') ? base.href : `${base.href}/`);
  const insecure = proxmoxInsecure(env);
  return new Promise((resolve) => {
    const req = https.get(
      url,
      { rejectUnauthorized: !insecure, ca: insecure ? undefined : trustedRoots(env), timeout: timeoutMs, agent: false },
      (res) => {
        res.resume();
        resolve({ kind: 'answered', status: res.statusCode ?? 0 });
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? 'ERROR';
      resolve(CERTIFICATE_ERRORS.has(code) ? { kind: 'certificate', code, message: e.message } : { kind: 'unreachable', code, message: e.message });
    });
  });
}
