/* reports.h — the report of each command, printed in the chosen format.
 * Keys and column names here are a public contract (memscope(1)). */
#ifndef MEMSCOPE_REPORTS_H
#define MEMSCOPE_REPORTS_H

#include "memscope/analysis.h"
#include "memscope/heap.h"
#include "memscope/report.h"

/* memscope analyze: totals and the type histogram (src/report/summary.c). */
typedef struct ms_summary {
    const ms_heap *h;
    const ms_roots *roots;
    const ms_type_row *types;  /* sorted */
    uint32_t ntypes;
    uint32_t top;              /* rows to print, 0 = all */
    ms_type_sort sort;
} ms_summary;
void ms_report_summary(FILE *f, ms_format fmt, const ms_summary *s);

/* memscope show: one object, its references and its referrers
 * (src/report/object.c). roots says whether it is a root and by which rule.
 * Builds the graph's predecessor CSR. */
void ms_report_object(FILE *f, ms_format fmt, ms_heap *h, const ms_roots *roots, uint32_t node);

#endif
