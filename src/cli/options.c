/* options.c — the table of every option (options.h) and the printers that
 * turn it into --help's option lists and the man page's. */
#include "options.h"

#include "memscope/reader.h"

#include <getopt.h>
#include <string.h>

#define SUMMARY (MS_C_ANALYZE | MS_C_REPORT)

const ms_option ms_options[] = {
    /* analyze, report */
    { "output", 'o', MS_OPT_OUTPUT, required_argument, "FILE", NULL, MS_C_REPORT, 0,
      MS_GROUP_OWN, "the page (required; - for standard output)",
      "The page (required; \\fB\\-\\fR for standard output).\n" },
    { "top", 0, MS_OPT_TOP, required_argument, "N", NULL, MS_C_ANALYZE, 0, MS_GROUP_OWN,
      "rows of each list: types, retainers, cycle shapes\n(default 20 in the table, all in TSV and JSON;\n0 = all)",
      "Rows of each list: types, largest retainers and cycle shapes; 0 shows all.\n"
      "The table view shows 20 by default and says how many it left out; TSV and\n"
      "JSON print every type and cycle shape, and the 20 largest retainers (every\n"
      "object's retained size is \\fBdominators \\-\\-all\\fR).\n" },
    { "top", 0, MS_OPT_TOP, required_argument, "N", NULL, MS_C_REPORT, 0, MS_GROUP_OWN,
      "rows of the embedded analysis lists (default 20)",
      "Rows of the lists in the embedded analysis (default 20; the types table\n"
      "always has every type).\n" },
    { "sort", 0, MS_OPT_SORT, required_argument, "KEY", NULL, SUMMARY, 0, MS_GROUP_OWN,
      "order types by bytes (default), count or retained",
      "Order types by \\fBbytes\\fR (default), \\fBcount\\fR or \\fBretained\\fR. Ties\n"
      "are broken by bytes or count, then by name.\n" },
    { "threshold", 0, MS_OPT_THRESHOLD, required_argument, "PCT", NULL, SUMMARY, 0,
      MS_GROUP_OWN,
      "leak suspects retain at least PCT% of the reachable\nheap (default 10)",
      "Leak suspects retain at least \\fIPCT\\fR percent of the reachable heap\n"
      "(default 10; above 0, at most 100).\n" },

    /* dominators */
    { "root", 0, MS_OPT_ROOT, required_argument, "OBJ", NULL, MS_C_DOMINATORS, 0,
      MS_GROUP_OWN, "the subtree under OBJ (decimal or 0x-hex id)",
      "The subtree under \\fIOBJ\\fR (a decimal or 0x\\-hex id), \\fIOBJ\\fR itself at\n"
      "depth 0. Exit status 1 if \\fIOBJ\\fR is unreachable, 5 if it is not in the\n"
      "dump.\n" },
    { "depth", 0, MS_OPT_DEPTH, required_argument, "N", NULL, MS_C_DOMINATORS, 0,
      MS_GROUP_OWN, "N levels (default 8 in the table, all in TSV and JSON;\n0 = no limit)",
      "Show \\fIN\\fR levels (0 = no limit). The table view's default is 8 levels\n"
      "and objects retaining 1% of the reachable heap; TSV and JSON print every\n"
      "reachable object unless \\fB\\-\\-depth\\fR or \\fB\\-\\-min\\-retained\\fR is given.\n" },
    { "min-retained", 0, MS_OPT_MIN_RETAINED, required_argument, "B", "BYTES",
      MS_C_DOMINATORS, 0, MS_GROUP_OWN,
      "leave out objects retaining less than B bytes\n"
      "(K, M, G suffixes; default 1% of the reachable heap\nin the table, none in TSV and JSON)",
      "Leave out objects (with their subtrees) retaining less than \\fIBYTES\\fR; a\n"
      "\\fBK\\fR, \\fBM\\fR or \\fBG\\fR suffix multiplies by 1024, 1024^2, 1024^3.\n"
      "Default: 1% of the reachable heap in the table view, none in TSV and JSON.\n" },
    { "all", 0, MS_OPT_ALL, no_argument, NULL, NULL, MS_C_DOMINATORS, 0, MS_GROUP_OWN,
      "every reachable object (no depth or size limit)",
      "Every reachable object, in preorder: no depth or size limit unless\n"
      "\\fB\\-\\-depth\\fR or \\fB\\-\\-min\\-retained\\fR is also given.\n" },

    /* cycles */
    { "members", 0, MS_OPT_MEMBERS, no_argument, NULL, NULL, MS_C_CYCLES, 0, MS_GROUP_OWN,
      "one row per member: cycle id type size",
      "One row per member instead of one per cycle.\n" },
    { "min-size", 0, MS_OPT_MIN_SIZE, required_argument, "N", NULL, MS_C_CYCLES, 0,
      MS_GROUP_OWN, "only cycles of at least N objects",
      "Only cycles of at least \\fIN\\fR objects.\n" },

    /* graph: the diagram, then its options */
    { "backrefs", 0, MS_OPT_BACKREFS, optional_argument, "OBJ", NULL, MS_C_GRAPH, 0,
      MS_GROUP_DIAGRAM, "who refers to OBJ, breadth first (objgraph show_backrefs)",
      "Who refers to the start objects (objgraph show_backrefs): breadth first over\n"
      "referrers, in dump order. Roots are drawn but not expanded, nor are modules\n"
      "(objects of type \\fBmodule\\fR), unless they are start objects. Weak\n"
      "referrers are drawn, dashed.\n" },
    { "refs", 0, MS_OPT_REFS, optional_argument, "OBJ", NULL, MS_C_GRAPH, 0,
      MS_GROUP_DIAGRAM, "what OBJ refers to (objgraph show_refs)",
      "What the start objects refer to (objgraph show_refs): breadth first over\n"
      "references, in the order the object lists them. Modules other than start\n"
      "objects are not expanded.\n" },
    { "chain", 0, MS_OPT_CHAIN, optional_argument, "OBJ", NULL, MS_C_GRAPH, 0,
      MS_GROUP_DIAGRAM, "the shortest retaining path from a root to OBJ",
      "The shortest retaining path from a root to each start object, as\n"
      "\\fBmemscope path\\fR finds it (objgraph show_chain of find_backref_chain).\n"
      "Chains that meet share their part above. \\fB\\-\\-max\\-depth\\fR,\n"
      "\\fB\\-\\-too\\-many\\fR, \\fB\\-\\-filter\\fR and \\fB\\-\\-ignore\\fR do not apply.\n"
      "Start objects that are garbage are drawn alone, with a note on standard\n"
      "error; exit status 1 if all are.\n" },
    { "dominators", 0, MS_OPT_DOMINATORS, optional_argument, "OBJ", NULL, MS_C_GRAPH, 0,
      MS_GROUP_DIAGRAM, "the dominator subtree under OBJ, largest first",
      "The dominator subtree under each start object: each object's dominated\n"
      "objects, largest retained size first. An arrow is drawn dominator to\n"
      "dominated, labelled with the references between them; a grey arrow with a\n"
      "hollow head means the dominator holds the object only through others. Exit\n"
      "status 1 if every start object is garbage.\n" },
    { "max-depth", 0, MS_OPT_MAX_DEPTH, required_argument, "N", NULL, MS_C_GRAPH, 0,
      MS_GROUP_OWN, "levels drawn beyond the start objects (default 3)",
      "The start objects are depth 0; objects up to depth \\fIN\\fR are drawn and\n"
      "those at depth \\fIN\\fR are not expanded (default 3, as objgraph).\n" },
    { "too-many", 0, MS_OPT_TOO_MANY, required_argument, "N", NULL, MS_C_GRAPH, 0,
      MS_GROUP_OWN, "neighbours drawn per object; the rest in a red box\n(default 10)",
      "Draw at most \\fIN\\fR neighbours (distinct objects) of each expanded object;\n"
      "the rest are counted in one red box, \"\\fIK\\fR more referrers\", \"\\fIK\\fR\n"
      "more references\" or \"\\fIK\\fR more dominated\" with their retained bytes\n"
      "(default 10, as objgraph).\n" },
    { "max-nodes", 0, MS_OPT_MAX_NODES, required_argument, "N", NULL, MS_C_GRAPH, 0,
      MS_GROUP_OWN, "objects drawn at most, with a note when reached\n(default 300)",
      "Draw at most \\fIN\\fR objects (default 300; start objects are always drawn),\n"
      "so that layout stays quick on hub objects. When the cap is reached the\n"
      "diagram carries a red note, \"diagram capped at \\fIN\\fR objects\n"
      "(\\-\\-max\\-nodes): \\fIK\\fR more not drawn\", and the same note goes to\n"
      "standard error.\n" },
    { "limit", 0, MS_OPT_LIMIT, required_argument, "N", NULL, MS_C_GRAPH, 0, MS_GROUP_OWN,
      "objects taken for each type:NAME (default 10; 0 = all)",
      "Objects taken for each \\fBtype:\\fR\\fINAME\\fR (default 10; 0 = all).\n" },
    { "filter", 0, MS_OPT_FILTER, required_argument, "TYPE", NULL, MS_C_GRAPH, 0,
      MS_GROUP_OWN, "draw only neighbours of type TYPE (repeatable)",
      "Draw only neighbours of type \\fITYPE\\fR; repeat for several types. Start\n"
      "objects are always drawn. A type that no object has gets a warning.\n" },
    { "ignore", 0, MS_OPT_IGNORE, required_argument, "TYPE", NULL, MS_C_GRAPH, 0,
      MS_GROUP_OWN, "leave out neighbours of type TYPE (repeatable)",
      "Leave out neighbours of type \\fITYPE\\fR; repeatable. A type that no object\n"
      "has gets a warning.\n" },
    { "highlight", 0, MS_OPT_HIGHLIGHT, required_argument, "TYPE", NULL, MS_C_GRAPH, 0,
      MS_GROUP_OWN, "fill objects of type TYPE blue (repeatable)",
      "Fill objects of type \\fITYPE\\fR blue; repeatable. A type that no object has\n"
      "gets a warning.\n" },
    { "sites", 0, MS_OPT_SITES, no_argument, NULL, NULL, MS_C_GRAPH, 0, MS_GROUP_OWN,
      "label objects with their allocation site (the\n"
      "innermost frame), when the dump has sites",
      "Add to each object's label where it was allocated, \\fBat\\fR and the\n"
      "innermost frame of its allocation stack, when the dump has sites (see\n"
      "\\fBsites\\fR).\n" },
    { "output", 'o', MS_OPT_OUTPUT, required_argument, "FILE", NULL, MS_C_INDEX, 0,
      MS_GROUP_OWN, "the index file (default: DUMP.msi, or the cache folder)",
      "Write the index to \\fIFILE\\fR. A command finds an index only beside its\n"
      "dump (\\fIDUMP\\fB.msi\\fR) or in the cache folder; one written elsewhere is\n"
      "opened when given as the \\fIDUMP\\fR operand.\n" },
    { "output", 'o', MS_OPT_OUTPUT, required_argument, "FILE", NULL, MS_C_GRAPH, 0,
      MS_GROUP_OWN,
      "write to FILE, format by extension (.dot, .gv, .svg,\n.png, .pdf, ...)",
      "Write to \\fIFILE\\fR, in the format its extension names: \\fB.dot\\fR and\n"
      "\\fB.gv\\fR (the DOT text, as on standard output), \\fB.svg\\fR, \\fB.png\\fR,\n"
      "\\fB.pdf\\fR, \\fB.ps\\fR, \\fB.eps\\fR, \\fB.jpg\\fR, \\fB.gif\\fR, \\fB.webp\\fR,\n"
      "\\fB.json\\fR, \\fB.xdot\\fR, \\fB.svgz\\fR. The file is written under a\n"
      "temporary name beside it and renamed when complete: a failed run leaves\n"
      "no partial file and an existing file untouched.\n" },
    { NULL, 'T', MS_OPT_RENDER_FORMAT, required_argument, "FORMAT", NULL, MS_C_GRAPH, 0,
      MS_GROUP_OWN, "output format (dot, svg, png, pdf, ...: any libgvc knows)",
      "The output format, whatever the extension: \\fBdot\\fR, \\fBsvg\\fR,\n"
      "\\fBpng\\fR, \\fBpdf\\fR or any other format libgvc has a plugin for (an\n"
      "unknown one gets the list). Without \\fB\\-o\\fR the rendering goes to\n"
      "standard output; binary formats are refused when that is a terminal.\n" },
    { "layout", 0, MS_OPT_LAYOUT, required_argument, "ENGINE", NULL, MS_C_GRAPH, 0,
      MS_GROUP_OWN, "dot (default), neato, fdp, sfdp, circo, twopi, ...",
      "The Graphviz layout engine: \\fBdot\\fR (default, layered), \\fBneato\\fR,\n"
      "\\fBfdp\\fR, \\fBsfdp\\fR, \\fBcirco\\fR, \\fBtwopi\\fR, ... In DOT output it is\n"
      "named as the graph's \\fBlayout\\fR attribute.\n" },

    /* diff */
    { "top", 0, MS_OPT_TOP, required_argument, "N", NULL, MS_C_DIFF, 0, MS_GROUP_OWN,
      "rows of each table (default 20 in the table, all in\nTSV and JSON; 0 = all)",
      "Rows of each table and grown objects kept (0 = all): by default 20 in the\n"
      "table view, which says how many it left out, and every row in TSV and JSON.\n" },
    { "sort", 0, MS_OPT_SORT, required_argument, "KEY", NULL, MS_C_DIFF, 0, MS_GROUP_OWN,
      "order types by size_delta (default), delta,\nretained_delta, new or alloc_bytes",
      "Order the types by \\fBsize_delta\\fR (default), \\fBdelta\\fR,\n"
      "\\fBretained_delta\\fR, \\fBnew\\fR or \\fBalloc_bytes\\fR, largest first.\n" },
    { "by", 0, MS_OPT_BY, required_argument, "KEY", NULL, MS_C_DIFF, 0, MS_GROUP_OWN,
      "group the table by type (default) or site (where the\n"
      "objects were allocated: the innermost frame)",
      "Group the first table by \\fBtype\\fR (default) or by \\fBsite\\fR: the\n"
      "innermost frame of each object's allocation stack, \\fB(no site)\\fR for\n"
      "objects without one (both dumps must have sites, else exit status 1; see\n"
      "\\fBsites\\fR). By site\n"
      "it is tracemalloc's \\fBcompare_to('lineno')\\fR with retained bytes: TSV\n"
      "columns\n"
      ".IP\n"
      ".B site\tnew\tfreed\tdelta\talloc_bytes\tfreed_bytes\tsize_delta\tretained_before\t"
      "retained_after\tretained_delta\n"
      ".IP\n"
      "and the JSON key \\fBsites\\fR instead of \\fBtypes\\fR.\n" },
    { "grown", 0, MS_OPT_GROWN, no_argument, NULL, NULL, MS_C_DIFF, 0, MS_GROUP_OWN,
      "TSV: the grown objects",
      "TSV output: the grown objects instead of the types.\n" },
    { "leaks", 0, MS_OPT_LEAKS, no_argument, NULL, NULL, MS_C_DIFF, 0, MS_GROUP_OWN,
      "TSV: the leak clusters (three dumps or more)",
      "TSV output: the leak clusters (three dumps or more).\n" },
    { "series", 0, MS_OPT_SERIES, no_argument, NULL, NULL, MS_C_DIFF, 0, MS_GROUP_OWN,
      "TSV: the types over the dumps (three or more)",
      "TSV output: every type (or site) over the dumps, growing ones first: its\n"
      "count and bytes in each dump and whether the bytes grew in every interval\n"
      "(three dumps or more).\n" },
    { "collections", 0, MS_OPT_COLLECTIONS, no_argument, NULL, NULL, MS_C_DIFF, 0,
      MS_GROUP_OWN, "TSV: the growing collections (three dumps or more)",
      "TSV output: the growing collections, objects in every dump whose element\n"
      "count grew in every interval (three dumps or more).\n" },
    { "cohorts", 0, MS_OPT_COHORTS, no_argument, NULL, NULL, MS_C_DIFF, 0, MS_GROUP_OWN,
      "TSV: the cohorts (three dumps or more)",
      "TSV output: for each interval, the objects new in its second dump and how\n"
      "many of them are still in the last (three dumps or more).\n" },
    { "baseline", 0, MS_OPT_BASELINE, required_argument, "FILE", NULL, MS_C_DIFF, 0,
      MS_GROUP_OWN, "known findings: listed as known, left out of\n--fail-over",
      "Read known findings from \\fIFILE\\fR (a baseline, written by\n"
      "\\fB\\-\\-write\\-baseline\\fR or by hand; memscope\\-format(5)): leak clusters\n"
      "and growing collections whose type and signature it lists are marked known\n"
      "and left out of \\fB\\-\\-fail\\-over\\fR, which then gates only what is new. A\n"
      "file that is not a baseline is exit status 3.\n" },
    { "write-baseline", 0, MS_OPT_WRITE_BASELINE, required_argument, "FILE", NULL, MS_C_DIFF,
      0, MS_GROUP_OWN, "write the findings' signatures to FILE",
      "Write a baseline of this run's findings (its leak clusters, churn aside, and\n"
      "growing collections) to \\fIFILE\\fR, then report as usual.\n" },
    { "all-leaks", 0, MS_OPT_ALL_LEAKS, no_argument, NULL, NULL, MS_C_DIFF, 0, MS_GROUP_OWN,
      "list the clusters of churn too: the runtime's own\n"
      "objects and bounded caches at their bound",
      "List the clusters of churn too (the runtime's own, bounded structures at\n"
      "their bound, minor ones), after the leaks, each marked with its churn.\n" },
    { "fail-over", 0, MS_OPT_FAIL_OVER, required_argument, "SIZE", NULL, MS_C_DIFF, 0,
      MS_GROUP_OWN,
      "exit 7 if the reachable heap grew by more than SIZE\n"
      "(two dumps), or what is new grew more (three or\n"
      "more); K, M, G",
      "The CI gate: exit 7, with a one\\-line reason on standard error, when with\n"
      "two dumps the reachable heap grew by more than \\fISIZE\\fR bytes, or with\n"
      "three dumps or more the leak clusters (churn and known ones aside) retain\n"
      "more than \\fISIZE\\fR in all, or a growing collection that is not known grew\n"
      "by more than \\fISIZE\\fR retained bytes from the first dump to the last\n"
      "(\\fBK\\fR, \\fBM\\fR, \\fBG\\fR suffixes as for\n"
      "\\fB\\-\\-min\\-retained\\fR). The reasons name only the new findings. The\n"
      "report is printed either way.\n" },

    /* sites */
    { "frames", 0, MS_OPT_FRAMES, required_argument, "N", NULL, MS_C_SITES, 0, MS_GROUP_OWN,
      "group by the innermost N frames (default 1)",
      "Group by the innermost \\fIN\\fR frames, joined by \\fB\" <\\- \"\\fR (default 1).\n" },
    { "cumulative", 0, MS_OPT_CUMULATIVE, no_argument, NULL, NULL, MS_C_SITES, 0,
      MS_GROUP_OWN, "credit every frame of each stack",
      "Credit every distinct frame of each stack, as tracemalloc's\n"
      "\\fBstatistics(..., cumulative=True)\\fR does; not with \\fB\\-\\-frames\\fR.\n" },
    { "top", 0, MS_OPT_TOP, required_argument, "N", NULL, MS_C_SITES, 0, MS_GROUP_OWN,
      "rows (default 20 in the table, all in TSV and JSON;\n0 = all)",
      "Rows (0 shows all): by default 20 in the table view, which says how many\n"
      "it left out, and every site in TSV and JSON.\n" },
    { "sort", 0, MS_OPT_SORT, required_argument, "KEY", NULL, MS_C_SITES, 0, MS_GROUP_OWN,
      "order by retained (default), bytes or count",
      "Order by \\fBretained\\fR (default), \\fBbytes\\fR or \\fBcount\\fR.\n" },

    /* every command */
    { "format", 'f', MS_OPT_FORMAT, required_argument, "FORMAT", NULL, MS_C_ALL, MS_C_GRAPH | MS_C_REPORT,
      MS_GROUP_COMMON, "table (default), tsv or json",
      ".B table\n"
      "(default),\n"
      ".B tsv\n"
      "or\n"
      ".BR json .\n"
      "Tables show sizes like \\fB12.3 MiB\\fR and counts with thousands separators,\n"
      "and escape control characters in text as \\fB\\et\\fR, \\fB\\en\\fR, \\fB\\er\\fR or\n"
      "\\fB\\exNN\\fR; they cut a cycle SHAPE longer than 80 columns and a NAME longer\n"
      "than 48 with \\fB\xe2\x80\xa6\\fR (TSV and JSON keep the whole text).\n"
      "TSV has a header row naming the columns, raw integers, and text\n"
      "with tab, newline, carriage return and backslash escaped as \\fB\\et\\fR,\n"
      "\\fB\\en\\fR, \\fB\\er\\fR and \\fB\\e\\e\\fR. JSON is UTF\\-8 with exact 64\\-bit\n"
      "integers. The table view, for people, shows the first 20 rows of each long\n"
      "list and says how many it left out; TSV and JSON, for scripts, print every\n"
      "row unless \\fB\\-\\-top\\fR is given (see each command).\n"
      "\\fBgraph\\fR and \\fBreport\\fR take no \\fB\\-\\-format\\fR (a usage\n"
      "error): they write DOT or a rendering, and HTML.\n" },
    { "input-format", 0, MS_OPT_INPUT_FORMAT, required_argument, "F", NULL, MS_C_ALL, 0,
      MS_GROUP_COMMON, "auto (default), {readers}",
      ".B auto\n"
      "(default: recognise the format from its first bytes: a file starting with\n"
      "\\fB{\"snapshot\"\\fR is a V8 heap snapshot; one starting with\n"
      "\\fB{\"type\":\"ROOT\"\\fR, or with an \\fB\"address\"\\fR string and a\n"
      "\\fB\"memsize\"\\fR, is a Ruby dump; anything else is read as the native\n"
      "format),\n"
      "{readers}.\n" },
    { "no-index", 0, MS_OPT_NO_INDEX, no_argument, NULL, NULL, MS_C_ALL & ~MS_C_INDEX, 0,
      MS_GROUP_COMMON, "parse the dump: no index read or written",
      "Parse the dump even if it has an index, and write none. By default a dump\n"
      "with a current index (see \\fBmemscope index\\fR) is opened from it, and a\n"
      "dump of 256 MiB or more gets one written by the first command that reads\n"
      "it. An index is also left aside with \\fB\\-\\-input\\-format\\fR and\n"
      "\\fB\\-\\-raw\\-sizes\\fR.\n" },
    { "raw-sizes", 0, MS_OPT_RAW_SIZES, no_argument, NULL, NULL, MS_C_ALL, 0, MS_GROUP_COMMON,
      "V8: keep V8's shallow sizes (no redistribution)",
      "V8 input: keep V8's own shallow sizes. By default they are redistributed\n"
      "as DevTools does (see V8 HEAP SNAPSHOTS).\n" },
    { "quiet", 'q', MS_OPT_QUIET, no_argument, NULL, NULL, MS_C_ALL & ~MS_C_GRAPH, 0,
      MS_GROUP_COMMON, "no progress on stderr",
      "No progress display. Progress is shown on standard error only when it is a\n"
      "terminal and the dump takes more than a moment to read. \\fBgraph \\-q\\fR\n"
      "also leaves out its notes (garbage drawn alone, the diagram capped) and\n"
      "the warning for a type no object has.\n" },
    /* graph's -q also silences its notes; the man page says so above. */
    { "quiet", 'q', MS_OPT_QUIET, no_argument, NULL, NULL, MS_C_GRAPH, 0, MS_GROUP_COMMON,
      "no progress or notes on stderr", NULL },
    { "verbose", 'v', MS_OPT_VERBOSE, no_argument, NULL, NULL, MS_C_ALL, 0, MS_GROUP_COMMON,
      "phase times and memory use on stderr",
      "Print load time, graph memory (bytes per object and per reference) and peak\n"
      "resident memory on standard error.\n" },
    { "help", 'h', MS_OPT_HELP, no_argument, NULL, NULL, MS_C_ALL, 0, MS_GROUP_COMMON,
      "show this help", "Show the command's usage and options.\n" },
};
const unsigned ms_noptions = sizeof ms_options / sizeof *ms_options;

