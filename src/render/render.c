/* render.c — DOT text to PNG, SVG, PDF... with libgvc in process. libgvc
 * reports errors through agerr; they are caught here and returned in the
 * ms_error instead of being printed. */
#include "memscope/render.h"

#include <gvc.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* libgvc's error text since the last reset (its error state is global). */
static char gv_msg[512];

static int on_gv_error(char *text)
{
    size_t used = strlen(gv_msg);
    snprintf(gv_msg + used, sizeof gv_msg - used, "%s", text);
    return 0;
}

/* The first line of libgvc's message, without the "Error: " prefix. */
static const char *gv_error(const char *fallback)
{
    char *s = gv_msg;
    if (strncmp(s, "Error: ", 7) == 0)
        s += 7;
    s[strcspn(s, "\n")] = '\0';
    while (*s == ' ')
        s++;
    return *s ? s : fallback;
}

/* Devices that open windows instead of writing a file. */
static bool interactive(const char *name)
{
    return strcmp(name, "gtk") == 0 || strcmp(name, "x11") == 0 || strcmp(name, "xlib") == 0;
}

static bool known(GVC_t *gvc, const char *kind, const char *name)
{
    int n = 0;
    char **list = gvPluginList(gvc, kind, &n, NULL);
    bool found = false;
    for (int i = 0; i < n; i++) {
        if (strcmp(list[i], name) == 0 && !interactive(name))
            found = true;
        free(list[i]);
    }
    free(list);
    return found;
}

/* "png, svg, ..." of a plugin kind (no interactive devices), into buf. */
static const char *plugin_names(GVC_t *gvc, const char *kind, char *buf, size_t size)
{
    int n = 0;
    char **list = gvPluginList(gvc, kind, &n, NULL);
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (used < size && !interactive(list[i]))
            used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
                                     list[i]);
        free(list[i]);
    }
    free(list);
    return buf;
}

/* MS_OK if gvc knows format and layout, else MS_ERR_USAGE with err. */
static ms_status check(GVC_t *gvc, const char *layout, const char *format, ms_error *err)
{
    char names[400];
    if (!known(gvc, "device", format))
        return ms_error_set(err, MS_ERR_USAGE, "unknown output format '%s' (libgvc knows: %s)",
                            format, plugin_names(gvc, "device", names, sizeof names));
    if (!known(gvc, "layout", layout))
        return ms_error_set(err, MS_ERR_USAGE, "unknown layout '%s' (libgvc knows: %s)", layout,
                            plugin_names(gvc, "layout", names, sizeof names));
    return MS_OK;
}

static GVC_t *the_gvc;

static void free_context(void)
{
    gvFreeContext(the_gvc);
    the_gvc = NULL;
}

/* The process's one Graphviz context. One, not one per diagram: libgvc's
 * text-size cache (textspan.c) keeps a font name that gvFreeContext frees,
 * and the next context's layout read it after the free (AddressSanitizer
 * caught it when memscope report drew several diagrams). */
static GVC_t *context(void)
{
    if (!the_gvc) {
        the_gvc = gvContext();
        atexit(free_context);
    }
    return the_gvc;
}

ms_status ms_render_check(const char *layout, const char *format, ms_error *err)
{
    return check(context(), layout, format, err);
}

ms_status ms_render(const char *dot, const char *layout, const char *format, FILE *out,
                    ms_error *err)
{
    gv_msg[0] = '\0';
    agusererrf old_errf = agseterrf(on_gv_error);
    agerrlevel_t old_level = agseterr(AGERR);
    GVC_t *gvc = context();
    graph_t *g = NULL;
    ms_status st = check(gvc, layout, format, err);
    if (st != MS_OK)
        goto done;
    g = agmemread(dot);
    if (!g) {
        st = ms_error_set(err, MS_ERR_INTERNAL, "libgvc cannot read the diagram: %s",
                          gv_error("syntax error"));
        goto done;
    }
    if (gvLayout(gvc, g, layout) != 0) {
        st = ms_error_set(err, MS_ERR_INTERNAL, "libgvc layout '%s' failed: %s", layout,
                          gv_error("unknown error"));
        goto done;
    }
    if (gvRender(gvc, g, format, out) != 0)
        st = ms_error_set(err, MS_ERR_USAGE, "libgvc cannot render '%s': %s", format,
                          gv_error("unknown error"));
    else if (fflush(out) != 0 || ferror(out))
        st = ms_error_set(err, MS_ERR_IO, "write error");
    gvFreeLayout(gvc, g);
done:
    if (g)
        agclose(g);
    agseterr(old_level);
    agseterrf(old_errf);
    return st;
}

const char *ms_render_format_of(const char *path)
{
    static const struct {
        const char *ext, *format;
    } map[] = { { "dot", "dot" }, { "gv", "dot" }, { "svg", "svg" }, { "png", "png" },
                { "pdf", "pdf" }, { "ps", "ps" }, { "eps", "eps" }, { "jpg", "jpg" },
                { "jpeg", "jpeg" }, { "gif", "gif" }, { "json", "json" }, { "xdot", "xdot" },
                { "svgz", "svgz" }, { "webp", "webp" } };
    const char *base = strrchr(path, '/');
    const char *dot = strrchr(base ? base : path, '.');
    if (!dot)
        return NULL;
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcasecmp(dot + 1, map[i].ext) == 0)
            return map[i].format;
    return NULL;
}
