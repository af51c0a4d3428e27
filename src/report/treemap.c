/* treemap.c — the dominator tree as an SVG treemap, for `memscope report`.
 *
 * Each drawn object is a rect whose area, among its siblings, is in
 * proportion to its retained size: the squarified layout of Bruls, Huizing
 * and van Wijk ("Squarified Treemaps", 2000), which lays children in rows
 * along the shorter side of what is left and starts a new row when adding
 * a child would make the row's worst aspect ratio worse. An object's
 * children fill its rect below a band for its label. Children whose rect
 * would be smaller than MIN_AREA square pixels are merged into one
 * "N smaller" rect per parent, and the whole map stops at MAX_RECTS rects,
 * so that a 20M-object heap still gives a page of a few MB. The tree is
 * walked breadth first with a queue: no recursion follows the heap's shape.
 *
 * Each rect carries data-id (the object's id), data-parent (the drawn
 * parent's id, or "root") and data-retained, and a <title> for hovering. */
#include "memscope/alloc.h"
#include "memscope/reports.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define MAP_W 1200.0
#define MAP_H 640.0
#define MIN_AREA 24.0   /* square pixels: smaller children are merged */
#define MAX_RECTS 6000
#define MAX_KIDS 200    /* children drawn per parent at most */
#define BAND 13.0       /* label band of a parent whose children are drawn */

typedef struct box {
    double x, y, w, h;
} box;

typedef struct item {
    uint32_t num;       /* dominator tree number, 0 = the "N smaller" merge */
    uint64_t value;     /* retained bytes */
    box b;
} item;

typedef struct job {
    uint32_t num;       /* drawn object whose children are to be laid */
    uint32_t depth;
    box b;              /* its rect */
} job;

/* The worst aspect ratio of a row of total area sum, largest area big and
 * smallest small, laid along a side of length s. */
static double worst(double sum, double big, double small, double s)
{
    double s2 = s * s, sum2 = sum * sum;
    double a = s2 * big / sum2, b = sum2 / (s2 * small);
    return a > b ? a : b;
}

/* Lays items (values descending but for a last merged one; their areas
 * in .b.w as input) in b. */
static void squarify(item *it, uint32_t n, box b)
{
    uint32_t i = 0;
    while (i < n) {
        double s = b.w < b.h ? b.w : b.h;
        double sum = it[i].b.w, big = it[i].b.w, small = it[i].b.w;
        uint32_t j = i + 1;
        while (j < n) {
            double a = it[j].b.w;
            if (worst(sum + a, big, a, s) > worst(sum, big, small, s))
                break;
            sum += a;
            small = a;
            j++;
        }
        double thick = s > 0 ? sum / s : 0;
        double pos = 0;
        for (uint32_t k = i; k < j; k++) {
            double len = thick > 0 ? it[k].b.w / thick : 0;
            if (b.w >= b.h) /* a column at the left */
                it[k].b = (box){ b.x, b.y + pos, thick, len };
            else /* a row at the top */
                it[k].b = (box){ b.x + pos, b.y, len, thick };
            pos += len;
        }
        if (b.w >= b.h) {
            b.x += thick;
            b.w -= thick;
        } else {
            b.y += thick;
            b.h -= thick;
        }
        i = j;
    }
}

/* A fill for depth d (a few hues that stay readable with dark text). */
static const char *fill(uint32_t d)
{
    static const char *const hues[] = { "#8ab4f8", "#a7d49b", "#f6c177", "#d7a6e8", "#f4a6a6",
                                        "#9fd8d1", "#e8d48b" };
    return hues[d % (sizeof hues / sizeof *hues)];
}

