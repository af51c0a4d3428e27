/* answers.c — the reports of show and path on several objects as one
 * document on stdout (docs/commands.md): one object's report unchanged;
 * for several, tables one after another with a blank line between them,
 * TSV as one table with an `obj` column first (the OBJ as asked), JSON as
 * an array with one element per OBJ, null where there is no answer. */
#include "cli.h"
#include "memscope/alloc.h"
#include "memscope/escape.h"

#include <stdlib.h>
#include <string.h>

void ms_cli_answers_init(ms_cli_answers *a, const ms_cli *cli, bool several)
{
    memset(a, 0, sizeof *a);
    a->format = cli->format;
    a->several = several;
}

FILE *ms_cli_answer_begin(ms_cli_answers *a)
{
    if (!a->several)
        return stdout;
    if (a->format == MS_FORMAT_TABLE) {
        if (a->n)
            fputc('\n', stdout);
        return stdout;
    }
    a->mem = ms_memstream(&a->buf, &a->len);
    return a->mem;
}

/* Starts the next element of the JSON array. */
static void json_next(ms_cli_answers *a)
{
    fputs(a->elements ? ",\n" : "[\n", stdout);
    a->elements++;
}

/* Writes the lines of text[0..len) to stdout, each after lead (and, for
 * TSV, the obj column); the first line of a TSV report is its header,
 * written once with `obj` before it. */
static void copy_lines(ms_cli_answers *a, const char *text, size_t len, const char *obj)
{
    const char *p = text, *end = text + len;
    bool first = true;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *next = nl ? nl + 1 : end;
        if (a->format == MS_FORMAT_JSON) {
            fputs("  ", stdout);
            fwrite(p, 1, (size_t)((nl ? nl : end) - p), stdout);
            if (nl && next < end)
                fputc('\n', stdout); /* the report's last newline ends the element */
        } else if (first) {
            if (!a->header) {
                fputs("obj\t", stdout);
                fwrite(p, 1, (size_t)(next - p), stdout);
                a->header = true;
            }
        } else {
            ms_tsv_str(stdout, obj);
            fputc('\t', stdout);
            fwrite(p, 1, (size_t)(next - p), stdout);
        }
        first = false;
        p = next;
    }
}

void ms_cli_answer_end(ms_cli_answers *a, const char *obj)
{
    if (a->several && a->mem) {
        ms_memstream_close(a->mem);
        a->mem = NULL;
        if (a->format == MS_FORMAT_JSON)
            json_next(a);
        copy_lines(a, a->buf, a->len, obj);
        free(a->buf);
        a->buf = NULL;
        a->len = 0;
    }
    a->n++;
}

void ms_cli_answer_none(ms_cli_answers *a)
{
    if (a->several && a->format == MS_FORMAT_JSON) {
        json_next(a);
        fputs("  null", stdout);
    }
}

int ms_cli_answers_finish(ms_cli_answers *a)
{
    if (a->several && a->format == MS_FORMAT_JSON)
        fputs(a->elements ? "\n]\n" : "[]\n", stdout);
    return ms_cli_finish_output();
}
