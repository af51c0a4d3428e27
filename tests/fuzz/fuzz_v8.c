/* fuzz_v8.c — libFuzzer target for the V8 .heapsnapshot reader: the same
 * contract as fuzz_native.c (one located message and no graph on failure,
 * a consistent graph on success), with the V8 reader forced so that every
 * input reaches its scanner, checks and DevTools' semantics. */
#define FUZZ_FORMAT "v8"
#include "fuzz_native.c"
