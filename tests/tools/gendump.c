/* gendump.c — writes synthetic heap dumps in memscope's native format, for
 * tests and `make bench`. Deterministic for a given seed.
 *
 *   gendump [-n OBJECTS] [-s SEED] [--shape python|chain|fan|random]
 *           [--degree MEAN] [--doc] [--no-header] [--dangle K] [-o FILE]
 *
 * python: out-degree mix like a CPython heap (most objects 0-3 references,
 *         a few wide containers), types and sizes as sys.getsizeof reports,
 *         edge names, rc and gc fields, ids like addresses; the root module's
 *         wide __dict__ reaches most of the heap, the rest is garbage.
 * chain:  object i references i+1 (a reference chain N long).
 * fan:    object 0 references all others.
 * random: edges to targets drawn uniformly at random, no names: the worst
 *         case for locality. Each object has 0..2*floor(MEAN) references, plus
 *         one with probability MEAN - floor(MEAN): MEAN on average (--degree,
 *         default 2; `make bench` uses 2.7, as a V8 heap has).
 * --doc writes the single JSON document spelling instead of JSON Lines.
 * --dangle K makes about one reference in K point to an id not in the dump. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state = 88172645463325252ULL;
static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}
static uint64_t below(uint64_t n) { return n ? rnd() % n : 0; }

/* Ids look like CPython addresses and are unique: an affine bijection on
 * 32-bit integers, scaled by 16. */
static uint64_t id_of(uint64_t i)
{
    return UINT64_C(0x7f0000000000) + 16 * (uint64_t)(uint32_t)(2654435761u * (uint32_t)i + 12345u);
}

static uint64_t n_objects = 1000;
static uint64_t dangle = 0;
static double degree = 2.0;

/* The id written for a reference to object j (sometimes a missing one). */
static uint64_t ref_id(uint64_t j)
{
    if (dangle && below(dangle) == 0)
        return UINT64_C(0x10) + 16 * below(1000); /* below every real id */
    return id_of(j);
}

static uint64_t target(uint64_t i)
{
    if (below(2) == 0) {
        int64_t j = (int64_t)i + (int64_t)below(201) - 100;
        if (j >= 0 && (uint64_t)j < n_objects)
            return (uint64_t)j;
    }
    return below(n_objects);
}

static void python_record(FILE *f, uint64_t i)
{
    static const char *atoms[] = { "str", "int", "float", "bytes" };
    static const char *small[] = { "tuple", "list", "__main__.Node", "cell", "function", "dict" };
    uint64_t r = below(10000);
    uint64_t deg;
    const char *type;
    if (r < 6885) {
        type = atoms[below(4)];
        deg = 0;
    } else if (r < 9385) {
        type = small[below(6)];
        deg = 1 + below(3);
    } else if (r < 9985) {
        type = below(2) ? "dict" : "list";
        deg = 4 + below(9);
    } else {
        type = below(2) ? "dict" : "list";
        deg = 50 + below(400);
    }
    if (i == 0) {
        type = "module";
        deg = 1 + (n_objects > 1 ? 1 : 0);
    } else if (i == 1) {
        /* The module's __dict__: wide, so that most of the heap hangs
         * off the root as in a real program. */
        type = "dict";
        deg = 400;
    }
    uint64_t size;
    int is_dict = strcmp(type, "dict") == 0, is_list = strcmp(type, "list") == 0;
    if (strcmp(type, "str") == 0)
        size = 49 + below(60);
    else if (strcmp(type, "int") == 0)
        size = 28;
    else if (strcmp(type, "float") == 0)
        size = 24;
    else if (strcmp(type, "bytes") == 0)
        size = 33 + below(200);
    else if (is_dict)
        size = deg <= 5 ? 232 : deg <= 10 ? 360 : 640 + 16 * deg;
    else if (is_list)
        size = 56 + 8 * deg;
    else if (strcmp(type, "tuple") == 0)
        size = 40 + 8 * deg;
    else
        size = 48 + 8 * below(8);
    fprintf(f, "{\"id\": %" PRIu64 ", \"type\": \"%s\", \"size\": %" PRIu64 ", \"rc\": %" PRIu64
               ", \"gc\": %d", id_of(i), type, size, 1 + below(3), deg ? 1 : 0);
    if (strcmp(type, "str") == 0)
        fprintf(f, ", \"value\": \"s%" PRIu64 "\"", below(100000));
    if (is_dict || is_list)
        fprintf(f, ", \"len\": %" PRIu64, deg);
    if (deg) {
        fputs(", \"refs\": [", f);
        for (uint64_t k = 0; k < deg; k++)
            fprintf(f, "%s%" PRIu64, k ? ", " : "", i == 0 && k == 1 ? id_of(1) : ref_id(target(i)));
        fputs("], \"names\": [", f);
        for (uint64_t k = 0; k < deg; k++) {
            if (is_dict)
                fprintf(f, "%s\"'k%" PRIu64 "'\"", k ? ", " : "", k % 50);
            else if (is_list || strcmp(type, "tuple") == 0)
                fprintf(f, "%s\"[%" PRIu64 "]\"", k ? ", " : "", k);
            else
                fprintf(f, "%s\"%s\"", k ? ", " : "", k == 0 ? "__dict__" : "attr");
        }
        fputs("]", f);
    }
    fputs("}", f);
}

