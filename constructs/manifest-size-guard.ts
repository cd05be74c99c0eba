/**
 * Plan-time size check of the inline manifests: a `terraform_data` whose preconditions fail the plan, before any
 * node receives a config Talos would refuse, when the rendered manifests are too large (limits and reasons:
 * lib/manifest-size.ts). Rendered sizes exist only once Terraform has read the `helm_template` data sources.
 */
import { Construct } from 'constructs';
import { Fn, Op, TerraformData, TerraformIterator, TerraformLocal } from './cdk';
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

/** Terraform expression: byte size of a string expression (exact to within 2 bytes). */
function byteSize(text: string): number {
  return Fn.floor(Op.div(Op.mul(Fn.lengthOf(Fn.base64encode(text)), 3), 4));
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
    const sizes = Fn.jsonencode(Object.fromEntries(props.manifests.map((m) => [m.name, byteSize(m.contents)])));
    const total = {
      condition: Op.lte(totalSize.asNumber, base64Length(totalBytes)),
      errorMessage: `The add-on inline manifests total more than ${formatBytes(totalBytes)} as encoded into the machine config (raw bytes per manifest: ${sizes}): ${totalReason}. Fix: move the largest chart out of the inline manifests (install it with Argo CD instead) or trim its values.`,
    };
    const perObject = props.manifests.map((m) => {
      const docs = TerraformIterator.fromList(Fn.split('\n---', m.contents));
      const objectSizes = new TerraformLocal(this, `${m.name}-object-base64-lengths`, docs.forExpressionForList('length(base64encode(val))'));
      const tooLarge = `length(base64encode(val)) > ${base64Length(objectBytes)}`;
      const offenders = docs.forExpressionForList(`try(regex("# Source: [^\\n]+", val), substr(trimspace(val), 0, 80)) if ${tooLarge}`);
      return {
        condition: Fn.alltrue(
          TerraformIterator.fromList(objectSizes.asList).forExpressionForList(`val <= ${base64Length(objectBytes)}`) as unknown as unknown[],
        ),
        errorMessage: `Inline manifest "${m.name}" holds a Kubernetes object larger than ${formatBytes(objectBytes)} (${Fn.join(', ', offenders as unknown as string[])}): ${objectReason}, so Talos could never create it. Fix: disable the chart feature that renders it, or install that chart with Argo CD instead.`,
      };
    });

    this.resource = new TerraformData(this, 'guard', { lifecycle: { precondition: [total, ...perObject] } });
  }
}
