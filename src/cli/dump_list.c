/* dump_list.c — the dumps a command's operands name (cli.h): a folder
 * stands for the dumps in it, in version-sort order, so that `memscope
 * diff heaps/` compares heap-1 .. heap-10 in the order they were taken. */
#include "cli.h"
#include "memscope/alloc.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmp_version(const void *a, const void *b)
{
    return strverscmp(*(char *const *)a, *(char *const *)b);
}

/* Whether a folder's entry name is one of its dumps. */
static bool dump_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && !(n >= 4 && strcmp(name + n - 4, ".msi") == 0);
}

/* Appends the dumps in folder dir to *paths. Returns 0 or an exit code. */
static int add_folder(const char *dir, char ***paths, int *n, size_t *cap)
{
    DIR *d = opendir(dir);
    if (!d) {
        ms_cli_error("%s: cannot read the folder: %s", dir, strerror(errno));
        return MS_EXIT_IO;
    }
    char **names = NULL;
    size_t count = 0, ncap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!dump_name(e->d_name))
            continue;
        size_t k = strlen(dir) + strlen(e->d_name) + 2;
        char *path = ms_malloc(k);
        snprintf(path, k, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        MS_GROW(names, ncap, count + 1);
        names[count++] = path;
    }
    closedir(d);
    qsort(names, count, sizeof *names, cmp_version);
    for (size_t k = 0; k < count; k++) {
        MS_GROW(*paths, *cap, (size_t)*n + 1);
        (*paths)[(*n)++] = names[k];
    }
    free(names);
    return 0;
}

int ms_cli_dump_list(char *const *operands, int count, char ***paths, int *n)
{
    *paths = NULL;
    *n = 0;
    size_t cap = 0;
    for (int k = 0; k < count; k++) {
        struct stat st;
        if (strcmp(operands[k], "-") != 0 && stat(operands[k], &st) == 0 &&
            S_ISDIR(st.st_mode)) {
            int r = add_folder(operands[k], paths, n, &cap);
            if (r) {
                ms_cli_dump_list_free(*paths, *n);
                *paths = NULL;
                *n = 0;
                return r;
            }
            continue;
        }
        MS_GROW(*paths, cap, (size_t)*n + 1);
        (*paths)[(*n)++] = ms_strdup(operands[k]);
    }
    return 0;
}

void ms_cli_dump_list_free(char **paths, int n)
{
    for (int k = 0; k < n; k++)
        free(paths[k]);
    free(paths);
}
