// Generates CDKTF TypeScript bindings from reduced provider schema facts with the generator `cdktf get` uses
// (@cdktf/provider-generator's TerraformProviderGenerator writing through codemaker), without Terraform or the
// registry. The package's index eagerly loads jsii-pacmak (other languages only), so its generator module is
// loaded directly.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

// @cdktf/commons reports to HashiCorp's checkpoint service and probes `terraform version` unless told not to.
process.env.CHECKPOINT_DISABLE ??= '1';
process.env.TERRAFORM_BINARY_NAME ??= 'terraform-is-not-needed-to-generate-bindings';

const require = createRequire(import.meta.url);
const generatorDir = path.dirname(require.resolve('@cdktf/provider-generator/package.json'));
const { TerraformProviderGenerator } = require(path.join(generatorDir, 'lib/get/generator/provider-generator.js'));
const { CodeMaker } = require(require.resolve('codemaker', { paths: [generatorDir] }));
const { ConstructsMakerProviderTarget, TerraformProviderConstraint, LANGUAGES } = require(
  require.resolve('@cdktf/commons', { paths: [generatorDir] }),
);

/** The version of @cdktf/provider-generator in use. */
export function generatorVersion() {
  return require('@cdktf/provider-generator/package.json').version;
}

function only(schemas, list) {
  if (list === '*') return schemas;
  return Object.fromEntries(
    list.map((name) => {
      if (!schemas[name]) throw new Error(`${name} is not in the provider schema`);
      return [name, schemas[name]];
    }),
  );
}

/**
 * Writes bindings for each `{ facts, provider }` (facts: reduced schema document; provider: an entry of
 * DUMPED_PROVIDERS) into `outDir` (the `providers` folder), one sub-folder per provider.
 */
export function generateBindings(outDir, inputs) {
  const code = new CodeMaker();
  for (const { facts, provider } of inputs) {
    const [fqpn] = Object.keys(facts.provider_schemas);
    const p = facts.provider_schemas[fqpn];
    const filtered = {
      format_version: facts.format_version,
      provider_schemas: {
        [fqpn]: {
          provider: p.provider,
          resource_schemas: only(p.resource_schemas, provider.bindings.resources),
          data_source_schemas: only(p.data_source_schemas, provider.bindings.dataSources),
        },
      },
      provider_versions: { [fqpn]: provider.version },
    };
    const target = new ConstructsMakerProviderTarget(new TerraformProviderConstraint(`${provider.source}@${provider.version}`), LANGUAGES[0]);
    new TerraformProviderGenerator(code, filtered).generate(target);
  }
  fs.mkdirSync(outDir, { recursive: true });
  // codemaker writes paths relative to the folder given; generated file names start with `providers/`.
  return code.save(path.dirname(outDir));
}
