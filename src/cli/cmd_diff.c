/* cmd_diff.c — `memscope diff BEFORE AFTER [FINAL]`: what grew between two
 * dumps of one process, and what leaked across three. Parses options, loads
 * and analyzes each dump, matches objects, prints, and gates CI with
 * --fail-over (exit 7). */
#include "cli.h"
#include "memscope/alloc.h"
#include "memscope/analysis.h"
#include "memscope/reports.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: memscope diff [options] BEFORE AFTER [FINAL]\n"
    "\n"
    "Compare dumps of one process. Two dumps: the totals, the types that\n"
    "changed (new, freed, bytes and retained sizes) and the objects whose\n"
    "retained size grew most, each with its path. Three dumps: also the leaks,\n"
    "objects new in AFTER and still in FINAL, clustered by how they are\n"
    "retained. TSV output is one table: the types (or sites, with --by site),\n"
    "or --grown, or --leaks.\n"
    "\n"
    "Options:\n"
    "      --top N           rows of each table (default 20, 0 = all)\n"
    "      --sort KEY        order types by size_delta (default), delta,\n"
    "                        retained_delta, new or alloc_bytes\n"
    "      --by KEY          group the table by type (default) or site (where the\n"
    "                        objects were allocated: the innermost frame)\n"
    "      --grown           TSV: the grown objects\n"
    "      --leaks           TSV: the leak clusters (three dumps)\n"
    "      --all-leaks       list the clusters of churn too: the runtime's own\n"
    "                        objects and bounded caches at their bound\n"
    "      --fail-over SIZE  exit 7 if the reachable heap grew by more than SIZE\n"
    "                        (two dumps) or the leaks retain more (three); K, M, G\n"
    MS_CLI_COMMON_HELP
    "\n"
    "Exit status: 0, or 7 past --fail-over; 2, 3, 4, 6 as for every command.\n";

enum { OPT_TOP = 1, OPT_SORT, OPT_GROWN, OPT_LEAKS, OPT_FAIL_OVER, OPT_BY, OPT_ALL_LEAKS };

typedef struct opts {
    uint32_t top;
    ms_diff_sort sort;
    const char *sort_name;
    ms_diff_tsv tsv;
    bool fail, by_site, all_leaks;
    uint64_t fail_over;
} opts;

static int opt(ms_cli *cli, void *ctx, int c, const char *arg)
{
    static const struct { const char *name; ms_diff_sort key; } keys[] = {
        { "size_delta", MS_DIFF_SORT_SIZE }, { "delta", MS_DIFF_SORT_COUNT },
        { "retained_delta", MS_DIFF_SORT_RETAINED }, { "new", MS_DIFF_SORT_NEW },
        { "alloc_bytes", MS_DIFF_SORT_ALLOC },
    };
    opts *o = ctx;
    switch (c) {
    case OPT_TOP:
        return ms_cli_parse_u32(cli, "--top", arg, &o->top);
    case OPT_SORT:
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
            if (strcmp(arg, keys[k].name) == 0) {
                o->sort = keys[k].key;
                o->sort_name = keys[k].name;
                return 0;
            }
        return ms_cli_usage_error(cli, "--sort: expected size_delta, delta, retained_delta, new "
                                       "or alloc_bytes, got '%s'", arg);
    case OPT_GROWN:
    case OPT_LEAKS:
        if (o->tsv != MS_DIFF_TSV_TYPES)
            return ms_cli_usage_error(cli, "--grown and --leaks select one TSV table: give one");
        o->tsv = c == OPT_GROWN ? MS_DIFF_TSV_GROWN : MS_DIFF_TSV_LEAKS;
        return 0;
    case OPT_BY:
        if (strcmp(arg, "type") && strcmp(arg, "site"))
            return ms_cli_usage_error(cli, "--by: expected type or site, got '%s'", arg);
        o->by_site = strcmp(arg, "site") == 0;
        return 0;
    case OPT_ALL_LEAKS:
        o->all_leaks = true;
        return 0;
    case OPT_FAIL_OVER:
        o->fail = true;
        return ms_cli_parse_bytes(cli, "--fail-over", arg, &o->fail_over);
    }
    return ms_cli_usage_error(cli, "unexpected option");
}

