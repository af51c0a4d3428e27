/* fuzz_native.c — libFuzzer target for the native dump reader.
 *
 * Feeds arbitrary bytes to the whole load path (gzip, sniffing, the JSON
 * scanner, the record parser, the graph builder, id resolution). Besides the
 * sanitizers' checks it asserts the reader's own contract: on failure a
 * message of the form "<fuzz>:LINE:COL: ..." and no graph; on success a
 * graph whose every edge points at a node, whose edge offsets ascend, and
 * whose sizes add up. Threads are off so runs are deterministic. */
#include "memscope/heap.h"
#include "memscope/reader.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* fuzz_v8.c reuses this file with the V8 reader forced. */
#ifndef FUZZ_FORMAT
#define FUZZ_FORMAT "auto"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setenv("MEMSCOPE_THREADS", "1", 1);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ms_input in = { .name = "<fuzz>", .data = data, .size = size, .mapped = false };
    ms_load_opts opts = { 0 };
    if (ms_input_format_parse(FUZZ_FORMAT, &opts.format))
        abort();
    ms_heap *h = NULL;
    ms_error err = { 0 };
    ms_status st = ms_load_input(&in, &opts, &h, &err);
    if (st != MS_OK) {
        if (h || strncmp(err.msg, "<fuzz>:", 7) != 0)
            abort();
        return 0;
    }
    uint64_t total = 0;
    for (uint32_t i = 0; i < h->n; i++) {
        if (h->edge_off[i] > h->edge_off[i + 1])
            abort();
        total += ms_heap_size(h, i);
    }
    if (h->edge_off[h->n] != h->m || total != h->total_size)
        abort();
    for (uint32_t e = 0; e < h->m; e++) {
        uint32_t name = h->edge_name[e];
        bool index = h->index_names && (name & MS_NAME_INDEX);
        if (h->edge_to[e] >= h->n || (!index && name >= h->strings.count))
            abort();
    }
    for (uint32_t i = 0; i < h->nroots; i++)
        if (h->roots[i] >= h->n)
            abort();
    ms_heap_free(h);
    return 0;
}
