/* error.c — filling ms_error and mapping statuses to exit codes. */
#include "memscope/common.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

ms_status ms_error_set(ms_error *err, ms_status status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->status = status;
        err->node[0] = err->node[1] = UINT32_MAX;
    }
    return status;
}

int ms_status_exit(ms_status status)
{
    switch (status) {
    case MS_OK: return MS_EXIT_OK;
    case MS_ERR_USAGE: return MS_EXIT_USAGE;
    case MS_ERR_INPUT: return MS_EXIT_BADINPUT;
    case MS_ERR_IO: return MS_EXIT_IO;
    case MS_ERR_NOTFOUND: return MS_EXIT_NOTFOUND;
    case MS_ERR_LIMIT: return MS_EXIT_NOMEM;
    case MS_ERR_INTERNAL: return MS_EXIT_INTERNAL;
    }
    return MS_EXIT_IO;
}

double ms_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
