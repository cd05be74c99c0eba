/**
 * Reads the endpoints of a talosconfig's current context (`context: <name>`, `contexts.<name>.endpoints`, the
 * format talosctl and the `talos_client_configuration` data source write). The stack writes the control-plane
 * IPs there. The file also holds the client key, so no error message quotes its content.
 */
import { parse } from 'yaml';

/** The endpoints of the current context of talosconfig `text` (read from `file`, which errors name); throws when there are none. */
export function talosconfigEndpoints(text: string, file: string): string[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    // The parser's message quotes the offending line, which may be a key: say only where.
    throw new Error(`${file} is not valid YAML, so it names no control plane to fetch a kubeconfig from`);
  }
  const config = doc as { context?: unknown; contexts?: Record<string, { endpoints?: unknown } | undefined> } | null;
  const name = config?.context;
  if (typeof name !== 'string' || name === '')
    throw new Error(`${file} has no current context (\`context:\`), so it names no control plane to fetch a kubeconfig from`);
  const endpoints = config?.contexts?.[name]?.endpoints;
  const list = Array.isArray(endpoints) ? endpoints.filter((e): e is string => typeof e === 'string' && e.trim() !== '').map((e) => e.trim()) : [];
  if (list.length === 0) throw new Error(`context "${name}" of ${file} has no endpoints, so it names no control plane to fetch a kubeconfig from`);
  return list;
}
