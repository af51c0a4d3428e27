/* objs.c — the OBJ operands of show, path and graph: the list of objects
 * a command asks about, from the command line and, for an OBJ "-", from
 * standard input, one a line (blank lines and lines starting with # are
 * skipped, white space around each is trimmed). Every OBJ is checked
 * before the dump is loaded: a malformed one is a usage error naming it,
 * on standard input by its line ("-:3: ..."). See docs/commands.md. */
#include "cli.h"
#include "memscope/alloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Checks one OBJ and appends it to l (copied); where names it in a
 * message. Returns 0 or the usage exit code after a message. */
static int add(const ms_cli *cli, ms_cli_objs *l, const char *where, const char *text, bool types)
{
    ms_cli_obj ob = { 0 };
    int r = ms_cli_obj_check(cli, where, text, types, &ob.id);
    if (r)
        return r;
    ob.text = ms_strdup(text);
    if (strncmp(ob.text, "type:", 5) == 0)
        ob.type = ob.text + 5;
    MS_GROW(l->v, l->cap, l->n + 1);
    l->v[l->n++] = ob;
    return 0;
}

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Appends the OBJs of standard input's lines to l. Returns 0, the usage
 * exit code after a message, or MS_EXIT_IO after a read error. */
static int read_stdin(const ms_cli *cli, ms_cli_objs *l, bool types)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int r = 0;
    unsigned long lineno = 0;
    errno = 0;
    while (!r && (len = getline(&line, &cap, stdin)) >= 0) {
        lineno++;
        char where[48];
        snprintf(where, sizeof where, "-:%lu", lineno);
        if (memchr(line, '\0', (size_t)len)) {
            r = ms_cli_usage_error(cli, "%s: a NUL byte in the line", where);
            break;
        }
        char *s = line, *e = line + len;
        while (s < e && blank(*s))
            s++;
        while (e > s && blank(e[-1]))
            e--;
        *e = '\0';
        if (s == e || *s == '#')
            continue;
        r = add(cli, l, where, s, types);
    }
    if (!r && ferror(stdin)) {
        ms_cli_error("-: read error: %s", strerror(errno ? errno : EIO));
        r = MS_EXIT_IO;
    }
    free(line);
    return r;
}

int ms_cli_objs_read(const ms_cli *cli, const char *const *args, size_t n, const char *dump,
                     bool types, ms_cli_objs *l)
{
    memset(l, 0, sizeof *l);
    l->several = n > 1;
    bool from_stdin = false;
    int r = 0;
    for (size_t i = 0; i < n && !r; i++) {
        if (strcmp(args[i], "-") != 0) {
            r = add(cli, l, "OBJ", args[i], types);
            continue;
        }
        if (from_stdin)
            r = ms_cli_usage_error(cli, "OBJ '-' given twice: standard input is read once");
        else if (strcmp(dump, "-") == 0)
            r = ms_cli_usage_error(cli, "OBJ '-' and DUMP '-' cannot both read standard input");
        else
            r = read_stdin(cli, l, types);
        from_stdin = l->several = true;
    }
    if (r)
        ms_cli_objs_free(l);
    return r;
}

void ms_cli_objs_free(ms_cli_objs *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].text);
    free(l->v);
    memset(l, 0, sizeof *l);
}
