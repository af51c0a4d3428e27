/* fuzz_baseline.c — libFuzzer target for reading baseline files
 * (src/analysis/baseline.c, memscope-format(5) BASELINE FILES).
 *
 * Writes the input to an in-memory file and reads it as diff --baseline
 * does. On failure there must be no finding kept and a message naming the
 * file and a line; on success every line read must match itself: each
 * kept line, split at its tabs, is a finding ms_baseline_has knows. */
#include "memscope/baseline.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int fd = -1;
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fd = memfd_create("fuzz_baseline", 0);
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    return fd >= 0 ? 0 : 1;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        return 0;
    ms_baseline b;
    ms_error err = { 0 };
    ms_status st = ms_baseline_load(path, &b, &err);
    if (st != MS_OK) {
        assert(b.count == 0 && strstr(err.msg, path) == err.msg);
        return 0;
    }
    for (uint32_t i = 1; i < b.lines.count; i++) {
        /* A kept line's own fields: the type as written is escaped, so
         * only lines whose type has no backslash match themselves. */
        char *line = strdup(ms_strpool_get(&b.lines, i));
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        assert(t1 && t2);
        *t1 = *t2 = '\0';
        if (!strchr(t1 + 1, '\\'))
            assert(ms_baseline_has(&b, line, t1 + 1, t2 + 1));
        free(line);
    }
    ms_baseline_free(&b);
    return 0;
}
