/**
 * The twin server: the four provider twins in one Node process, each a gRPC server without TLS on its own unix
 * socket, as Terraform's reattach mode expects (`TF_REATTACH_PROVIDERS`). Terraform then neither downloads nor
 * starts the providers; it dials the sockets.
 *
 * As a program (`node scripts/run-ts.mjs twins/server.ts <socket-dir>`) it prints the TF_REATTACH_PROVIDERS JSON
 * on one stdout line once every socket listens, and exits when its stdin closes (its parent went away).
 */
import fs from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { providerHandlers } from './provider';
import { findProjectRoot, loadProviderSchema, TWIN_PROVIDERS } from './schema';

/** One TF_REATTACH_PROVIDERS entry (hashicorp/go-plugin ReattachConfig as Terraform reads it). */
export interface ReattachEntry {
  readonly Protocol: 'grpc';
  readonly ProtocolVersion: 6;
  readonly Pid: number;
  readonly Test: true;
  readonly Addr: { readonly Network: 'unix'; readonly String: string };
}

/** Running twins. */
export interface TwinServer {
  /** Value for TF_REATTACH_PROVIDERS, by provider source address. */
  readonly reattach: Readonly<Record<string, ReattachEntry>>;
  /** Stops every socket. */
  close(): Promise<void>;
}

/** Options of startTwins. */
export interface StartTwinsOptions {
  /** Folder for the sockets (short: unix socket paths are limited to ~100 bytes). */
  readonly socketDir: string;
  /**
   * Project folder holding `twins/protocol/` and `.gen/schemas/providers/`.
   * @default the folder above this module holding package.json
   */
  readonly projectRoot?: string;
}

const LOADER_OPTIONS: protoLoader.Options = { keepCase: true, longs: Number, enums: Number, defaults: true, oneofs: true };

/** Starts the four provider twins in this process. */
export async function startTwins(options: StartTwinsOptions): Promise<TwinServer> {
  const root = options.projectRoot ?? findProjectRoot();
  const protoDir = path.join(root, 'twins', 'protocol');
  const tfplugin6 = grpc.loadPackageDefinition(protoLoader.loadSync(path.join(protoDir, 'tfplugin6.proto'), LOADER_OPTIONS))
    .tfplugin6 as grpc.GrpcObject;
  const goPlugin = grpc.loadPackageDefinition(protoLoader.loadSync(path.join(protoDir, 'go-plugin.proto'), LOADER_OPTIONS)).plugin as grpc.GrpcObject;
  const service = (pkg: grpc.GrpcObject, name: string) => (pkg[name] as grpc.ServiceClientConstructor).service;

  const servers: grpc.Server[] = [];
  const reattach: Record<string, ReattachEntry> = {};
  for (const provider of TWIN_PROVIDERS) {
    const server = new grpc.Server();
    server.addService(
      service(tfplugin6, 'Provider'),
      providerHandlers(provider, loadProviderSchema(provider, root)) as grpc.UntypedServiceImplementation,
    );
    // go-plugin's controller: Terraform may ask a plugin to shut down; the twins outlive one Terraform run.
    server.addService(service(goPlugin, 'GRPCController'), { Shutdown: (_c: unknown, cb: grpc.sendUnaryData<object>) => cb(null, {}) });
    // go-plugin's stdio forwarding: the twins print nothing, so the stream ends at once.
    server.addService(service(goPlugin, 'GRPCStdio'), { StreamStdio: (call: grpc.ServerWritableStream<object, object>) => call.end() });
    const socket = path.join(options.socketDir, `${provider.name}.sock`);
    fs.rmSync(socket, { force: true });
    await new Promise<void>((resolve, reject) =>
      server.bindAsync(`unix://${socket}`, grpc.ServerCredentials.createInsecure(), (err) => (err ? reject(err) : resolve())),
    );
    servers.push(server);
    reattach[provider.address] = { Protocol: 'grpc', ProtocolVersion: 6, Pid: process.pid, Test: true, Addr: { Network: 'unix', String: socket } };
  }
  return {
    reattach,
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.tryShutdown(() => resolve()))));
    },
  };
}

async function main(): Promise<void> {
  const socketDir = process.argv[2];
  if (!socketDir) {
    console.error('usage: node scripts/run-ts.mjs twins/server.ts <socket-dir>');
    process.exit(2);
  }
  fs.mkdirSync(socketDir, { recursive: true });
  const twins = await startTwins({ socketDir });
  process.stdout.write(`${JSON.stringify(twins.reattach)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('close', () => process.exit(0));
}

if (require.main === module || process.argv[1]?.endsWith(path.join('twins', 'server.ts'))) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
