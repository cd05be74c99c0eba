#!/usr/bin/env bash
# `terraform init -backend=false` and `terraform validate` for every synthesized stack (cdktf.out/stacks/*), with
# the providers Terraform installs (the registry, or whatever TF_CLI_CONFIG_FILE points it at). The pull-request
# workflow runs it after `npm run synth`; set TF_PLUGIN_CACHE_DIR to keep provider downloads between runs.
# No credentials, no state: validate reads only the configuration and the providers' schemas.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1
terraform=${TERRAFORM_BINARY_NAME:-terraform}
shopt -s nullglob
stacks=(cdktf.out/stacks/*/cdk.tf.json)
if [ ${#stacks[@]} -eq 0 ]; then
  echo "validate-stacks: no stack in cdktf.out/stacks. Fix: run npm run synth first" >&2
  exit 2
fi
failed=0
for file in "${stacks[@]}"; do
  dir=$(dirname "$file")
  name=$(basename "$dir")
  if ! out=$("$terraform" -chdir="$dir" init -backend=false -input=false -no-color 2>&1); then
    printf 'validate-stacks: %s: terraform init failed:\n%s\n' "$name" "$out" >&2
    failed=1
    continue
  fi
  if "$terraform" -chdir="$dir" validate -no-color; then
    echo "validate-stacks: ${name}: valid"
  else
    failed=1
  fi
done
exit "$failed"
