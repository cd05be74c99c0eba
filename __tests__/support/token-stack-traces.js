'use strict';
/**
 * jest setup (setupFilesAfterEnv): cheap token stack traces. cdktf records the stack at every token it creates
 * (about 1,900 per synth of the example), and prints it only when that token later fails to resolve. It captures
 * each trace into a plain object (cdktf lib/tokens/private/stack-trace.js; constructs does the same for metadata).
 * Under jest every such capture was formatted by jest's source-map-support, which made an in-process synth about
 * three times slower than outside jest (~0.78 s against ~0.25 s). Here a capture into anything but an error gets an
 * empty trace, so cdktf records none; errors keep jest's source-mapped stack traces. Synthesized JSON is unchanged:
 * it never holds these traces.
 */
const { isNativeError } = require('node:util').types;

const sourceMapped = Error.prepareStackTrace;
if (typeof sourceMapped === 'function') {
  Error.prepareStackTrace = (target, frames) => (isNativeError(target) ? sourceMapped(target, frames) : '');
}
