/**
 * One provider twin: the tfplugin6 Provider service answered from a real provider schema. It validates nothing
 * beyond what Terraform core does; plans as the real provider would shape its plan (computed values unknown on
 * create, replacement where the real provider forces it: resource-rules.ts); applies by filling unknowns with
 * deterministic fake values; reads data sources from fixtures.ts.
 */
import { encodeValue, isObject, ObjectValue, readDynamic, sameValue } from './dynamic-value';
import { appliedAnswer, dataSourceAnswer, fillFrom, fixtureFor } from './fixtures';
import { requiresReplace, rulesFor } from './resource-rules';
import { ProviderSchema, schemaMessage, TwinProvider, VersionedSchema } from './schema';
import { conformToBlock, digest, fillUnknown, unknownComputed } from './values';

type Callback = (err: Error | null, response?: Record<string, unknown>) => void;
/** A decoded tfplugin6 request: proto-loader objects, whose shape each handler reads by field name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Request = Record<string, any>;
type Call = { request: Request };
type Handler = (call: Call, callback: Callback) => void;

/** A diagnostic message. */
function diagnostic(severity: 'error' | 'warning', summary: string, detail = ''): Record<string, unknown> {
  return { severity: severity === 'error' ? 1 : 2, summary, detail };
}

/** Wraps a handler so that an exception becomes an error diagnostic Terraform prints (not a broken connection). */
function guarded(name: string, fn: (req: Request) => Record<string, unknown>): Handler {
  return (call, callback) => {
    try {
      callback(null, fn(call.request));
    } catch (e) {
      const err = e as Error;
      callback(null, { diagnostics: [diagnostic('error', `provider twin: ${name} failed`, err.stack ?? String(err))] });
    }
  };
}

/** The gRPC handlers of the Provider service for one twin. */
export function providerHandlers(provider: TwinProvider, schema: ProviderSchema): Record<string, Handler> {
  const resources = schema.resource_schemas ?? {};
  const dataSources = schema.data_source_schemas ?? {};
  const schemaOf = (kind: 'resource' | 'data source', typeName: string): VersionedSchema => {
    const s = (kind === 'resource' ? resources : dataSources)[typeName];
    if (!s) throw new Error(`${provider.address} ${provider.version} has no ${kind} type ${typeName}`);
    return s;
  };
  const schemaResponse = {
    provider: schemaMessage(schema.provider),
    resource_schemas: Object.fromEntries(Object.entries(resources).map(([t, s]) => [t, schemaMessage(s)])),
    data_source_schemas: Object.fromEntries(Object.entries(dataSources).map(([t, s]) => [t, schemaMessage(s)])),
    diagnostics: [],
    server_capabilities: { plan_destroy: false, get_provider_schema_optional: false, move_resource_state: false },
  };
  const noDiagnostics = () => ({ diagnostics: [] });

  return {
    GetMetadata: guarded('GetMetadata', () => ({
      server_capabilities: schemaResponse.server_capabilities,
      diagnostics: [],
      resources: Object.keys(resources).map((type_name) => ({ type_name })),
      data_sources: Object.keys(dataSources).map((type_name) => ({ type_name })),
    })),
    GetProviderSchema: guarded('GetProviderSchema', () => schemaResponse),
    ValidateProviderConfig: guarded('ValidateProviderConfig', noDiagnostics),
    ValidateResourceConfig: guarded('ValidateResourceConfig', noDiagnostics),
    ValidateDataResourceConfig: guarded('ValidateDataResourceConfig', noDiagnostics),
    ConfigureProvider: guarded('ConfigureProvider', noDiagnostics),
    StopProvider: (_call, callback) => callback(null, { Error: '' }),

    UpgradeResourceState: guarded('UpgradeResourceState', (req) => {
      const block = schemaOf('resource', req.type_name).block;
      const json = req.raw_state?.json?.length ? (JSON.parse(Buffer.from(req.raw_state.json).toString('utf8')) as Record<string, unknown>) : {};
      return { upgraded_state: encodeValue(conformToBlock(block, json)), diagnostics: [] };
    }),

    ReadResource: guarded('ReadResource', (req) => ({ new_state: req.current_state, private: req.private, diagnostics: [] })),

    ImportResourceState: guarded('ImportResourceState', (req) => ({
      diagnostics: [diagnostic('error', `provider twin: import of ${req.type_name} is not supported`)],
    })),

    PlanResourceChange: guarded('PlanResourceChange', (req) => {
      const typeName: string = req.type_name;
      const block = schemaOf('resource', typeName).block;
      const prior = readDynamic(req.prior_state);
      const proposed = readDynamic(req.proposed_new_state);
      const config = readDynamic(req.config);
      if (!isObject(proposed)) return { planned_state: req.proposed_new_state, requires_replace: [], diagnostics: [] }; // destroy
      const rules = rulesFor(typeName);
      let planned: ObjectValue = proposed;
      let replace: (string | number)[][] = [];
      if (!isObject(prior)) planned = unknownComputed(block, proposed, config);
      else {
        if (rules.sdk === 'framework' && !sameValue(proposed, prior))
          planned = unknownComputed(block, proposed, config, new Set(rules.keepOnUpdate ?? []));
        replace = requiresReplace(typeName, prior, planned);
      }
      return {
        planned_state: encodeValue(planned),
        requires_replace: replace.map((p) => ({ steps: p.map((s) => (typeof s === 'number' ? { element_key_int: s } : { attribute_name: s })) })),
        planned_private: req.prior_private,
        diagnostics: [],
      };
    }),

    ApplyResourceChange: guarded('ApplyResourceChange', (req) => {
      const typeName: string = req.type_name;
      const block = schemaOf('resource', typeName).block;
      const planned = readDynamic(req.planned_state);
      if (!isObject(planned)) return { new_state: req.planned_state, diagnostics: [] }; // destroy
      const override = fixtureFor('resources', typeName, readDynamic(req.config));
      if (override?.error) return { new_state: req.prior_state, diagnostics: [diagnostic('error', override.error)] };
      const seed = `${typeName}:${digest(JSON.stringify(planned, jsonSafe), 32)}`;
      let state = fillFrom(planned, appliedAnswer(typeName, planned), 'unknown');
      state = fillUnknown(block, state, seed);
      return { new_state: encodeValue(state), private: req.planned_private, diagnostics: [] };
    }),

    ReadDataSource: guarded('ReadDataSource', (req) => {
      const typeName: string = req.type_name;
      const block = schemaOf('data source', typeName).block;
      const config = readDynamic(req.config);
      const cfg: ObjectValue = isObject(config) ? config : {};
      const override = fixtureFor('data', typeName, cfg);
      if (override?.error) return { diagnostics: [diagnostic('error', override.error)] };
      let state = fillFrom(unknownComputed(block, cfg, cfg), dataSourceAnswer(typeName, cfg), 'unknown');
      state = fillUnknown(block, state, `${typeName}:${digest(JSON.stringify(cfg, jsonSafe), 32)}`);
      if (override?.values) state = conformToBlock(block, { ...state, ...override.values });
      return { state: encodeValue(state), diagnostics: [] };
    }),
  };
}

/** JSON.stringify replacer for decoded values (the unknown marker and bytes). */
function jsonSafe(_key: string, v: unknown): unknown {
  if (typeof v === 'symbol') return '<unknown>';
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return v;
}
