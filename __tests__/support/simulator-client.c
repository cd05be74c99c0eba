/*
 * simulator-client, compiled: the same client as the bash script beside it (see there and simulator-server.js for
 * the protocol), for the tests' PATH when a C compiler is at hand (compiled-client.ts `simulatorClient`). A simulated
 * call is a process start on every talosctl, kubectl, talos-provider and proxmox call the runner and Terraform make
 * (~3,000 in `npm test`); bash starting takes most of the script's cost. Measured from Node on 2026-12-03: ~16 ms of
 * CPU a call through the bash script, ~8.6 ms through this binary (docs/maintenance.md, "Test time").
 *
 * Without FAKE_SIM_PORT the simulator script runs as a process of its own, as the bash client does: `node
 * SUPPORT_DIR/fake-<tool>` (or fake-<tool>.js). SUPPORT_DIR is defined when compiling.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef SUPPORT_DIR
#error "compile with -DSUPPORT_DIR=\"<path of __tests__/support>\""
#endif

/** The environment variables the simulators read: the bash client's FORWARDED. */
static const char *const FORWARDED[] = {"FAKE_TALOS_STATE", "TALOSCONFIG", "KUBECONFIG", "HOME",
                                        "FAKE_TARGET_TALOS", "FAKE_TARGET_SCHEMATIC", "FAKE_TARGET_K8S", "FAKE_MANIFESTS"};

static char *request;
static size_t length, capacity;

static void die(const char *tool, const char *why) {
  fprintf(stderr, "%s: %s\n", tool, why);
  exit(70);
}

/** Appends `s` and its terminating NUL to the request. */
static void field(const char *s) {
  size_t n = strlen(s) + 1;
  if (length + n > capacity) {
    capacity = (length + n) * 2;
    request = realloc(request, capacity);
    if (!request) die("simulator-client", "out of memory");
  }
  memcpy(request + length, s, n);
  length += n;
}

static int write_all(int fd, const char *data, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, data, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    data += w;
    n -= (size_t)w;
  }
  return 0;
}

/** Copies `from` to `to` until end of file. */
static void copy(FILE *from, FILE *to) {
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, from)) > 0) fwrite(chunk, 1, n, to);
}

/** Runs the simulator script as a process of its own (no server): node SUPPORT_DIR/fake-<tool>[.js] args. */
static void run_alone(const char *tool, int argc, char **argv) {
  char script[4096];
  snprintf(script, sizeof script, "%s/fake-%s", SUPPORT_DIR, tool);
  if (access(script, F_OK) != 0) snprintf(script, sizeof script, "%s/fake-%s.js", SUPPORT_DIR, tool);
  char **args = calloc((size_t)argc + 2, sizeof *args);
  args[0] = "node";
  args[1] = script;
  for (int i = 1; i < argc; i++) args[i + 1] = argv[i];
  execvp("node", args);
  die(tool, "cannot start node");
}

int main(int argc, char **argv) {
  const char *slash = strrchr(argv[0], '/');
  const char *tool = slash ? slash + 1 : argv[0];
  const char *port = getenv("FAKE_SIM_PORT");
  if (!port || !*port) run_alone(tool, argc, argv);

  char message[256];
  snprintf(message, sizeof message, "simulator-server on port %s unreachable", port);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(port))};
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0) die(tool, message);

  char pid[32], count[32];
  snprintf(pid, sizeof pid, "%d", (int)getpid());
  snprintf(count, sizeof count, "%d", argc - 1);
  field(tool);
  char cwd[4096];
  field(getcwd(cwd, sizeof cwd) ? cwd : ".");
  field(pid);
  field(count);
  for (int i = 1; i < argc; i++) field(argv[i]);
  for (size_t i = 0; i < sizeof FORWARDED / sizeof *FORWARDED; i++) {
    const char *value = getenv(FORWARDED[i]);
    if (!value) continue;
    char *entry = malloc(strlen(FORWARDED[i]) + strlen(value) + 2);
    if (!entry) die(tool, "out of memory");
    sprintf(entry, "%s=%s", FORWARDED[i], value);
    field(entry);
    free(entry);
  }
  field("");
  if (write_all(fd, request, length) != 0) die(tool, message);

  FILE *response = fdopen(fd, "r");
  char code[64], err_file[4096];
  if (!response || !fgets(code, sizeof code, response)) die(tool, "simulator-server closed the connection");
  if (!fgets(err_file, sizeof err_file, response)) err_file[0] = '\0';
  err_file[strcspn(err_file, "\n")] = '\0';
  copy(response, stdout);
  fflush(stdout);
  if (err_file[0]) {
    FILE *err = fopen(err_file, "r");
    if (err) {
      copy(err, stderr);
      fclose(err);
      unlink(err_file);
    }
  }
  return atoi(code);
}
