'use strict';
/**
 * Answers the simulated `talosctl` and `kubectl` calls, the Talos provider stand-in's applies and resets
 * (`talos-provider`, fake-talos-provider.js) and the simulated Proxmox's VM creates and deletes (`proxmox`,
 * fake-proxmox.js), of one test process from a single long-running Node process.
 *
 * Why: a rolling-upgrade deploy makes ~300 simulator calls, and starting Node for each took ~0.12 s: most of the
 * integration tier's time. The tools on the tests' PATH are a simulator client (simulator-client.c compiled, or the
 * bash script simulator-client where no C compiler is: compiled-client.ts; ~9 and ~16 ms of CPU a call), which
 * sends its argv, working folder, pid and the environment variables the simulators read here over TCP (127.0.0.1,
 * port in FAKE_SIM_PORT) and prints what comes back. The simulator scripts (fake-talosctl, fake-kubectl,
 * fake-talos-provider.js, fake-proxmox.js, fake-talos-lib.js) are unchanged and still runnable on their own: each
 * call evaluates them afresh with a `process` (and a `setTimeout`) that carries the caller's argv, environment and
 * pid, in the caller's working folder, so no state survives between calls except the files the scripts write.
 *
 *   node simulator-server.js <port-file> <parent-pid>
 *
 * Writes the port it listens on to <port-file> (atomically) and exits when <parent-pid> is gone.
 *
 * Request: NUL-terminated fields: tool, cwd, pid, argc, argv…, then NAME=value environment entries, then an empty
 * field. Response: `<exit code>\n<stderr file or empty>\n`, then the stdout bytes until the connection closes
 * (stderr, rarely written, goes through a file the client prints and deletes).
 */
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

const TOOLS = { talosctl: 'fake-talosctl', kubectl: 'fake-kubectl', 'talos-provider': 'fake-talos-provider.js', proxmox: 'fake-proxmox.js' };
const compiled = new Map();

/** The script at `file` as a function of the CommonJS arguments plus `process` (compiled once). */
function compile(file) {
  if (!compiled.has(file)) {
    // A shebang is not valid inside a function body: blank it, keeping line numbers.
    const source = fs.readFileSync(file, 'utf8').replace(/^#!.*/, '');
    const wrapper = `(function (exports, require, module, __filename, __dirname, process, setTimeout) {${source}\n})`;
    compiled.set(file, new vm.Script(wrapper, { filename: file }).runInThisContext());
  }
  return compiled.get(file);
}

/** Thrown by the simulated `process.exit`. */
class ProcessExit {
  constructor(code) {
    this.code = code;
  }
}

/**
 * Runs one simulator call as its own process would; resolves to its exit code, stdout and stderr. A tool that waits
 * (fake-proxmox.js's slow delete) does so with `setTimeout`, as a process of its own would: the call ends when the
 * tool exits or has nothing left to wait for, and other calls are answered meanwhile.
 */
function runTool(tool, argv, env, pid, cwd) {
  const file = path.join(__dirname, TOOLS[tool]);
  let stdout = '';
  let stderr = '';
  const proc = {
    argv: [process.execPath, file, ...argv],
    env,
    pid,
    platform: process.platform,
    versions: process.versions,
    exitCode: undefined,
    stdout: { write: (s) => ((stdout += s), true) },
    stderr: { write: (s) => ((stderr += s), true) },
    exit: (code) => {
      throw new ProcessExit(code ?? proc.exitCode ?? 0);
    },
    cwd: () => cwd,
  };
  return new Promise((resolve) => {
    const timers = new Set();
    let ended = false;
    const end = (code) => {
      ended = true;
      timers.forEach(clearTimeout);
      resolve({ code, stdout, stderr });
    };
    // Runs a piece of the tool (its top level, or a timer it set) in the caller's working folder.
    const step = (body) => {
      if (ended) return;
      try {
        process.chdir(cwd);
        body();
      } catch (e) {
        if (e instanceof ProcessExit) return end(e.code);
        stderr += `simulator-server: ${tool} crashed: ${e && e.stack ? e.stack : String(e)}\n`;
        return end(70);
      }
      if (timers.size === 0) end(proc.exitCode ?? 0);
    };
    const toolSetTimeout = (fn, ms, ...args) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        step(() => fn(...args));
      }, ms);
      timers.add(timer);
      return timer;
    };
    // The tool and the local modules it requires are evaluated per call with this `process`; packages and node:
    // modules are shared.
    const local = new Map();
    const requireFor = (dir) => (id) => {
      if (!id.startsWith('.')) return require(id);
      const resolved = require.resolve(path.resolve(dir, id));
      if (!local.has(resolved)) {
        const mod = { exports: {} };
        local.set(resolved, mod);
        compile(resolved)(mod.exports, requireFor(path.dirname(resolved)), mod, resolved, path.dirname(resolved), proc, toolSetTimeout);
      }
      return local.get(resolved).exports;
    };
    step(() => requireFor(__dirname)(`./${TOOLS[tool]}`));
  });
}

/** Parses a complete request, or returns undefined while bytes are missing. */
function parseRequest(buffer) {
  const fields = [];
  let start = 0;
  for (let i = 0; i < buffer.length; i++) {
    if (buffer[i] !== 0) continue;
    fields.push(buffer.subarray(start, i).toString('utf8'));
    start = i + 1;
    if (fields.length >= 4) {
      const argc = Number(fields[3]);
      if (fields.length > 4 + argc && fields[fields.length - 1] === '') {
        const [tool, cwd, pid] = fields;
        const env = {};
        for (const entry of fields.slice(4 + argc, -1)) {
          const eq = entry.indexOf('=');
          env[entry.slice(0, eq)] = entry.slice(eq + 1);
        }
        return { tool, cwd, pid: Number(pid), argv: fields.slice(4, 4 + argc), env };
      }
    }
  }
  return undefined;
}

function serve(socket) {
  let buffer = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    const request = parseRequest(buffer);
    if (!request) return;
    socket.removeAllListeners('data');
    const running = TOOLS[request.tool]
      ? runTool(request.tool, request.argv, request.env, request.pid, request.cwd)
      : Promise.resolve({ code: 70, stdout: '', stderr: `simulator-server: unknown tool ${request.tool}\n` });
    running.then((result) => respond(socket, request, result));
  });
  socket.on('error', () => socket.destroy());
}

/** Sends a call's result: exit code, the file holding stderr (when any), then stdout. */
function respond(socket, request, result) {
  let errFile = '';
  if (result.stderr) {
    errFile = path.join(request.env.FAKE_TALOS_STATE || os.tmpdir(), `.stderr-${request.pid}`);
    fs.writeFileSync(errFile, result.stderr);
  }
  socket.end(`${result.code}\n${errFile}\n${result.stdout}`);
}

const [portFile, parentPid] = process.argv.slice(2);
const server = net.createServer(serve);
server.listen(0, '127.0.0.1', () => {
  fs.writeFileSync(`${portFile}.tmp`, String(server.address().port));
  fs.renameSync(`${portFile}.tmp`, portFile);
});
// The test process that started this one may end without a word (a crash, a timeout): stop with it.
setInterval(() => {
  try {
    process.kill(Number(parentPid), 0);
  } catch {
    process.exit(0);
  }
}, 1000).unref();