int main(int argc, char **argv)
{
    const char *shape = "python", *out = NULL;
    int doc = 0, header = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-n") && i + 1 < argc)
            n_objects = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "-s") && i + 1 < argc)
            rng_state ^= strtoull(argv[++i], NULL, 10) * 0x9e3779b97f4a7c15ULL;
        else if (!strcmp(argv[i], "--shape") && i + 1 < argc)
            shape = argv[++i];
        else if (!strcmp(argv[i], "--doc"))
            doc = 1;
        else if (!strcmp(argv[i], "--degree") && i + 1 < argc)
            degree = strtod(argv[++i], NULL);
        else if (!strcmp(argv[i], "--dangle") && i + 1 < argc)
            dangle = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--no-header"))
            header = 0;
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else {
            fprintf(stderr, "usage: gendump [-n N] [-s SEED] [--shape python|chain|fan|random] "
                            "[--degree MEAN] [--doc] [--no-header] [--dangle K] [-o FILE]\n");
            return 2;
        }
    }
    if (!rng_state)
        rng_state = 1;
    FILE *f = out ? fopen(out, "w") : stdout;
    if (!f) {
        perror(out);
        return 1;
    }
    static char buf[1 << 20];
    setvbuf(f, buf, _IOFBF, sizeof buf);
    const char *sep = doc ? ",\n" : "\n";
    if (doc)
        fprintf(f, "{\"memscope\": 1, \"meta\": {\"runtime\": \"gendump\", \"shape\": \"%s\"}%s", shape,
                header && n_objects ? ", \"roots\": [" : "");
    else if (header)
        fprintf(f, "{\"memscope\": 1, \"meta\": {\"runtime\": \"gendump\", \"shape\": \"%s\"}%s",
                shape, n_objects ? ", \"roots\": [" : "");
    if (header && n_objects)
        fprintf(f, "%" PRIu64 "]", id_of(0));
    if (doc)
        fputs(", \"objects\": [\n", f);
    else if (header)
        fputs("}\n", f);
    for (uint64_t i = 0; i < n_objects; i++) {
        if (!strcmp(shape, "python")) {
            python_record(f, i);
        } else if (!strcmp(shape, "chain")) {
            fprintf(f, "{\"id\": %" PRIu64 ", \"type\": \"Node\", \"size\": 16", id_of(i));
            if (i + 1 < n_objects)
                fprintf(f, ", \"refs\": [%" PRIu64 "], \"names\": [\"next\"]", id_of(i + 1));
            fputs("}", f);
        } else if (!strcmp(shape, "fan")) {
            fprintf(f, "{\"id\": %" PRIu64 ", \"type\": \"%s\", \"size\": %s", id_of(i),
                    i ? "Leaf" : "Hub", i ? "32" : "64");
            if (i == 0 && n_objects > 1) {
                fputs(", \"refs\": [", f);
                for (uint64_t k = 1; k < n_objects; k++)
                    fprintf(f, "%s%" PRIu64, k > 1 ? ", " : "", id_of(k));
                fputs("]", f);
            }
            fputs("}", f);
        } else if (!strcmp(shape, "random")) {
            uint64_t whole = (uint64_t)degree;
            uint64_t frac = (uint64_t)((degree - (double)whole) * 1e6);
            uint64_t deg = below(2 * whole + 1) + (frac && below(1000000) < frac);
            fprintf(f, "{\"id\": %" PRIu64 ", \"type\": \"T%" PRIu64 "\", \"size\": %" PRIu64
                       ", \"refs\": [", id_of(i), below(7), 8 + below(100));
            for (uint64_t k = 0; k < deg; k++)
                fprintf(f, "%s%" PRIu64, k ? ", " : "", ref_id(below(n_objects)));
            fputs("]}", f);
        } else {
            fprintf(stderr, "gendump: unknown shape %s\n", shape);
            return 2;
        }
        fputs(i + 1 < n_objects ? sep : "\n", f);
    }
    if (doc)
        fputs("]}\n", f);
    if (fclose(f) != 0) {
        perror(out ? out : "stdout");
        return 1;
    }
    return 0;
}
