/* print_fmt.c — the C side of tests/report/check_fmt.py: for each integer
 * on stdin (one a line, decimal, maybe negative), one line with what
 * ms_fmt_bytes, ms_fmt_bytes_delta, ms_fmt_count and ms_fmt_delta write for
 * it, tab-separated; "-" where the value is out of the function's range
 * (uint64 for the first and third, int64 for the others). */
#include "memscope/report.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char line[64];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char a[64], b[64], c[64], d[64];
        strcpy(a, "-");
        strcpy(b, "-");
        strcpy(c, "-");
        strcpy(d, "-");
        char *end;
        if (line[0] != '-') {
            errno = 0;
            uint64_t u = strtoull(line, &end, 10);
            if (errno || *end)
                return 2;
            ms_fmt_bytes(u, a, sizeof a);
            ms_fmt_count(u, c, sizeof c);
        }
        errno = 0;
        int64_t i = strtoll(line, &end, 10);
        if (!errno && !*end) {
            ms_fmt_bytes_delta(i, b, sizeof b);
            ms_fmt_delta(i, d, sizeof d);
        }
        printf("%s\t%s\t%s\t%s\n", a, b, c, d);
    }
    return 0;
}
