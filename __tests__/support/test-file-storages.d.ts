import { AsyncLocalStorage } from 'node:async_hooks';

/** The storages created since test-file-storages.js was first loaded in this process, in creation order. */
export function trackedStorages(): AsyncLocalStorage<unknown>[];
/** A mark to pass to `releaseStoragesSince`: how many tracked storages exist now. */
export function markStorages(): number;
/** Disables and forgets every storage created after `mark`. */
export function releaseStoragesSince(mark: number): void;
