/* indexing.c — a command's side of index files (index.h): opening a
 * dump's current index instead of parsing it, and writing one for a big
 * dump the first time it is read. */
#include "cli.h"
#include "memscope/alloc.h"
#include "memscope/index.h"
#include "memscope/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether path is a regular file whose first bytes are an index's. */
static bool is_index(const char *path)
{
    unsigned char head[8];
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return false;
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    return n == (ssize_t)sizeof head && ms_index_sniff(head, sizeof head);
}

/* Whether a command may read or write path's index. */
static bool indexable(const ms_cli *cli, const char *path)
{
    struct stat st;
    return !cli->no_index && !cli->raw_sizes && !cli->input_format &&
           !(cli->cmd->flags & MS_CMD_PARSE) && strcmp(path, "-") != 0 &&
           stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int ms_cli_open_index(const ms_cli *cli, const char *path, ms_heap **out)
{
    *out = NULL;
    ms_error err = { 0 };
    ms_status st;
    if (strcmp(path, "-") != 0 && is_index(path) && !cli->input_format) {
        /* An index given as the dump. */
        st = ms_index_open(path, NULL, path, out, NULL, &err);
        if (st != MS_OK) {
            ms_cli_error("%s", err.msg);
            return ms_status_exit(st);
        }
        return 0;
    }
    if (!indexable(cli, path))
        return 0;
    char *places[2];
    ms_index_places(path, &places[0], &places[1]);
    int r = 0;
    for (int k = 0; k < 2 && !*out && !r; k++) {
        if (!places[k])
            continue;
        bool before;
        st = ms_index_open(places[k], path, path, out, &before, &err);
        if (st == MS_OK) {
            if (cli->verbose)
                ms_cli_error("opened the index %s (%s)", places[k],
                             before ? "checked before" : "checked whole");
        } else if (st != MS_ERR_NOTFOUND) {
            ms_cli_error("%s (--no-index parses the dump; memscope index writes it again)",
                         err.msg);
            r = ms_status_exit(st);
        }
    }
    free(places[0]);
    free(places[1]);
    return r;
}

char *ms_cli_index_place(const char *path)
{
    char *beside, *cached;
    ms_index_places(path, &beside, &cached);
    char *dir = ms_strdup(path);
    bool writable = access(dirname(dir), W_OK) == 0;
    free(dir);
    if (writable || !cached) {
        free(cached);
        return beside;
    }
    free(beside);
    if (ms_outfile_make_parents(cached) != 0) {
        free(cached);
        return NULL;
    }
    return cached;
}

void ms_cli_auto_index(const ms_cli *cli, const char *path, ms_heap *h)
{
    struct stat st;
    if (!indexable(cli, path) || stat(path, &st) != 0 ||
        (uint64_t)st.st_size < MS_INDEX_AUTO_MIN)
        return;
    char *place = ms_cli_index_place(path);
    if (!place) {
        ms_cli_warn("%s: no folder to write its index in", path);
        return;
    }
    double t0 = ms_now();
    ms_error err = { 0 };
    if (ms_index_write(h, path, place, &err) != MS_OK)
        ms_cli_warn("%s (the index is left unwritten)", err.msg);
    else if (cli->verbose)
        ms_cli_error("wrote the index %s in %.3f s", place, ms_now() - t0);
    free(place);
}