/* One loaded dump and what diff needs of it. */
typedef struct dump {
    ms_heap *h;
    ms_analysis an;
    ms_type_row *types;
    uint32_t ntypes;
    uint32_t *site_key;  /* --by site: each object's innermost frame, or "(no site)" */
    ms_diff_side side;
} dump;

/* Each object's innermost allocation frame, as a string of h's pool, for
 * grouping by site; "(no site)" for objects without one. */
static uint32_t *site_keys(ms_heap *h)
{
    uint32_t none = ms_strpool_intern(&h->strings, "(no site)", 9);
    uint32_t *key = ms_malloc(((size_t)h->n + 1) * sizeof *key);
    for (uint32_t v = 0; v < h->n; v++)
        key[v] = h->site && h->site[v] ? h->sites.frame[h->site[v] - 1] : none;
    return key;
}

static int load_dump(const ms_cli *cli, const opts *o, const char *path, dump *d)
{
    memset(d, 0, sizeof *d);
    int r = ms_cli_load(cli, path, &d->h);
    if (r)
        return r;
    if (o->by_site && !d->h->site) {
        fprintf(stderr, "memscope: %s: the dump has no allocation sites: diff --by site needs "
                        "them (see memscope sites)\n", d->h->source);
        return MS_EXIT_FINDINGS;
    }
    ms_cli_analyze(cli, d->h, MS_RUN_DOMINATORS, &d->an);
    const uint32_t *key = d->h->type;
    if (o->by_site)
        key = d->site_key = site_keys(d->h);
    d->types = ms_key_histogram(d->h, key, MS_SORT_BYTES, &d->ntypes);
    ms_key_retained(d->h, key, &d->an.dom, d->types, d->ntypes, MS_SORT_BYTES);
    d->side = (ms_diff_side){ d->h, &d->an.dom, d->types, d->ntypes, key };
    return 0;
}

static void free_dump(dump *d)
{
    if (!d->h)
        return;
    free(d->types);
    free(d->site_key);
    ms_analysis_free(&d->an);
    ms_heap_free(d->h);
}

/* The pid in a dump's meta, or -1. */
static double meta_pid(const ms_heap *h)
{
    cJSON *m = h->meta_json ? cJSON_Parse(h->meta_json) : NULL;
    cJSON *p = cJSON_GetObjectItemCaseSensitive(m, "pid");
    double pid = cJSON_IsNumber(p) ? p->valuedouble : -1;
    cJSON_Delete(m);
    return pid;
}

/* Checks that the dumps can be compared: the same format (else exit 3),
 * and warns when their meta names different processes. */
static int check_dumps(dump *d, int n)
{
    for (int k = 1; k < n; k++) {
        if (strcmp(d[k].h->format, d[0].h->format) != 0) {
            fprintf(stderr, "memscope: %s: a %s dump, but %s is a %s dump: diff compares dumps "
                            "of one process\n", d[k].h->source, d[k].h->format, d[0].h->source,
                    d[0].h->format);
            return MS_EXIT_BADINPUT;
        }
        double p0 = meta_pid(d[0].h), pk = meta_pid(d[k].h);
        if (p0 >= 0 && pk >= 0 && p0 != pk)
            fprintf(stderr, "memscope: warning: %s comes from pid %.0f, %s from pid %.0f: ids "
                            "of different processes do not match\n", d[0].h->source, p0,
                    d[k].h->source, pk);
    }
    return 0;
}

/* Matches AFTER to BEFORE and decides the identity: by id on V8, by id and
 * type elsewhere; by type only (with a warning) when fewer than one in ten
 * of the smaller dump's objects share an id and a type. */