/* Writes text with "{readers}" replaced by the reader table's formats:
 * "native, ruby or v8" (bold in roff). */
static void put_text(FILE *f, const char *text, bool roff)
{
    static const char key[] = "{readers}";
    const char *at = strstr(text, key);
    if (!at) {
        fputs(text, f);
        return;
    }
    fwrite(text, 1, (size_t)(at - text), f);
    /* ms_input_format_names() is "auto, native, ruby or v8". */
    const char *names = strchr(ms_input_format_names(), ' ') + 1;
    if (!roff)
        fputs(names, f);
    else
        for (const char *p = names; *p;) {
            size_t n = strcspn(p, ", ");
            fprintf(f, "\\fB%.*s\\fR", (int)n, p);
            p += n;
            if (strncmp(p, ", ", 2) == 0) {
                fputs(", ", f);
                p += 2;
            } else if (strncmp(p, " or ", 4) == 0) {
                fputs(" or ", f);
                p += 4;
            }
        }
    fputs(at + sizeof key - 1, f);
}

static bool listed(const ms_option *o, unsigned cmd)
{
    return (o->cmds & cmd) && !(o->unlisted & cmd);
}

/* One option's --help entry: names from column 2, text from column 24
 * (or two spaces after long names), continuation lines at column 24. */
