/**
 * Doctor checks of the deploying shell's environment: the Proxmox provider's variables (names only, never
 * values), the Proxmox API endpoint as the provider will reach it, and each cluster's state backend variables.
 * Pure: the CLI passes the environment and the endpoint probe's outcome.
 */
import { StateBackendDefinition } from '../cluster-definition';
import { DoctorLine, failed, passed } from './report';

/** The environment, as `process.env`. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The API token format bpg/proxmox accepts (v0.111.1 `proxmox/api/credentials.go`, `newTokenCredentials`). */
const API_TOKEN_FORMAT = /^\S+@\S+!\S+=([a-zA-Z0-9-]+)$/;

const set = (env: Environment, name: string) => (env[name] ?? '') !== '';

/**
 * True when `PROXMOX_VE_INSECURE` turns certificate checks off, as bpg/proxmox reads it (v0.111.1
 * `utils/env.go` `GetAnyBoolEnv`: exactly `true` or `1`).
 */
export function proxmoxInsecure(env: Environment): boolean {
  return env.PROXMOX_VE_INSECURE === 'true' || env.PROXMOX_VE_INSECURE === '1';
}

/** `PROXMOX_VE_ENDPOINT` as a URL when it is one the provider accepts (`https://host:port/`), else undefined. */
export function proxmoxEndpoint(env: Environment): URL | undefined {
  try {
    const url = new URL(env.PROXMOX_VE_ENDPOINT ?? '');
    return url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The provider's endpoint and credentials, checked the way bpg/proxmox v0.111.1 does (`fwprovider/provider.go`,
 * `proxmox/api/credentials.go` `NewCredentials`: an API token first, then a ticket, then username and password).
 * Only variable names are printed.
 */
export function checkProxmoxEnvironment(env: Environment): DoctorLine[] {
  const lines: DoctorLine[] = [];
  if (!set(env, 'PROXMOX_VE_ENDPOINT')) {
    lines.push(failed('PROXMOX_VE_ENDPOINT', 'not set', 'export PROXMOX_VE_ENDPOINT=https://<proxmox host>:8006/ (any node of the Proxmox cluster)'));
  } else if (!proxmoxEndpoint(env)) {
    lines.push(
      failed(
        'PROXMOX_VE_ENDPOINT',
        'set, but not an https:// URL (the provider accepts only https://host:port/)',
        'set it like https://pve1.home.arpa:8006/',
      ),
    );
  } else {
    lines.push(passed('PROXMOX_VE_ENDPOINT', 'set'));
  }
  const tokenFix = "create a token (docs/proxmox-access.md) and export PROXMOX_VE_API_TOKEN='terraform@pve!cdktf=<secret>'";
  if (set(env, 'PROXMOX_VE_API_TOKEN')) {
    lines.push(
      API_TOKEN_FORMAT.test(env.PROXMOX_VE_API_TOKEN!)
        ? passed('Proxmox credentials', 'PROXMOX_VE_API_TOKEN set')
        : failed('Proxmox credentials', 'PROXMOX_VE_API_TOKEN is set but not in the form USER@REALM!TOKENID=SECRET', tokenFix),
    );
  } else if (set(env, 'PROXMOX_VE_AUTH_TICKET') && set(env, 'PROXMOX_VE_CSRF_PREVENTION_TOKEN')) {
    lines.push(passed('Proxmox credentials', 'PROXMOX_VE_AUTH_TICKET and PROXMOX_VE_CSRF_PREVENTION_TOKEN set'));
  } else if (set(env, 'PROXMOX_VE_USERNAME') && set(env, 'PROXMOX_VE_PASSWORD')) {
    lines.push(
      env.PROXMOX_VE_USERNAME!.includes('@')
        ? passed('Proxmox credentials', 'PROXMOX_VE_USERNAME and PROXMOX_VE_PASSWORD set')
        : failed('Proxmox credentials', 'PROXMOX_VE_USERNAME has no @realm', 'write it as user@pve or user@pam'),
    );
  } else {
    const partial = ['PROXMOX_VE_USERNAME', 'PROXMOX_VE_PASSWORD'].filter((n) => set(env, n));
    const found =
      partial.length > 0 ? `only ${partial.join(' and ')} set` : 'neither PROXMOX_VE_API_TOKEN nor PROXMOX_VE_USERNAME/PROXMOX_VE_PASSWORD set';
    lines.push(failed('Proxmox credentials', found, tokenFix));
  }
  return lines;
}

/** What one HTTPS request to the Proxmox API returned. */
export type EndpointProbe =
  /** An HTTP answer of any status (401 without credentials is fine): reachable, certificate accepted or not checked. */
  | { readonly kind: 'answered'; readonly status: number }
  /** The TLS handshake refused the server's certificate (Node's error code, e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`). */
  | { readonly kind: 'certificate'; readonly code: string; readonly message: string }
  /** No connection: DNS, refused, unreachable, or no answer in time. */
  | { readonly kind: 'unreachable'; readonly code: string; readonly message: string };

/** The endpoint probe's outcome as a doctor line; `probe` is undefined when there was no valid endpoint to probe. */
export function checkProxmoxEndpoint(env: Environment, probe: EndpointProbe | undefined): DoctorLine {
  const check = 'Proxmox API';
  const url = proxmoxEndpoint(env);
  if (!url || !probe) return failed(check, 'not checked: no valid PROXMOX_VE_ENDPOINT', 'set PROXMOX_VE_ENDPOINT first');
  const where = url.host;
  switch (probe.kind) {
    case 'answered':
      return passed(
        check,
        proxmoxInsecure(env) ? `${where} answered (certificate not checked: PROXMOX_VE_INSECURE)` : `${where} answered, certificate accepted`,
      );
    case 'certificate':
      return failed(
        check,
        `${where} presented a certificate this machine does not trust (${probe.code})`,
        'give Proxmox a trusted certificate (Datacenter > ACME, or a certificate from your own CA) and trust that CA here (system store, or SSL_CERT_FILE), or accept the self-signed one with PROXMOX_VE_INSECURE=true',
      );
    case 'unreachable':
      return failed(
        check,
        `${where} unreachable (${probe.code}: ${probe.message})`,
        `check the address and port in PROXMOX_VE_ENDPOINT and that this machine can reach ${where} (VPN, firewall)`,
      );
  }
}

/** The variables a cluster's state backend reads from the environment (constructs/state-backend.ts). */
export function checkStateBackend(cluster: string, state: StateBackendDefinition, env: Environment): DoctorLine {
  const check = `state backend (${cluster})`;
  switch (state.type) {
    case 'local':
      return passed(check, `local file ${state.path ?? `terraform.${cluster}.tfstate`} (no credentials needed)`);
    case 's3': {
      const keys = set(env, 'AWS_ACCESS_KEY_ID') && set(env, 'AWS_SECRET_ACCESS_KEY');
      const fix =
        'export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY of a key allowed to read and write the bucket (or AWS_PROFILE naming a profile in ~/.aws/credentials)';
      if (keys) return passed(check, `s3 bucket ${state.bucket}: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set`);
      if (set(env, 'AWS_PROFILE')) return passed(check, `s3 bucket ${state.bucket}: AWS_PROFILE set`);
      const one = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'].find((n) => set(env, n));
      return failed(
        check,
        `s3 bucket ${state.bucket}: ${one ? `only ${one} set` : 'no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE set'}`,
        fix,
      );
    }
    case 'pg':
      return set(env, 'PG_CONN_STR')
        ? passed(check, 'pg: PG_CONN_STR set')
        : failed(
            check,
            'pg: PG_CONN_STR not set',
            "export PG_CONN_STR='postgres://<user>@<host>/<database>?sslmode=verify-full' (the password in PGPASSWORD or ~/.pgpass)",
          );
  }
}
