/* readers.c — the table of dump formats (reader.h). A format is one file
 * that defines its ms_reader; its line here puts it in sniffing order. */
#include "memscope/reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const ms_reader ms_reader_native, ms_reader_ruby, ms_reader_v8;

const ms_reader *const ms_readers[] = { &ms_reader_v8, &ms_reader_ruby, &ms_reader_native,
                                        NULL };

const ms_reader *ms_reader_find(const char *name)
{
    for (const ms_reader *const *r = ms_readers; *r; r++)
        if (strcmp((*r)->name, name) == 0)
            return *r;
    return NULL;
}

int ms_input_format_parse(const char *s, const ms_reader **f)
{
    if (strcmp(s, "auto") == 0) {
        *f = NULL;
        return 0;
    }
    *f = ms_reader_find(s);
    return *f ? 0 : -1;
}

static int by_name(const void *a, const void *b)
{
    return strcmp((*(const ms_reader *const *)a)->name, (*(const ms_reader *const *)b)->name);
}

const char *ms_input_format_names(void)
{
    static char names[128];
    enum { N = sizeof ms_readers / sizeof *ms_readers - 1 };
    if (!names[0]) {
        const ms_reader *sorted[N];
        memcpy(sorted, ms_readers, sizeof sorted);
        qsort(sorted, N, sizeof *sorted, by_name);
        size_t len = (size_t)snprintf(names, sizeof names, "auto");
        for (size_t i = 0; i < N && len < sizeof names; i++)
            len += (size_t)snprintf(names + len, sizeof names - len, "%s%s",
                                    i + 1 < N ? ", " : " or ", sorted[i]->name);
    }
    return names;
}
