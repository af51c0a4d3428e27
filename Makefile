# memscope — GNU Make build.
#   make                 build ./memscope
#   make demo            build and run `memscope analyze` on the bundled dump
#   make check           run every test (unit, CLI golden, bad input, oracles)
#   make check SANITIZE=1  the same under AddressSanitizer + UBSan
#   make bench [BIG=1]   performance figures on generated dumps (outside the repo)
#   make bench V8=1 [NOHUGE=1]  V8 snapshots: memscope against DevTools' own model
#   make bench RUBY=1    a Ruby dump of 1.3M objects: memscope against Ruby's JSON.parse
#   make fuzz [FUZZ_TIME=S]  libFuzzer on every input reader (clang)
#   make install PREFIX=/usr/local [DESTDIR=...]
# `make demo` and `make check` install missing Debian packages first (as
# root), or print the apt-get command to run and stop; `make check` also
# needs node and npm (DevTools' own model), chromium (page snapshots), gdb
# (memscope_dump.py --pid) and ruby (Ruby dumps and Ruby's own collector).

CC ?= cc
PREFIX ?= /usr/local
PKGS := libcjson libgvc
# Debian packages the build and tests need (make deps installs them).
DEB_PKGS := gcc make pkg-config libcjson-dev libgraphviz-dev libcmocka-dev python3 python3-networkx

ifeq ($(SANITIZE),1)
VARIANT := san
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
OPT := -O1 -g
else
VARIANT := rel
SANFLAGS :=
OPT := -O2 -g
endif

B := build/$(VARIANT)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS ?= $(OPT)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Iinclude -Isrc $(PKG_CFLAGS) $(SANFLAGS) $(CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lm -lpthread

LIB_SRCS := $(sort $(wildcard src/util/*.c src/heap/*.c src/formats/*.c src/analysis/*.c src/report/*.c src/render/*.c src/cli/*.c))
LIB_OBJS := $(LIB_SRCS:%.c=$(B)/%.o)
MAIN_OBJ := $(B)/src/main.o
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(B)/tests/%)
DEPS := $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d)

.PHONY: all deps demo check check-unit check-cli bench fuzz install clean FORCE

all: memscope

# The top-level binary is a copy of the current variant's.
memscope: $(B)/memscope FORCE
	@cmp -s $< $@ || cp $< $@

$(B)/memscope: $(MAIN_OBJ) $(B)/libmemscope.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS_ALL)

$(B)/libmemscope.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $^

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

-include $(DEPS)

$(B)/tests/test_%: tests/unit/test_%.c $(B)/libmemscope.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libmemscope.a $(LDLIBS_ALL) -lcmocka

$(B)/gendump: tests/tools/gendump.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $<

$(B)/cjson_lines: tests/tools/cjson_lines.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LDLIBS_ALL)

# deps installs (as root) or names (otherwise) the missing packages of
# $(DEB_PKGS); `make deps DEB_PKGS="..."` checks another list.
deps:
	@missing=""; \
	for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "memscope: installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing >/dev/null || exit 1; \
	  else \
	    echo "memscope: missing Debian packages:$$missing"; \
	    echo "memscope: run: sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

demo: deps
	@$(MAKE) --no-print-directory memscope
	./memscope analyze testdata/demo.jsonl

check: deps
	@command -v node >/dev/null && command -v npm >/dev/null || \
	  $(MAKE) --no-print-directory deps DEB_PKGS="nodejs npm"
	@command -v chromium >/dev/null || $(MAKE) --no-print-directory deps DEB_PKGS="chromium"
	@command -v gdb >/dev/null || $(MAKE) --no-print-directory deps DEB_PKGS="gdb"
	@command -v ruby >/dev/null || $(MAKE) --no-print-directory deps DEB_PKGS="ruby"
	@$(MAKE) --no-print-directory memscope $(UNIT_BINS) $(B)/gendump
	@MEMSCOPE=./memscope BUILD=$(B) SANITIZE=$(SANITIZE) sh tests/check.sh

bench: deps
ifeq ($(RUBY),1)
	@command -v ruby >/dev/null || $(MAKE) --no-print-directory deps DEB_PKGS="ruby"
	@$(MAKE) --no-print-directory memscope
	@python3 tests/bench_ruby.py ./memscope
else ifeq ($(V8),1)
	@command -v node >/dev/null || $(MAKE) --no-print-directory deps DEB_PKGS="nodejs npm"
	@$(MAKE) --no-print-directory memscope
	@python3 tests/bench_v8.py --memscope ./memscope --devtools $(B)/devtools $(if $(NOHUGE),--no-huge)
else
	@$(MAKE) --no-print-directory memscope $(B)/gendump $(B)/cjson_lines
	@python3 tests/bench.py --memscope ./memscope --gendump $(B)/gendump \
	  --cjson $(B)/cjson_lines $(if $(BIG),--big)
	@/usr/bin/python3 tests/bench_dump.py
	@DUMP_ITEMS=20000 /usr/bin/python3 tests/bench_dump.py
	@DUMP_ITEMS=20000 /usr/bin/python3 tests/bench_dump.py --trace 1
	@DUMP_ITEMS=20000 /usr/bin/python3 tests/bench_dump.py --trace 8
	@command -v gdb >/dev/null && python3 tests/bench_attach.py || echo "attach: skipped (no gdb)"
endif

FUZZ_TIME ?= 60
FUZZ_TARGETS := native v8 ruby
fuzz:
	@$(MAKE) --no-print-directory deps DEB_PKGS="clang pkg-config libcjson-dev libgraphviz-dev"
	@mkdir -p build/fuzz
	@for t in $(FUZZ_TARGETS); do \
	  clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc \
	    $(PKG_CFLAGS) -o build/fuzz/fuzz_$$t tests/fuzz/fuzz_$$t.c \
	    $(filter-out src/cli/%,$(LIB_SRCS)) $(PKG_LIBS) -lm || exit 1; \
	  mkdir -p build/fuzz/corpus_$$t; \
	  echo "fuzz_$$t: $(FUZZ_TIME) s"; \
	  build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_TIME) -max_len=4096 -timeout=10 \
	    -dict=tests/fuzz/json.dict -print_final_stats=1 \
	    build/fuzz/corpus_$$t tests/fuzz/seeds_$$t 2>build/fuzz/fuzz_$$t.log \
	    || { tail -50 build/fuzz/fuzz_$$t.log; exit 1; }; \
	  grep -E 'stat::number_of_executed_units|Done' build/fuzz/fuzz_$$t.log | tail -2; \
	done

install: memscope
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man5
	install -m 755 memscope $(DESTDIR)$(PREFIX)/bin/memscope
	install -m 644 man/memscope.1 $(DESTDIR)$(PREFIX)/share/man/man1/memscope.1
	install -m 644 man/memscope-format.5 $(DESTDIR)$(PREFIX)/share/man/man5/memscope-format.5
	install -d $(DESTDIR)$(PREFIX)/share/memscope
	install -m 644 src/python/memscope_dump.py $(DESTDIR)$(PREFIX)/share/memscope/memscope_dump.py
	install -m 644 src/python/memscope_attach.py $(DESTDIR)$(PREFIX)/share/memscope/memscope_attach.py

clean:
	rm -rf build memscope