static void rect(FILE *f, const ms_heap *h, const ms_domtree *dt, const item *it,
                 const char *parent, uint32_t depth, uint32_t merged)
{
    char a[32], b[32], title[200];
    const box *r = &it->b;
    if (!it->num) {
        fprintf(f, "<rect class=\"smaller\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                   "fill=\"%s\" data-parent=\"%s\" data-retained=\"%" PRIu64 "\"><title>%" PRIu32
                   " smaller objects, %s retained</title></rect>\n",
                r->x, r->y, r->w, r->h, fill(depth), parent, it->value, merged,
                ms_fmt_bytes(it->value, a, sizeof a));
        return;
    }
    uint32_t v = dt->vertex[it->num];
    fprintf(f, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\" "
               "data-id=\"%" PRIu64 "\" data-parent=\"%s\" data-retained=\"%" PRIu64 "\"><title>",
            r->x, r->y, r->w, r->h, fill(depth), h->id[v], parent, it->value);
    ms_html_text(f, ms_node_title(h, v, title, sizeof title, 80));
    fprintf(f, "\nid %" PRIu64 "\nsize %s, retained %s</title></rect>\n", h->id[v],
            ms_fmt_bytes(ms_heap_size(h, v), a, sizeof a), ms_fmt_bytes(it->value, b, sizeof b));
    if (r->w > 48 && r->h > 12) {
        fprintf(f, "<text x=\"%.2f\" y=\"%.2f\">", r->x + 3, r->y + 10);
        ms_html_text(f, ms_node_title(h, v, title, sizeof title, (size_t)(r->w / 6.5)));
        fputs("</text>\n", f);
    }
}

/* Lays the children of job j (at most MAX_KIDS, the rest and the small
 * ones merged), writes their rects and queues those worth opening. */
static uint32_t lay_children(FILE *f, const ms_heap *h, const ms_domtree *dt, const job *j,
                             item *it, job *queue, uint32_t *qn, uint32_t budget)
{
    uint32_t k0 = dt->kid_off[j->num], k1 = dt->kid_off[j->num + 1];
    uint64_t total = 0;
    for (uint32_t k = k0; k < k1; k++)
        total += dt->retained[dt->kids[k]];
    if (!total || k0 == k1)
        return 0;
    double area = j->b.w * j->b.h, scale = area / (double)total;
    uint32_t n = 0, merged = 0;
    uint64_t rest = 0;
    for (uint32_t k = k0; k < k1; k++) {
        uint64_t v = dt->retained[dt->kids[k]];
        if (n < MAX_KIDS && n + 1 < budget && (double)v * scale >= MIN_AREA) {
            it[n++] = (item){ dt->kids[k], v, { 0, 0, (double)v * scale, 0 } };
        } else {
            rest += v;
            merged++;
        }
    }
    if (merged)
        it[n++] = (item){ 0, rest, { 0, 0, (double)rest * scale, 0 } };
    squarify(it, n, j->b);
    char parent[32];
    if (j->num == 0)
        snprintf(parent, sizeof parent, "root");
    else
        snprintf(parent, sizeof parent, "%" PRIu64, h->id[dt->vertex[j->num]]);
    for (uint32_t i = 0; i < n; i++) {
        rect(f, h, dt, &it[i], parent, j->depth, merged);
        const box *r = &it[i].b;
        uint32_t num = it[i].num;
        if (num && dt->kid_off[num + 1] > dt->kid_off[num] && r->w > 24 && r->h > BAND + 10)
            queue[(*qn)++] = (job){ num, j->depth + 1,
                                   { r->x + 1, r->y + BAND, r->w - 2, r->h - BAND - 1 } };
    }
    return n;
}

void ms_report_treemap(FILE *f, const ms_heap *h, const ms_domtree *dt)
{
    fprintf(f, "<svg id=\"treemap-svg\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f "
               "%.0f\" preserveAspectRatio=\"xMinYMin meet\">\n", MAP_W, MAP_H);
    item *it = ms_malloc((MAX_KIDS + 2) * sizeof *it);
    job *queue = ms_malloc((MAX_RECTS + 1) * sizeof *queue);
    uint32_t qn = 0, qi = 0, drawn = 0;
    queue[qn++] = (job){ 0, 0, { 0, 0, MAP_W, MAP_H } };
    while (qi < qn && drawn < MAX_RECTS)
        drawn += lay_children(f, h, dt, &queue[qi++], it, queue, &qn, MAX_RECTS - drawn);
    fputs("</svg>\n", f);
    free(it);
    free(queue);
}
