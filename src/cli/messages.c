/* messages.c — every line cli/ writes on stderr (progress aside) goes
 * through these: errors, warnings, notes, -v lines, usage errors and the
 * one wording of a failed write. Library code never prints; the commands
 * print through here and return the exit code main exits with. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void say(const char *prefix, const char *fmt, va_list ap)
{
    fprintf(stderr, "memscope: %s", prefix);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void ms_cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say("", fmt, ap);
    va_end(ap);
}

void ms_cli_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say("warning: ", fmt, ap);
    va_end(ap);
}

int ms_cli_usage_error(const ms_cli *cli, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "memscope: %s: ", cli->cmd->name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (see 'memscope %s --help')\n", cli->cmd->name);
    return MS_EXIT_USAGE;
}

int ms_cli_write_error(const char *name, int err)
{
    ms_cli_error("%s: write error: %s", name, strerror(err ? err : EIO));
    return MS_EXIT_IO;
}

int ms_cli_finish_output(void)
{
    if (fflush(stdout) != 0 || ferror(stdout))
        return ms_cli_write_error("stdout", errno);
    return 0;
}
