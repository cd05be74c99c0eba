/**
 * `npm run doctor`: checks, read-only, that this machine can deploy the clusters of clusters/index.ts — Node.js,
 * Terraform/OpenTofu, talosctl against each cluster's Talos version, kubectl, the Proxmox variables and API, the
 * access files' modes and each state backend's variables. One line per check; exit 1 when any is a problem.
 * Run from the project root (access/<cluster>/ is read relative to the working folder). See docs/doctor.md.
 */
import { clusters } from '../clusters';
import { planCluster } from '../lib/cluster-plan';
import { checkAccessFiles } from '../lib/doctor/access-files';
import { checkProxmoxEndpoint, checkProxmoxEnvironment, checkStateBackend, Environment } from '../lib/doctor/environment';
import { doctorExitCode, DoctorLine, formatDoctorLine } from '../lib/doctor/report';
import { checkKubectl, checkNode, checkTalosctl, checkTerraform } from '../lib/doctor/tools';
import { parseClientTag } from '../rollout/talosctl-output';
import { probeProxmox, readAccessEntries, runTool } from './probe';

async function doctor(env: Environment, projectDir: string): Promise<DoctorLine[]> {
  const plans = clusters.map((c) => planCluster(c));
  const terraform = env.TERRAFORM_BINARY_NAME || 'terraform';
  const talosctl = runTool('talosctl', ['version', '--client'], env);
  return [
    checkNode(process.version),
    checkTerraform(terraform, runTool(terraform, ['version'], env)),
    ...checkTalosctl(
      talosctl.found ? { found: true, tag: talosctl.code === 0 ? parseClientTag(talosctl.stdout) : undefined } : { found: false },
      plans.map((p) => ({ cluster: p.name, talosVersion: p.talosVersion })),
    ),
    checkKubectl(runTool('kubectl', ['version', '--client', '-o', 'json'], env)),
    ...checkProxmoxEnvironment(env),
    checkProxmoxEndpoint(env, await probeProxmox(env)),
    ...plans.map((p) => checkAccessFiles(p.name, readAccessEntries(projectDir, p.name))),
    ...plans.map((p) => checkStateBackend(p.name, p.state, env)),
  ];
}

void doctor(process.env, process.cwd()).then((lines) => {
  for (const line of lines) console.log(formatDoctorLine(line));
  const problems = lines.filter((l) => !l.ok).length;
  console.log(problems === 0 ? 'doctor: ready to deploy' : `doctor: ${problems} problem(s); fix them and run npm run doctor again`);
  process.exitCode = doctorExitCode(lines);
});
