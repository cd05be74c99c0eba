/** Serializes typed Talos documents to one multi-document YAML patch with the `yaml` library. */
import { Document } from 'yaml';
import { TalosDocument } from './types';

/**
 * One YAML stream holding `docs` in order, each starting with its own `---` marker (written by the library).
 * Long strings are never folded, so image references and CEL expressions stay on one line.
 */
export function toYaml(docs: readonly TalosDocument[]): string {
  return docs
    .map((doc) => {
      const yaml = new Document(doc, { aliasDuplicateObjects: false });
      yaml.directives!.docStart = true;
      return yaml.toString({ lineWidth: 0 });
    })
    .join('');
}
