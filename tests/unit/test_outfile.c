/* test_outfile.c — output files (src/util/outfile.c): a regular file is
 * replaced whole; a link to one stays a link; /dev/stdout redirected to a
 * file is written through, never replaced; an aborted file leaves nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "memscope/outfile.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/ms-outfile-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void slurp(const char *path, char *buf, size_t n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t k = fread(buf, 1, n - 1, f);
    buf[k] = 0;
    fclose(f);
}

static int entries(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static void write_to(const char *path, const char *text)
{
    ms_outfile o;
    ms_error err = { 0 };
    assert_int_equal(ms_outfile_open(&o, path, &err), MS_OK);
    fputs(text, o.f);
    assert_int_equal(ms_outfile_commit(&o, &err), MS_OK);
}

static void test_regular_and_link(void **state)
{
    (void)state;
    char file[128], link[128], buf[64];
    snprintf(file, sizeof file, "%s/out.txt", dir);
    snprintf(link, sizeof link, "%s/link.txt", dir);
    write_to(file, "one");
    slurp(file, buf, sizeof buf);
    assert_string_equal(buf, "one");
    assert_int_equal(symlink("out.txt", link), 0);
    write_to(link, "two");
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    slurp(file, buf, sizeof buf);
    assert_string_equal(buf, "two");
    assert_int_equal(entries(), 2);

    ms_outfile o;
    ms_error err = { 0 };
    assert_int_equal(ms_outfile_open(&o, file, &err), MS_OK);
    fputs("three", o.f);
    ms_outfile_abort(&o);
    slurp(file, buf, sizeof buf);
    assert_string_equal(buf, "two");
    assert_int_equal(entries(), 2);
}

static void test_dev_stdout_to_file(void **state)
{
    (void)state;
    char file[128], buf[64];
    snprintf(file, sizeof file, "%s/stdout.txt", dir);
    int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    fflush(stdout);
    int saved = dup(1);
    assert_true(dup2(fd, 1) == 1);
    close(fd);
    write_to("/dev/stdout", "through");
    assert_true(dup2(saved, 1) == 1);
    close(saved);
    slurp(file, buf, sizeof buf);
    assert_string_equal(buf, "through");
    struct stat st;
    assert_int_equal(lstat("/dev/stdout", &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    write_to("/dev/null", "nothing");
    assert_int_equal(lstat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regular_and_link),
        cmocka_unit_test(test_dev_stdout_to_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
