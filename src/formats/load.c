/* load.c — opening a dump, choosing its reader, and finishing the graph. */
#include "memscope/alloc.h"
#include "memscope/reader.h"

#include <inttypes.h>
#include <string.h>

int ms_input_format_parse(const char *s, ms_input_format *f)
{
    if (strcmp(s, "auto") == 0)
        *f = MS_FMT_AUTO;
    else if (strcmp(s, "native") == 0)
        *f = MS_FMT_NATIVE;
    else if (strcmp(s, "v8") == 0)
        *f = MS_FMT_V8;
    else
        return -1;
    return 0;
}

ms_status ms_load_input(ms_input *in, const ms_load_opts *opts, ms_heap **out, ms_error *err)
{
    *out = NULL;
    if (in->size >= 2 && in->data[0] == 0x1f && in->data[1] == 0x8b)
        return ms_error_set(err, MS_ERR_INPUT,
                            "%s:1:1: gzip-compressed input: decompress it first "
                            "(zcat FILE | memscope ... -)", in->name);
    ms_builder *b;
    double t0 = ms_now();
    ms_input_format fmt = opts ? opts->format : MS_FMT_AUTO;
    if (fmt == MS_FMT_AUTO)
        fmt = ms_v8_sniff(in->data, in->size < 4096 ? in->size : 4096) ? MS_FMT_V8 : MS_FMT_NATIVE;
    ms_status st = fmt == MS_FMT_V8 ? ms_read_v8(in, opts, &b, err) : ms_read_native(in, opts, &b, err);
    if (st != MS_OK)
        return st;
    uint32_t dup = 0, first = 0;
    st = ms_builder_finish(b, out, &dup, &first);
    if (opts && opts->stats) {
        ms_load_stats *ls = opts->stats;
        ls->resolve = ms_builder_last_resolve_time();
        ls->parse = ms_now() - t0 - ls->resolve - ls->join;
    }
    if (st != MS_OK && fmt == MS_FMT_V8)
        return ms_error_set(err, MS_ERR_INPUT, "%s: nodes[%" PRIu32 "]: id already used by "
                            "nodes[%" PRIu32 "]", in->name, dup, first);
    if (st != MS_OK) {
        /* Two records share an id: find them again for the message. */
        char where[600], where1[600];
        ms_input_where(in, ms_native_record_offset(in, dup), where, sizeof where);
        ms_input_where(in, ms_native_record_offset(in, first), where1, sizeof where1);
        const char *line1 = strchr(where1 + strlen(in->name), ':') + 1;
        return ms_error_set(err, MS_ERR_INPUT, "%s: duplicate id (first used at line %.*s)",
                            where, (int)strcspn(line1, ":"), line1);
    }
    (*out)->source = ms_strdup(in->name);
    (*out)->format = fmt == MS_FMT_V8 ? "v8" : "native";
    return MS_OK;
}

ms_status ms_load(const char *path, const ms_load_opts *opts, ms_heap **out, ms_error *err)
{
    ms_input in;
    *out = NULL;
    ms_status st = ms_input_open(&in, path, err);
    if (st != MS_OK)
        return st;
    st = ms_load_input(&in, opts, out, err);
    ms_input_close(&in);
    return st;
}