static void help_entry(FILE *f, const ms_option *o)
{
    char left[64];
    int n;
    if (o->letter && o->name)
        n = snprintf(left, sizeof left, "  -%c, --%s", o->letter, o->name);
    else if (o->letter)
        n = snprintf(left, sizeof left, "  -%c", o->letter);
    else
        n = snprintf(left, sizeof left, "      --%s", o->name);
    if (o->arg)
        snprintf(left + n, sizeof left - (size_t)n,
                 o->has_arg == optional_argument ? "[=%s]" : " %s", o->arg);
    fprintf(f, "%-22s  ", left);
    for (const char *p = o->help;;) {
        const char *nl = strchr(p, '\n');
        char line[128];
        snprintf(line, sizeof line, "%.*s", nl ? (int)(nl - p) : (int)strlen(p), p);
        put_text(f, line, false);
        fputc('\n', f);
        if (!nl)
            break;
        fprintf(f, "%24s", "");
        p = nl + 1;
    }
}

void ms_options_help(FILE *f, unsigned cmd, ms_opt_group g)
{
    for (unsigned i = 0; i < ms_noptions; i++)
        if (listed(&ms_options[i], cmd) && ms_options[i].group == g)
            help_entry(f, &ms_options[i]);
    if (g == MS_GROUP_OWN)
        ms_options_help(f, cmd, MS_GROUP_COMMON);
}