static void match_dumps(ms_diff *diff, dump *a, dump *b, uint32_t *match, uint8_t *same)
{
    bool v8 = strcmp(a->h->format, "v8") == 0;
    diff->identity = v8 ? MS_IDENTITY_ID : MS_IDENTITY_ID_TYPE;
    diff->matched = ms_diff_match(a->h, b->h, !v8, match, same);
    uint64_t both = 0, smaller = a->h->n < b->h->n ? a->h->n : b->h->n;
    for (uint32_t j = 0; j < b->h->n; j++)
        both += match[j] != MS_NONE && same[j];
    if (smaller && both * 10 < smaller) {
        fprintf(stderr, "memscope: warning: %s and %s share almost no objects (%" PRIu64
                        " of %" PRIu64 "): comparing types only\n", a->h->source, b->h->source,
                both, smaller);
        diff->identity = MS_IDENTITY_AGGREGATE;
    }
}

/* The leaks of BEFORE, AFTER (b, matched to BEFORE by match_ab) and FINAL
 * (c) into diff. */
static void find_leaks(const opts *o, ms_diff *diff, dump *b, dump *c, const uint32_t *match_ab)
{
    uint32_t *match_bc = ms_malloc(((size_t)c->h->n + 1) * sizeof *match_bc);
    ms_diff_match(b->h, c->h, diff->identity == MS_IDENTITY_ID_TYPE, match_bc, NULL);
    ms_leak_input in = { .after = &b->side, .final = &c->side, .after_old = match_ab,
                         .final_in_after = match_bc, .roots = &c->an.roots, .all = o->all_leaks };
    ms_diff_leaks_find(diff, &in);
    ms_diff_leaks_describe(diff, &c->side);
    free(match_bc);
}

/* Fills diff from the n loaded dumps. */
static void compute(const ms_cli *cli, const opts *o, dump *d, int n, ms_diff *out)
{
    ms_diff diff;
    ms_diff_init(&diff);
    uint32_t *match = ms_malloc(((size_t)d[1].h->n + 1) * sizeof *match);
    uint8_t *same = ms_malloc((size_t)d[1].h->n + 1);
    double t0 = ms_now();
    match_dumps(&diff, &d[0], &d[1], match, same);
    double t1 = ms_now();
    ms_diff_types(&diff, &d[0].side, &d[1].side, match, same);
    ms_diff_sort_rows(&diff, o->sort);
    double t2 = ms_now(), t3 = t2, t4 = t2;
    if (diff.identity != MS_IDENTITY_AGGREGATE) {
        ms_diff_grown_find(&diff, &d[0].side, &d[1].side, match, o->top, &d[1].an.roots);
        t3 = t4 = ms_now();
        if (n == 3) {
            find_leaks(o, &diff, &d[1], &d[2], match);
            t4 = ms_now();
        }
    }
    if (cli->verbose)
        fprintf(stderr, "memscope: diff: matched in %.3f s, types in %.3f s, grown objects in "
                        "%.3f s, leaks in %.3f s\n", t1 - t0, t2 - t1, t3 - t2, t4 - t3);
    free(match);
    free(same);
    *out = diff;
}

