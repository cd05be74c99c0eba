// Provider schemas derived by hand from provider source, for the providers no schema dump is vendored for.
// Only the pieces the stack uses, in the `terraform providers schema -json` structure. Each attribute was read
// from the provider's Go schema at the pinned tag (plugin framework: a nested attribute becomes `nested_type`).
// `npm run bindings` writes them to .gen/schemas/providers/ with this provenance.

const str = (flags) => ({ type: 'string', ...flags });
const bool = (flags) => ({ type: 'bool', ...flags });
const strList = (flags) => ({ type: ['list', 'string'], ...flags });
const optional = { optional: true };
const computed = { computed: true };
const optionalComputed = { optional: true, computed: true };

function nested(nesting_mode, attributes, flags) {
  return { nested_type: { attributes, nesting_mode }, ...flags };
}

/** hashicorp/helm 3.1.1: the `helm_template` data source (helm/data_helm_template.go, `Schema`). */
const helmTemplate = {
  version: 0,
  block: {
    attributes: {
      api_versions: strList(optional),
      atomic: bool(optional),
      chart: str({ required: true }),
      crds: strList(optionalComputed),
      create_namespace: bool(optional),
      dependency_update: bool(optional),
      description: str(optional),
      devel: bool(optional),
      disable_openapi_validation: bool(optional),
      disable_webhooks: bool(optional),
      id: str(computed),
      include_crds: bool(optional),
      is_upgrade: bool(optional),
      keyring: str(optional),
      kube_version: str(optional),
      manifest: str(optionalComputed),
      manifests: { type: ['map', 'string'], ...optionalComputed },
      name: str({ required: true }),
      namespace: str(optional),
      notes: str(optionalComputed),
      pass_credentials: bool(optional),
      postrender: nested('single', { args: strList(optional), binary_path: str({ required: true }) }, optional),
      render_subchart_notes: bool(optional),
      replace: bool(optional),
      repository: str(optional),
      repository_ca_file: str(optional),
      repository_cert_file: str(optional),
      repository_key_file: str(optional),
      repository_password: str({ optional: true, sensitive: true }),
      repository_username: str(optional),
      reset_values: bool(optional),
      reuse_values: bool(optional),
      set: nested('set', { name: str({ required: true }), value: str(optional), type: str(optionalComputed) }, optional),
      set_list: nested('list', { name: str(optional), value: strList({ required: true }) }, optional),
      set_sensitive: nested('set', { name: str({ required: true }), value: str({ required: true, sensitive: true }), type: str(optional) }, optional),
      set_wo: nested('list', { name: str({ required: true }), value: str({ required: true }), type: str(optional) }, optional),
      show_only: strList(optional),
      skip_crds: bool(optional),
      skip_tests: bool(optional),
      timeout: { type: 'number', ...optional },
      // terraform-plugin-framework-timeouts v0.6.0 datasource `timeouts.Attributes`: a single nested `read`.
      timeouts: nested('single', { read: str(optional) }, optional),
      validate: bool(optional),
      values: strList(optional),
      verify: bool(optional),
      version: str(optionalComputed),
      wait: bool(optional),
    },
  },
};

/** hashicorp/helm 3.1.1 provider configuration, flat attributes only (helm/provider.go, `Schema`). */
const helmProvider = {
  version: 0,
  block: {
    attributes: {
      burst_limit: { type: 'number', ...optional },
      debug: bool(optional),
      helm_driver: str(optional),
      plugins_path: str(optional),
      qps: { type: 'number', ...optional },
      registry_config_path: str(optional),
      repository_cache: str(optional),
      repository_config_path: str(optional),
    },
  },
};

/** hashicorp/local 2.6.1: the `local_sensitive_file` resource (internal/provider/resource_local_sensitive_file.go). */
const localSensitiveFile = {
  version: 0,
  block: {
    attributes: {
      content: str({ optional: true, sensitive: true }),
      content_base64: str({ optional: true, sensitive: true }),
      content_base64sha256: str(computed),
      content_base64sha512: str(computed),
      content_md5: str(computed),
      content_sha1: str(computed),
      content_sha256: str(computed),
      content_sha512: str(computed),
      directory_permission: str(optionalComputed),
      file_permission: str(optionalComputed),
      filename: str({ required: true }),
      id: str(computed),
      source: str(optional),
    },
  },
};

/** The derived providers: file name, registry address, version, sources read, schema document. */
export const DERIVED_PROVIDERS = [
  {
    file: 'hashicorp-helm-3.1.1.json',
    source: 'hashicorp/helm',
    version: '3.1.1',
    derivedFrom:
      'github.com/hashicorp/terraform-provider-helm@v3.1.1: helm/data_helm_template.go (Schema); helm/provider.go (flat provider attributes; the nested kubernetes, registries and experiments are not modelled: the stack writes an empty provider block)',
    schema: {
      format_version: '1.0',
      provider_schemas: {
        'registry.terraform.io/hashicorp/helm': {
          provider: helmProvider,
          resource_schemas: {},
          data_source_schemas: { helm_template: helmTemplate },
        },
      },
    },
  },
  {
    file: 'hashicorp-local-2.6.1.json',
    source: 'hashicorp/local',
    version: '2.6.1',
    derivedFrom:
      'github.com/hashicorp/terraform-provider-local@v2.6.1: internal/provider/resource_local_sensitive_file.go (Schema); the provider has no configuration',
    schema: {
      format_version: '1.0',
      provider_schemas: {
        'registry.terraform.io/hashicorp/local': {
          provider: { version: 0, block: {} },
          resource_schemas: { local_sensitive_file: localSensitiveFile },
          data_source_schemas: {},
        },
      },
    },
  },
];
