/**
 * Plan-time size check of the inline manifests: a `terraform_data` whose preconditions fail the plan, before any
 * node receives a config Talos would refuse, when the rendered manifests are too large (limits and reasons:
 * lib/manifest-size.ts). Rendered sizes exist only once Terraform has read the `helm_template` data sources.
 */
import { Construct } from 'constructs';
import { Fn, Op, propertyAccess, TerraformData, TerraformIterator, TerraformLocal } from './cdk';
import { InlineManifest } from '../lib/inline-manifest';
import { formatBytes, ManifestSizeLimits, manifestSizeLimits } from '../lib/manifest-size';
import { inlineManifestsDocument } from '../lib/talos-documents';

/** Props of a {@link ManifestSizeGuard}. */
export interface ManifestSizeGuardProps {
  /** The inline manifests every control plane carries. */
  readonly manifests: readonly InlineManifest[];
  /** Talos version of the nodes (the limits depend on it). */
  readonly talosVersion: string;
}

/** Length of the base64 encoding of `bytes` bytes: sizes are compared in base64 so that multi-byte UTF-8 counts. */
function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

/** Fails `terraform plan` when the inline manifests exceed Talos's or etcd's limits, naming the manifest and the limit. */
export class ManifestSizeGuard extends Construct {
  /** The `terraform_data` carrying the preconditions. */
  readonly resource: TerraformData;
  /** The limits applied. */
  readonly limits: ManifestSizeLimits;

  constructor(scope: Construct, id: string, props: ManifestSizeGuardProps) {
    super(scope, id);
    this.limits = manifestSizeLimits(props.talosVersion);
    const { totalBytes, totalReason, objectBytes, objectReason } = this.limits;
    // Sizes are computed into locals and the conditions read only those, so a failing check prints a few numbers
    // rather than megabytes of manifest.
    // The total is measured as Talos receives it: the inline manifests patch encoded the way the talos construct
    // encodes it (`yamlencode`), which indents every line and may quote and escape a string, not the raw contents.
    const patch = inlineManifestsDocument(props.manifests);
    const totalSize = new TerraformLocal(this, 'total-base64-length', patch ? Fn.lengthOf(Fn.base64encode(Fn.yamlencode(patch))) : 0);
    // One pass over each manifest's objects: Terraform evaluates every error message even when its condition holds,
    // and base64-encoding and counting a multi-MiB string is the expensive part of this check (a plan of 4.5 MiB of
    // add-ons: 3.2 → 1.9 CPU-s against re-encoding each object for the messages; docs/maintenance.md, "Test time").
    // The objects are the manifest split on `---` lines, each with its base64 length and the `# Source:` line Helm
    // prints (else its first 80 characters) to name it. CDKTF iterates a set, which would merge identical objects;
    // the manifests hold none (a chart's documents come from a set, constructs/helm-inline-manifest.ts).
    const objects = props.manifests.map((m) => {
      const docs = TerraformIterator.fromList(Fn.split('\n---', m.contents));
      const named = `{ base64Length = length(base64encode(val)), source = try(regex("# Source: [^\\n]+", val), substr(trimspace(val), 0, 80)) }`;
      return { manifest: m, list: new TerraformLocal(this, `${m.name}-objects`, docs.forExpressionForList(named)).asList };
    });
    // Raw bytes per manifest, for the message only: the objects' bytes from their base64 lengths (each at most 2
    // over; a splat over the list, as iterating it would merge objects of equal length and source line), plus the
    // 4-byte `\n---` separator the split removed between two objects.
    const sizes = Fn.jsonencode(
      Object.fromEntries(
        objects.map(({ manifest, list }) => [
          manifest.name,
          Op.add(Op.div(Op.mul(Fn.sum(propertyAccess(list, ['*', 'base64Length'])), 3), 4), Op.mul(4, Op.sub(Fn.lengthOf(list), 1))),
        ]),
      ),
    );
    const total = {
      condition: Op.lte(totalSize.asNumber, base64Length(totalBytes)),
      errorMessage: `The add-on inline manifests total more than ${formatBytes(totalBytes)} as encoded into the machine config (raw bytes per manifest: ${sizes}): ${totalReason}. Fix: move the largest chart out of the inline manifests (install it with Argo CD instead) or trim its values.`,
    };
    const perObject = objects.map(({ manifest, list }) => {
      const each = TerraformIterator.fromList(list);
      return {
        condition: Fn.alltrue(each.forExpressionForList(`val.base64Length <= ${base64Length(objectBytes)}`) as unknown as unknown[]),
        errorMessage: `Inline manifest "${manifest.name}" holds a Kubernetes object larger than ${formatBytes(objectBytes)} (${Fn.join(', ', each.forExpressionForList(`val.source if val.base64Length > ${base64Length(objectBytes)}`) as unknown as string[])}): ${objectReason}, so Talos could never create it. Fix: disable the chart feature that renders it, or install that chart with Argo CD instead.`,
      };
    });

    this.resource = new TerraformData(this, 'guard', { lifecycle: { precondition: [total, ...perObject] } });
  }
}
