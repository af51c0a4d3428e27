/* cjson_lines.c — parses every line of a JSON Lines file with cJSON and
 * frees the tree, then prints the seconds taken. `make bench` shows it next
 * to memscope's own reader: the number behind reading records with a
 * scanner instead of a cJSON tree per line. */
#include <cjson/cJSON.h>

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: cjson_lines FILE\n");
        return 2;
    }
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size == 0) {
        perror(argv[1]);
        return 1;
    }
    const char *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const char *end = p + st.st_size;
    long lines = 0, bad = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        cJSON *j = cJSON_ParseWithLength(p, len);
        if (j)
            cJSON_Delete(j);
        else
            bad++;
        lines++;
        p += len + 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%.3f %ld %ld\n", (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
           lines, bad);
    return 0;
}
