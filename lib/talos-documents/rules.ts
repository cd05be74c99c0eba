/**
 * Talos rules on documents that the JSON schema cannot express: HostnameConfig's `auto`/`hostname` pairing
 * (talos release-1.12 pkg/machinery/config/types/network/hostname.go), a VIP or inline manifests on a worker
 * (../shared/docs/talos-facts.md §6.2, §4.1) and a document written twice in one patch (§1.3).
 */
import { NodeRole } from '../cluster-plan';
import { isDnsLabel } from '../dns-names';
import { errorAt, Problem } from '../problems';
import { DocumentKind, documentKind, DocumentOfKind, HostnameConfig, TalosDocument } from './types';

/**
 * Problems of one HostnameConfig patch: either a static hostname with `auto: off`, or `auto: stable` alone.
 */
export function hostnameConfigProblems(doc: HostnameConfig, path = 'HostnameConfig'): Problem[] {
  const out: Problem[] = [];
  if (doc.hostname === undefined && doc.auto === undefined) {
    out.push(errorAt(path, doc, "either 'auto' or 'hostname' must be set", 'set hostname and auto: off, or auto: stable'));
  }
  if (doc.hostname !== undefined && doc.auto !== 'off') {
    out.push(
      errorAt(
        `${path}.auto`,
        doc.auto,
        "a static hostname needs auto: off: 'auto' and 'hostname' cannot be set at the same time, and the generated 1.12+ config carries auto: stable, which a patch without auto keeps",
        'set auto: off next to the hostname',
      ),
    );
  }
  if (doc.hostname !== undefined && !isDnsLabel(doc.hostname)) {
    out.push(errorAt(`${path}.hostname`, doc.hostname, 'is not a DNS-1123 label', "lowercase letters, digits and '-', at most 63 characters"));
  }
  return out;
}

/** The rules of one document kind, for a node of `role`; `path` names the document in problems. */
type DocumentRule<K extends DocumentKind> = (doc: DocumentOfKind<K>, role: NodeRole, path: string) => Problem[];

const none = (): Problem[] => [];

/**
 * Every document kind's rules. The compiler requires an entry per kind, so a new kind cannot go without rules
 * (`none` says, explicitly, that the schema alone covers it).
 */
const DOCUMENT_RULES: { readonly [K in DocumentKind]: DocumentRule<K> } = {
  v1alpha1: (doc, role, path) =>
    role === 'worker' && (doc.cluster?.inlineManifests?.length || doc.cluster?.extraManifests?.length)
      ? [
          errorAt(
            `${path}.cluster`,
            doc.cluster,
            'manifests on a worker are never applied (only control planes reconcile them)',
            'put inline and extra manifests in the control-plane patch only',
          ),
        ]
      : [],
  HostnameConfig: (doc, _role, path) => hostnameConfigProblems(doc, path),
  Layer2VIPConfig: (doc, role, path) =>
    role === 'worker'
      ? [
          errorAt(
            path,
            doc.name,
            'a virtual IP on a worker is not supported (Talos announces it only from control planes)',
            'put Layer2VIPConfig in the control-plane patch only',
          ),
        ]
      : [],
  LinkAliasConfig: none,
  LinkConfig: none,
  ResolverConfig: none,
  TimeSyncConfig: none,
};

/** Rule problems of the documents one node of `role` receives (all its patches together). */
export function documentRuleProblems(docs: readonly TalosDocument[], role: NodeRole): Problem[] {
  return docs.flatMap((doc, i) => {
    const kind = documentKind(doc);
    const rule = DOCUMENT_RULES[kind] as DocumentRule<DocumentKind>;
    return rule(doc as DocumentOfKind<DocumentKind>, role, `doc[${i}] (${kind})`);
  });
}

/** A document kind (and name) written twice in one patch, which Talos rejects ("cannot modify the same document more than once"). */
export function duplicateDocumentProblems(patch: readonly TalosDocument[]): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  patch.forEach((doc, i) => {
    const key = 'kind' in doc ? `${doc.kind}/${'name' in doc ? doc.name : ''}` : 'v1alpha1';
    if (seen.has(key))
      out.push(errorAt(`doc[${i}] (${documentKind(doc)})`, key, 'the same document appears twice in one patch', 'merge the two documents into one'));
    seen.add(key);
  });
  return out;
}