static int compare(const ms_cli *cli, const opts *o, dump *d, int n)
{
    ms_diff diff;
    compute(cli, o, d, n, &diff);
    ms_diff_report rep = { .side = { &d[0].side, &d[1].side, n == 3 ? &d[2].side : NULL },
                           .nsides = n, .d = &diff, .top = o->top, .sort_name = o->sort_name,
                           .tsv = o->tsv, .by_site = o->by_site };
    ms_report_diff(stdout, cli->format, &rep);
    int r = ms_cli_finish_output();
    if (!r && o->fail) {
        int64_t grew = (int64_t)d[1].an.dom.retained[0] - (int64_t)d[0].an.dom.retained[0];
        if (n == 2 && grew > 0 && (uint64_t)grew > o->fail_over) {
            fprintf(stderr, "memscope: the reachable heap grew by %" PRId64 " bytes, more than "
                            "--fail-over %" PRIu64 "\n", grew, o->fail_over);
            r = MS_EXIT_GROWTH;
        } else if (n == 3 && diff.leaked_retained > o->fail_over) {
            fprintf(stderr, "memscope: %" PRIu32 " leak cluster%s retain %" PRIu64 " bytes, more "
                            "than --fail-over %" PRIu64 "\n", diff.nclusters,
                    diff.nclusters == 1 ? "" : "s", diff.leaked_retained, o->fail_over);
            r = MS_EXIT_GROWTH;
        }
    }
    ms_diff_free(&diff);
    return r;
}

static int run(int argc, char **argv)
{
    ms_cli cli;
    ms_cli_init(&cli, &ms_cmd_diff);
    static const struct option longopts[] = {
        { "top", required_argument, NULL, OPT_TOP },
        { "sort", required_argument, NULL, OPT_SORT },
        { "grown", no_argument, NULL, OPT_GROWN },
        { "leaks", no_argument, NULL, OPT_LEAKS },
        { "fail-over", required_argument, NULL, OPT_FAIL_OVER },
        { "by", required_argument, NULL, OPT_BY },
        { "all-leaks", no_argument, NULL, OPT_ALL_LEAKS },
        { NULL, 0, NULL, 0 },
    };
    opts o = { .top = 20, .sort = MS_DIFF_SORT_SIZE, .sort_name = "size_delta" };
    int r = ms_cli_options(&cli, argc, argv, longopts, opt, &o);
    if (r)
        return r == MS_CLI_DONE ? 0 : r;
    int n = argc - optind;
    if (n < 2 || n > 3)
        return ms_cli_usage_error(&cli, "expected BEFORE AFTER [FINAL], got %d operand%s", n,
                                  n == 1 ? "" : "s");
    if (o.tsv == MS_DIFF_TSV_LEAKS && n != 3)
        return ms_cli_usage_error(&cli, "--leaks needs three dumps: BEFORE AFTER FINAL");
    dump d[3];
    memset(d, 0, sizeof d);
    for (int k = 0; k < n && !r; k++)
        r = load_dump(&cli, &o, argv[optind + k], &d[k]);
    if (!r)
        r = check_dumps(d, n);
    if (!r)
        r = compare(&cli, &o, d, n);
    for (int k = 0; k < n; k++)
        free_dump(&d[k]);
    return r;
}

int ms_cli_diff_json(const ms_cli *cli, char *const *paths, int n, char **json)
{
    opts o = { .top = 20, .sort = MS_DIFF_SORT_SIZE, .sort_name = "size_delta" };
    dump d[3];
    memset(d, 0, sizeof d);
    int r = 0;
    *json = NULL;
    for (int k = 0; k < n && !r; k++)
        r = load_dump(cli, &o, paths[k], &d[k]);
    if (!r)
        r = check_dumps(d, n);
    if (!r) {
        ms_diff diff;
        compute(cli, &o, d, n, &diff);
        ms_diff_report rep = { .side = { &d[0].side, &d[1].side, n == 3 ? &d[2].side : NULL },
                               .nsides = n, .d = &diff, .top = o.top, .sort_name = o.sort_name };
        size_t len = 0;
        FILE *mem = ms_memstream(json, &len);
        ms_report_diff(mem, MS_FORMAT_JSON, &rep);
        ms_memstream_close(mem);
        ms_diff_free(&diff);
    }
    for (int k = 0; k < n; k++)
        free_dump(&d[k]);
    return r;
}

const ms_command ms_cmd_diff = {
    "diff", run, usage, "what grew and what leaked between dumps; a CI gate",
};
