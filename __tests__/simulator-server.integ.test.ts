/**
 * The simulated talosctl and kubectl answer the same through simulator-server.js (one process per test worker, the
 * usual path) as when each call runs the simulator script as a process of its own (FAKE_SIM_PORT unset): same exit
 * code, stdout and stderr. Both clients (the bash script, and simulator-client.c compiled where a C compiler is, as
 * on CI) answer alike.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASH_CLIENT, compiledClient } from './support/compiled-client';
import { FakeTalos, clusterState, nodeList } from './support/fake-talos';

const fake = new FakeTalos(clusterState(nodeList(1, 1), {}));
const binDirs = fs.mkdtempSync(path.join(os.tmpdir(), 'simulator-clients-'));
afterAll(() => {
  fake.remove();
  fs.rmSync(binDirs, { recursive: true, force: true });
});

/** The clients this machine has: the bash script always, the compiled one where `cc` builds it. */
const CLIENTS: [string, string][] = [['bash', BASH_CLIENT]];
const compiled = compiledClient();
if (compiled) CLIENTS.push(['compiled', compiled]);

/** `tool` linked to `client`, as FakeTalos links its tools. */
function linked(client: string, tool: string): string {
  const dir = path.join(binDirs, path.basename(client));
  fs.mkdirSync(dir, { recursive: true });
  const link = path.join(dir, tool);
  if (!fs.existsSync(link)) fs.symlinkSync(client, link);
  return link;
}

function run(client: string, tool: string, args: string[], viaServer: boolean, extraEnv: NodeJS.ProcessEnv = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...fake.env(), ...extraEnv };
  if (!viaServer) delete env.FAKE_SIM_PORT;
  const r = spawnSync(linked(client, tool), args, { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CALLS = [
  ['talosctl', ['version', '--client']],
  ['talosctl', ['--talosconfig', 'TALOSCONFIG', '--nodes', '10.5.0.11', 'get', 'machinestatus', '-o', 'json']],
  ['talosctl', ['--talosconfig', 'TALOSCONFIG', '--nodes', '10.5.0.11', 'upgrade', '--preserve']],
  ['kubectl', ['--kubeconfig', 'KUBECONFIG', 'get', 'pods']],
] as const;

function resolved(args: readonly string[]): string[] {
  return args.map((a) => (a === 'TALOSCONFIG' ? fake.talosconfig : a === 'KUBECONFIG' ? fake.kubeconfig : a));
}

describe('simulator server', () => {
  test.each(CALLS)('defines %s %j as answered the same with and without the server', (tool, args) => {
    // GIVEN a running one-node cluster / WHEN the call runs both ways, through the bash client
    const alone = run(BASH_CLIENT, tool, resolved(args), false);
    const served = run(BASH_CLIENT, tool, resolved(args), true);
    // THEN
    expect(served).toEqual(alone);
    expect(alone.stdout + alone.stderr).not.toBe('');
  });

  test('defines the compiled client as built on a machine with a C compiler', () => {
    // GIVEN / WHEN / THEN: CI and this project's machines have `cc`; without one the bash client serves alone
    const hasCompiler = spawnSync('cc', ['--version']).status === 0;
    expect(compiled !== undefined).toBe(hasCompiler);
  });

  test.each(CALLS)('defines %s %j as answered by the compiled client as by the bash client, with and without the server', (tool, args) => {
    // GIVEN both clients (the compiled one only where it was built)
    for (const [, client] of CLIENTS.slice(1)) {
      for (const viaServer of [true, false]) {
        // WHEN the same call runs through each
        const expected = run(BASH_CLIENT, tool, resolved(args), viaServer);
        const actual = run(client, tool, resolved(args), viaServer);
        // THEN
        expect(actual).toEqual(expected);
      }
    }
  });

  test.each(CLIENTS)('defines the %s client as forwarding a large environment value and passing a large answer back whole', (name, client) => {
    // GIVEN 100 KB of inline manifests in FAKE_MANIFESTS (the harness passes the control planes' manifests so; one
    // environment value may hold at most 128 KiB on Linux)
    const blob = `${name}-${'x'.repeat(100000)}`;
    const manifests = JSON.stringify({ '99-big': [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { blob } }] });
    const target = { FAKE_TARGET_TALOS: 'v1.13.9', FAKE_TARGET_SCHEMATIC: 'a'.repeat(64), FAKE_TARGET_K8S: '1.34.5', FAKE_MANIFESTS: manifests };
    // WHEN the Talos provider stand-in applies them to the control plane, and talosctl reads them back
    const applied = run(client, 'talos-provider', ['apply-config', '10.5.0.11'], true, target);
    const read = run(client, 'talosctl', ['get', 'manifests', '--talosconfig', fake.talosconfig, '--nodes', '10.5.0.11', '-o', 'json'], true);
    // THEN both succeed, and the answer holds the whole value
    expect(applied).toMatchObject({ status: 0, stderr: '' });
    expect(read).toMatchObject({ status: 0, stderr: '' });
    expect(read.stdout).toContain(`"blob": "${blob}"`);
  });

  test.each(CLIENTS)('fails at once through the %s client, naming the port, when the server does not answer', (_, client) => {
    // GIVEN a port nothing listens on (the client must not fall back to running the script itself)
    // WHEN
    const r = run(client, 'talosctl', ['version', '--client'], true, { FAKE_SIM_PORT: '1' });
    // THEN
    expect(r.status).toBe(70);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('talosctl: simulator-server on port 1 unreachable');
  });
});
