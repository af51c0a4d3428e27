/* diff_dumps.c — the dumps `diff` compares, and report's diff section:
 * each loaded and analyzed in turn, checked to be comparable, then handed
 * to the diff pipeline (ms_diff_run); its warnings and -v times printed. */
#include "cli.h"
#include "memscope/pipeline.h"

#include <inttypes.h>
#include <string.h>

static int load_dump(const ms_cli *cli, const ms_diff_cli_opts *o, const char *path,
                     ms_diff_dump *d)
{
    int r = ms_cli_load(cli, path, &d->h);
    if (r)
        return r;
    if (o->by_site && !d->h->site) {
        ms_cli_error("%s: the dump has no allocation sites: diff --by site needs them "
                     "(see memscope sites)", d->h->source);
        return MS_EXIT_FINDINGS;
    }
    ms_cli_analyze(cli, d->h, MS_RUN_DOMINATORS, &d->an);
    ms_diff_dump_build(d, o->by_site);
    return 0;
}

/* Checks that the dumps can be compared: the same format (else a usage
 * error: both dumps are valid, the command line is not), and warns when
 * their meta names different processes. */
static int check_dumps(const ms_cli *cli, ms_diff_dump *d, int n)
{
    for (int k = 1; k < n; k++) {
        if (strcmp(d[k].h->format, d[0].h->format) != 0)
            return ms_cli_usage_error(cli, "%s: a %s dump, but %s is a %s dump: diff "
                                           "compares dumps of one process",
                                      d[k].h->source, d[k].h->format, d[0].h->source,
                                      d[0].h->format);
        double p0 = ms_diff_meta_pid(d[0].h), pk = ms_diff_meta_pid(d[k].h);
        if (p0 >= 0 && pk >= 0 && p0 != pk)
            ms_cli_warn("%s comes from pid %.0f, %s from pid %.0f: ids of different processes "
                        "do not match", d[0].h->source, p0, d[k].h->source, pk);
    }
    return 0;
}

int ms_cli_diff(const ms_cli *cli, const ms_diff_cli_opts *o, char *const *paths, int n,
                ms_diff_dump *d, ms_diff *out, ms_diff_report *rep)
{
    memset(d, 0, (size_t)n * sizeof *d);
    int r = 0;
    for (int k = 0; k < n && !r; k++)
        r = load_dump(cli, o, paths[k], &d[k]);
    if (!r)
        r = check_dumps(cli, d, n);
    if (r)
        return r;
    const ms_reader *reader = ms_reader_find(d[0].h->format);
    ms_diff_opts dopts = { .sort = o->sort, .top = ms_cli_top(cli, o->top), .all_leaks = o->all_leaks,
                           .stable_ids = reader && reader->stable_ids };
    ms_diff_run_info info;
    ms_diff_run(d, n, &dopts, out, &info);
    if (info.aggregate)
        ms_cli_warn("%s and %s share almost no objects (%" PRIu64 " of %" PRIu64 "): comparing "
                    "types only", d[0].h->source, d[1].h->source, info.shared, info.smaller);
    if (cli->verbose)
        ms_cli_error("diff: matched in %.3f s, types in %.3f s, grown objects in %.3f s, "
                     "leaks in %.3f s", info.t_match, info.t_types, info.t_grown, info.t_leaks);
    *rep = (ms_diff_report){ .side = { &d[0].side, &d[1].side, n == 3 ? &d[2].side : NULL },
                             .nsides = n, .d = out, .top = ms_cli_top(cli, o->top), .sort_name = o->sort_name,
                             .tsv = o->tsv, .by_site = o->by_site };
    return 0;
}
