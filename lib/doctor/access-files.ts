/**
 * Doctor check of `access/<cluster>/`: the kubeconfig and talosconfig a deploy writes hold cluster-admin
 * credentials and must be readable by their owner only (files 0600, the folder 0700). Pure: the CLI passes modes.
 */
import { accessDir } from '../paths';
import { DoctorLine, failed, passed } from './report';

/** One entry of a cluster's access folder: its project-relative path and permission bits. */
export interface AccessEntry {
  readonly path: string;
  readonly mode: number;
  readonly directory: boolean;
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/**
 * One line per cluster: no folder yet (a first deploy writes it) is fine; any entry with group or other
 * permission bits is a problem naming each and the `chmod` that fixes it. `entries` is undefined when the folder
 * does not exist; it includes the folder itself.
 */
export function checkAccessFiles(cluster: string, entries: readonly AccessEntry[] | undefined): DoctorLine {
  const dir = accessDir(cluster);
  const check = `access files (${dir})`;
  if (!entries) return passed(check, 'none yet (the first deploy writes them, 0600)');
  const open = entries.filter((e) => (e.mode & 0o077) !== 0);
  const files = entries.filter((e) => !e.directory).length;
  if (open.length === 0) return passed(check, `${files} file(s), owner-only`);
  const found = open.map((e) => `${e.path} is ${octal(e.mode)}`).join(', ');
  const fixes = [
    ...open.filter((e) => e.directory).map((e) => `chmod 700 ${e.path}`),
    ...(open.some((e) => !e.directory)
      ? [
          `chmod 600 ${open
            .filter((e) => !e.directory)
            .map((e) => e.path)
            .join(' ')}`,
        ]
      : []),
  ];
  return failed(check, `${found} (they hold cluster-admin credentials)`, fixes.join(' && '));
}
