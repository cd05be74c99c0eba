/**
 * The simulated talosctl and kubectl answer the same through simulator-server.js (one process per test worker, the
 * usual path) as when each call runs the simulator script as a process of its own (FAKE_SIM_PORT unset): same exit
 * code, stdout and stderr.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { FakeTalos, clusterState, nodeList } from './support/fake-talos';

const fake = new FakeTalos(clusterState(nodeList(1, 1), {}));
afterAll(() => fake.remove());

function run(tool: 'talosctl' | 'kubectl', args: string[], viaServer: boolean) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...fake.env() };
  if (!viaServer) delete env.FAKE_SIM_PORT;
  const r = spawnSync(path.join(fake.binDir, tool), args, { env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('simulator server', () => {
  test.each([
    ['talosctl', ['version', '--client']],
    ['talosctl', ['--talosconfig', 'TALOSCONFIG', '--nodes', '10.5.0.11', 'get', 'machinestatus', '-o', 'json']],
    ['talosctl', ['--talosconfig', 'TALOSCONFIG', '--nodes', '10.5.0.11', 'upgrade', '--preserve']],
    ['kubectl', ['--kubeconfig', 'KUBECONFIG', 'get', 'pods']],
  ] as const)('defines %s %j as answered the same with and without the server', (tool, args) => {
    // GIVEN a running one-node cluster / WHEN the call runs both ways
    const resolved = args.map((a) => (a === 'TALOSCONFIG' ? fake.talosconfig : a === 'KUBECONFIG' ? fake.kubeconfig : a));
    const alone = run(tool, resolved, false);
    const served = run(tool, resolved, true);
    // THEN
    expect(served).toEqual(alone);
    expect(alone.stdout + alone.stderr).not.toBe('');
  });

  test('fails at once, naming the port, when the server does not answer', () => {
    // GIVEN a port nothing listens on (the client must not fall back to running the script itself)
    const env = { ...process.env, ...fake.env(), FAKE_SIM_PORT: '1' };
    // WHEN
    const r = spawnSync(path.join(fake.binDir, 'talosctl'), ['version', '--client'], { env, encoding: 'utf8' });
    // THEN
    expect(r.status).toBe(70);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('talosctl: simulator-server on port 1 unreachable');
  });
});
