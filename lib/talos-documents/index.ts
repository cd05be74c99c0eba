/** Typed Talos config documents: types, the cluster's patches, YAML serialization and the schema-less rules. */
export * from './types';
export * from './patches';
export * from './serialize';
export * from './rules';
