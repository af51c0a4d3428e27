/* common.h — status codes, exit codes and the error buffer every layer shares.
 *
 * Library code never prints or exits: it returns an ms_status and fills an
 * ms_error. The commands (src/cli/) print the message on stderr, through
 * src/cli/messages.c, and return the exit code (ms_status_exit) that main
 * exits with. The exit codes are documented in man/memscope.1 (EXIT
 * STATUS). */
#ifndef MEMSCOPE_COMMON_H
#define MEMSCOPE_COMMON_H

#include <stddef.h>
#include <stdint.h>

#define MS_VERSION "0.1.0"

/* Process exit codes: one place, documented in memscope(1). */
enum ms_exit {
    MS_EXIT_OK = 0,
    MS_EXIT_FINDINGS = 1,   /* no answer in this dump: a path to garbage, no allocation sites */
    MS_EXIT_USAGE = 2,      /* bad command line */
    MS_EXIT_BADINPUT = 3,   /* the dump is malformed, truncated or hostile */
    MS_EXIT_IO = 4,         /* a file could not be opened, read or written */
    MS_EXIT_NOTFOUND = 5,   /* an object named on the command line is not in the dump */
    MS_EXIT_NOMEM = 6,      /* out of memory, or a size limit of memscope exceeded */
    MS_EXIT_GROWTH = 7,     /* diff --fail-over: the heap grew, or leaked, past the limit */
    MS_EXIT_INTERNAL = 8    /* memscope's own fault: libgvc rejected the DOT it wrote */
};

/* Library status codes; each maps to one exit code (ms_status_exit). */
typedef enum ms_status {
    MS_OK = 0,
    MS_ERR_USAGE,
    MS_ERR_INPUT,
    MS_ERR_IO,
    MS_ERR_NOTFOUND,  /* an object named on the command line is not in the dump */
    MS_ERR_LIMIT,
    MS_ERR_INTERNAL   /* a bug of memscope's, not of the input or the system */
} ms_status;

/* A one-line message, already formatted as "FILE:LINE:COL: what is wrong"
 * or "FILE: what is wrong"; main prefixes "memscope: ". */
typedef struct ms_error {
    ms_status status;
    char msg[512];
    /* Nodes (indices in the order a reader added them) the message is
     * about, UINT32_MAX if none: the loader locates them in the file. */
    uint32_t node[2];
} ms_error;

/* Fills err (status and printf-style message; no nodes) and returns status. */
ms_status ms_error_set(ms_error *err, ms_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

int ms_status_exit(ms_status status);

/* Monotonic wall-clock seconds from an arbitrary start. */
double ms_now(void);

#endif