bool ms_options_any(unsigned cmd, ms_opt_group g)
{
    for (unsigned i = 0; i < ms_noptions; i++)
        if (listed(&ms_options[i], cmd) && ms_options[i].group == g)
            return true;
    return false;
}

/* A name for roff: '-' escaped. */
static void put_roff_name(FILE *f, const char *s)
{
    for (; *s; s++)
        fputs(*s == '-' ? "\\-" : (char[2]){ *s, 0 }, f);
}

/* One option's man page entry: .TP, the names, the text. */
static void man_entry(FILE *f, const ms_option *o)
{
    const char *arg = o->man_arg ? o->man_arg : o->arg;
    fputs(".TP\n", f);
    if (o->letter && o->name) {
        fprintf(f, ".BR \\-%c \", \" \\-\\-", o->letter);
        put_roff_name(f, o->name);
        if (arg)
            fprintf(f, " \" \\fI%s\\fR\"", arg);
    } else if (o->letter) {
        fprintf(f, ".BI \\-%c \" %s\"", o->letter, arg);
    } else if (!arg) {
        fputs(".B \\-\\-", f);
        put_roff_name(f, o->name);
    } else if (o->has_arg == optional_argument) {
        fputs(".BR \\-\\-", f);
        put_roff_name(f, o->name);
        fprintf(f, " [=\\fI%s\\fR]", arg);
    } else {
        fputs(".BI \\-\\-", f);
        put_roff_name(f, o->name);
        fprintf(f, " \" %s\"", arg);
    }
    fputc('\n', f);
    put_text(f, o->man, true);
}

static void man_section(FILE *f, const char *name, unsigned cmd, ms_opt_group g)
{
    fprintf(f, ".\\\" options: %s\n", name);
    for (unsigned i = 0; i < ms_noptions; i++)
        if ((ms_options[i].cmds & cmd) && ms_options[i].group == g && ms_options[i].man)
            man_entry(f, &ms_options[i]);
}

void ms_options_man(FILE *f, const char *const *names, unsigned ncmds)
{
    char name[64];
    for (unsigned k = 0; k < ncmds; k++) {
        if (ms_options_any(1u << k, MS_GROUP_DIAGRAM)) {
            snprintf(name, sizeof name, "%s diagrams", names[k]);
            man_section(f, name, 1u << k, MS_GROUP_DIAGRAM);
        }
        if (ms_options_any(1u << k, MS_GROUP_OWN))
            man_section(f, names[k], 1u << k, MS_GROUP_OWN);
    }
    man_section(f, "common", MS_C_ALL, MS_GROUP_COMMON);
}
