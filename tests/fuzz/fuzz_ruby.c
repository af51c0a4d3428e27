/* fuzz_ruby.c — libFuzzer target for the Ruby ObjectSpace.dump_all reader:
 * the same contract as fuzz_native.c (one located message and no graph on
 * failure, a consistent graph on success), with the Ruby reader forced so
 * that every input reaches its record parser, class naming and roots. */
#define FUZZ_FORMAT "ruby"
#include "fuzz_native.c"
