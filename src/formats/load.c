/* load.c — opening a dump, choosing its reader from the table (readers.c),
 * and finishing the graph. */
#include "memscope/alloc.h"
#include "memscope/reader.h"
#include "formats/roles.h"

#include <cJSON.h>
#include <inttypes.h>
#include <malloc.h>
#include <string.h>

/* The format of the input: forced, else the first in the table that
 * sniffs it (the last, native, takes the rest). */
static const ms_reader *choose(const ms_input *in, const ms_load_opts *opts)
{
    if (opts && opts->format)
        return opts->format;
    size_t n = in->size < 4096 ? in->size : 4096;
    const ms_reader *const *r = ms_readers;
    while (r[1] && !(*r)->sniff(in->data, n))
        r++;
    return *r;
}

/* Whether the dump's meta names its runtime as name ("runtime": "CPython"). */
static bool meta_runtime_is(const ms_heap *h, const char *name)
{
    if (!h->meta_json || !strstr(h->meta_json, name))
        return false;
    cJSON *m = cJSON_Parse(h->meta_json);
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(m, "runtime");
    bool is = cJSON_IsString(r) && strcmp(r->valuestring, name) == 0;
    cJSON_Delete(m);
    return is;
}

/* err's message about nodes (duplicate ids), located with the reader's
 * where: "FILE:LINE:COL: duplicate id (first used at line L)". */
static ms_status locate(const ms_input *in, const ms_reader *rd, ms_error *err)
{
    if (err->node[0] == UINT32_MAX)
        return err->status;
    char where[600], where1[600], what[sizeof err->msg];
    snprintf(what, sizeof what, "%s", err->msg);
    rd->where(in, err->node[0], where, sizeof where);
    if (err->node[1] == UINT32_MAX)
        return ms_error_set(err, err->status, "%s: %s", where, what);
    rd->where(in, err->node[1], where1, sizeof where1);
    const char *line1 = where1 + strlen(in->name);
    line1 += *line1 == ':';
    return ms_error_set(err, err->status, "%s: %s (first used at line %.*s)", where, what,
                        (int)strcspn(line1, ":"), line1);
}

/* Reads in, already decompressed, with its reader. */
static ms_status load_plain(ms_input *in, const ms_load_opts *opts, ms_heap **out,
                            ms_error *err)
{
    ms_builder *b;
    double t0 = ms_now();
    const ms_reader *rd = choose(in, opts);
#if defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
    if (rd->keep_freed) {
        /* With glibc's defaults each big array is its own mapping,
         * unmapped on free, so the memory a reader gives back is faulted in
         * twice; keeping big blocks in the heap lets the analyses reuse it
         * (a tenth of the run on a 1.6M-node V8 snapshot, for a little more
         * peak memory). */
        mallopt(M_MMAP_THRESHOLD, 1 << 30);
        mallopt(M_TRIM_THRESHOLD, 1 << 30);
    }
#endif
    ms_status st = rd->read(in, opts, &b, err);
    if (st != MS_OK)
        return st;
    double resolve = 0;
    st = ms_builder_finish_timed(b, out, &resolve, err);
    /* What the reader freed: the analyses take their arrays there. */
    if (rd->keep_freed)
        ms_give_back();
    if (opts && opts->stats) {
        ms_load_stats *ls = opts->stats;
        ls->resolve = resolve;
        ls->parse = ms_now() - t0 - ls->resolve - ls->join;
    }
    if (st != MS_OK)
        return locate(in, rd, err);
    (*out)->source = ms_strdup(in->name);
    (*out)->format = rd->name;
    if (!(*out)->role && meta_runtime_is(*out, "CPython"))
        ms_cpython_roles(*out);
    if (strcmp(rd->name, "v8") == 0)
        ms_v8_roles(*out);
    ms_roles_named(*out);
    return MS_OK;
}

/* gzip data is decompressed first, whatever the file's name (input.h). */
ms_status ms_load_input(ms_input *in, const ms_load_opts *opts, ms_heap **out, ms_error *err)
{
    *out = NULL;
    if (!ms_input_is_gzip(in))
        return load_plain(in, opts, out, err);
    ms_input plain;
    ms_status st = ms_input_gunzip(in, &plain, opts ? opts->progress : NULL,
                                   opts ? opts->progress_ctx : NULL, err);
    if (st != MS_OK)
        return st;
    st = load_plain(&plain, opts, out, err);
    ms_input_close(&plain);
    return st;
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
