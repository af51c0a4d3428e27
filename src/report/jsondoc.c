/* jsondoc.c — the frame of a command's JSON report: one object whose first
 * key is "source" (the dump's path), ended by a newline. */
#include "memscope/reports.h"

void ms_json_report_begin(ms_jsonw *w, FILE *f, const ms_heap *h)
{
    ms_json_init(w, f);
    ms_json_begin_object(w, NULL);
    ms_json_str(w, "source", h->source ? h->source : "");
}

void ms_json_report_end(ms_jsonw *w)
{
    ms_json_end_object(w);
    ms_json_finish(w);
}
