import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { setFlagsFromString } from 'node:v8';

/**
 * The Cedar bindings (WebAssembly), loaded through here only.
 *
 * Node 20's V8 aborts the whole process ("Fatal error ... unreachable code" in
 * Deoptimizer::DoComputeBuiltinContinuation) when an optimized function that inlined a call into
 * WebAssembly is deoptimized while that call runs, which the bindings provoke: their JSON
 * callbacks create objects that invalidate the caller's optimized code. bench/policy.bench.ts
 * crashed this way within seconds. Turning that one inlining off, before any caller is optimized,
 * removes the crash at no measurable cost (a call into Cedar takes tens of microseconds anyway).
 */
setFlagsFromString('--no-turbo-inline-js-wasm-calls');

export { cedar };
