# trustlint - a plain Makefile (see README.md).
#   make run        install missing packages (as root), build, run on corpus/examples
#   make test       the whole suite, plainly and again under ASan+UBSan
#   make SANITIZE=address,undefined check   one sanitized pass
#   make install PREFIX=/usr/local DESTDIR=

CC      ?= cc
PREFIX  ?= /usr/local
DESTDIR ?=
SANITIZE ?=

PKGS      := jansson libpcre2-8 libedit yaml-0.1
TEST_PKGS := check
DEB_PKGS  := pkg-config libjansson-dev libpcre2-dev libedit-dev libyaml-dev
DEB_TEST_PKGS := check
# tools the tests drive: the real pre-commit, and a terminal multiplexer for the REPL
TEST_TOOLS := pre-commit tmux clang valgrind
DEB_TEST_TOOLS := pre-commit tmux clang libclang-rt-14-dev valgrind

ifeq ($(SANITIZE),)
BUILD := build/plain
SANFLAGS :=
else
BUILD := build/san
SANFLAGS := -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer -DTL_ARENA_DEBUG
endif

# snprintf truncation is deliberate (bounded messages), so that warning is off
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wformat=2 -Wno-format-truncation -Werror
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) $(SANFLAGS) -fPIC -Iengine \
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS     = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -pthread
TEST_LIBS = $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)

ENGINE_SRC := $(wildcard engine/*.c engine/inputs/*.c)
RULES_SRC  := $(wildcard rules/*.c)
CLI_SRC    := $(wildcard cli/*.c)
TEST_SRC   := $(wildcard tests/check_*.c)

ENGINE_OBJ := $(ENGINE_SRC:%.c=$(BUILD)/%.o)
RULES_OBJ  := $(RULES_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ    := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN   := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TOOLS      := $(BUILD)/tests/tools/json_query
FUZZ_SRC   := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES := $(basename $(notdir $(FUZZ_SRC)))
REPLAY_BIN := $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/replay_%)
SHARED     ?= ../shared

LIB  := $(BUILD)/libtrustlint.a
SO   := $(BUILD)/libtrustlint.so
BIN  := $(BUILD)/trustlint

.PHONY: all deps test-deps run test check docs install clean fuzz bench bench-peer

all: $(BIN) $(SO)

# Install what is missing, when we can (root + apt-get); otherwise say
# exactly what to install.  `run` needs the libraries; `test` also needs
# Check and the tools the tests drive.
define install_missing
	@missing=""; \
	command -v pkg-config >/dev/null 2>&1 || missing="pkg-config"; \
	for p in $(1); do pkg-config --exists $$p 2>/dev/null || missing="$$missing $$p"; done; \
	for t in $(2); do command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; done; \
	if [ -n "$(2)" ] && command -v clang >/dev/null 2>&1 && ! printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d && n; }\n' | \
	  clang -fsanitize=fuzzer -x c - -o /dev/null 2>/dev/null; then missing="$$missing libFuzzer"; fi; \
	if [ -n "$$missing" ]; then \
	  echo "trustlint: missing:$$missing"; \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "trustlint: installing $(3)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y $(3) >/dev/null || \
	    { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y $(3) >/dev/null; } || \
	    { echo "trustlint: apt-get failed; install: $(3)"; exit 1; }; \
	  else \
	    echo "trustlint: please install (Debian/Ubuntu): sudo apt-get install $(3)"; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call install_missing,$(PKGS),,$(DEB_PKGS))

test-deps:
	$(call install_missing,$(PKGS) $(TEST_PKGS),$(TEST_TOOLS),$(DEB_PKGS) $(DEB_TEST_PKGS) $(DEB_TEST_TOOLS))

$(BUILD)/%.o: %.c $(wildcard engine/*.h engine/inputs/*.h engine/*.def rules/*.h rules/*.def cli/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -Irules -Icli -c $< -o $@

$(LIB): $(ENGINE_OBJ)
	@rm -f $@
	@echo "  AR      $@"
	@ar rcs $@ $^

$(SO): $(ENGINE_OBJ)
	@echo "  LD      $@"
	@$(CC) -shared $(SANFLAGS) -o $@ $^ $(LIBS)

$(BIN): $(CLI_OBJ) $(RULES_OBJ) $(LIB)
	@echo "  LD      $@"
	@$(CC) $(SANFLAGS) -o $@ $(CLI_OBJ) $(RULES_OBJ) $(LIB) $(LIBS)

$(BUILD)/tests/%: tests/%.c $(RULES_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	@echo "  TEST    $<"
	@$(CC) $(ALL_CFLAGS) -Irules $(shell pkg-config --cflags check) -o $@ $< $(RULES_OBJ) $(LIB) $(TEST_LIBS) $(LIBS)

$(BUILD)/tests/tools/%: tests/tools/%.c $(LIB)
	@mkdir -p $(dir $@)
	@echo "  TOOL    $<"
	@$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(LIBS)

# Each fuzz target linked with the standalone replay driver, normal compiler.
# (the config and REPL targets need the rules and the CLI, all but its main)
FUZZ_LINK = $(RULES_OBJ) $(filter-out %/main.o,$(CLI_OBJ))
$(BUILD)/tests/fuzz/replay_%: tests/fuzz/%.c tests/fuzz/replay.c $(LIB) $(FUZZ_LINK)
	@mkdir -p $(dir $@)
	@echo "  REPLAY  $<"
	@$(CC) $(ALL_CFLAGS) -Irules -Icli -o $@ $< tests/fuzz/replay.c $(FUZZ_LINK) $(LIB) $(LIBS)

run: deps
	@$(MAKE) --no-print-directory all
	@echo "== decisions for corpus/examples (trustlint eval --batch corpus/examples/requests.jsonl)"
	@$(BIN) eval --batch corpus/examples/requests.jsonl
	@echo "== lint of the bundled corpus (trustlint lint corpus/examples corpus/inputs corpus/ci-example)"
	@$(BIN) lint --no-config corpus/examples corpus/inputs corpus/ci-example || true
	@echo "== who may assume the example roles (trustlint test corpus/ci-example)"
	@$(BIN) test corpus/ci-example

# One pass of every suite with the current SANITIZE setting.
check: $(BIN) $(TEST_BIN) $(TOOLS) $(REPLAY_BIN)
	@set -e; for t in $(filter-out %/check_vectors,$(TEST_BIN)); do echo "== $$t"; $$t; done
	@echo "== decision vectors"; $(BUILD)/tests/check_vectors corpus/eval
	@echo "== cli tests"; TRUSTLINT=$(BIN) JSONQ=$(BUILD)/tests/tools/json_query SHARED=$(SHARED) sh tests/cli/run.sh
	@echo "== hostile inputs"; TRUSTLINT=$(BIN) sh tests/hostile/run.sh
	@echo "== the public header compiles on its own (-pedantic)"; \
	  printf '#include "trustlint.h"\nint main(void) { return tl_decision_name(TL_ALLOW)[0] != 65; }\n' | \
	  $(CC) -std=c11 -pedantic -Wall -Wextra -Werror $(SANFLAGS) -Iengine -x c - -x none -o $(BUILD)/header_alone $(LIB) $(LIBS) && \
	  $(BUILD)/header_alone && echo "  ok"
	@if [ -z "$(SANITIZE)" ]; then echo "== valgrind over the corpora"; TRUSTLINT=$(BIN) SHARED=$(SHARED) sh tests/valgrind.sh; fi
	@if [ -z "$(SANITIZE)" ]; then echo "== make install into a scratch prefix"; \
	  rm -rf $(BUILD)/stage && $(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/$(BUILD)/stage PREFIX=/usr >/dev/null && \
	  test -x $(BUILD)/stage/usr/bin/trustlint && test -f $(BUILD)/stage/usr/include/trustlint/trustlint.h && \
	  test -f $(BUILD)/stage/usr/lib/pkgconfig/trustlint.pc && test -f $(BUILD)/stage/usr/share/man/man1/trustlint.1 && \
	  test -f $(BUILD)/stage/usr/lib/libtrustlint.a && test -f $(BUILD)/stage/usr/lib/libtrustlint.so && \
	  PKG_CONFIG_PATH=$(BUILD)/stage/usr/lib/pkgconfig pkg-config --cflags trustlint | grep -q include/trustlint && echo "  ok"; fi
	@echo "== fuzz corpus replay"; set -e; for t in $(FUZZ_NAMES); do \
	  seeds="tests/fuzz/corpus/$$t corpus tests/simulate"; \
	  if [ -d "$(SHARED)/wild" ]; then seeds="$$seeds $(SHARED)/wild"; else echo "  (no $(SHARED)/wild here: replaying the project's own corpus only)"; fi; \
	  printf '  %-22s ' $$t; $(BUILD)/tests/fuzz/replay_$$t $$seeds 2>$(BUILD)/tests/fuzz/replay_$$t.log || \
	    { echo "FAILED"; tail -40 $(BUILD)/tests/fuzz/replay_$$t.log; exit 1; }; done

# docs/rules.md is generated from the rule table and committed; a test checks it is fresh.
docs: $(BIN)
	$(BIN) rules --markdown > docs/rules.md

test: test-deps
	@$(MAKE) --no-print-directory check
	@echo "== again under AddressSanitizer + UndefinedBehaviorSanitizer"
	@$(MAKE) --no-print-directory check SANITIZE=address,undefined
	@echo "== fuzz smoke ($(FUZZ_SMOKE_SECONDS) s per target)"
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS)
	@echo "== all tests passed (plain, sanitized, fuzz smoke)"

# ---- benchmarks: make bench writes bench/results.md -----------------------
$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	@echo "  BENCH   $<"
	@$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(LIBS)

bench: deps
	@$(MAKE) --no-print-directory all $(BUILD)/bench/eval_bench $(BUILD)/bench/spawn_bench
	BIN=$(BIN) EVAL=$(BUILD)/bench/eval_bench SPAWN=$(BUILD)/bench/spawn_bench SHARED=$(SHARED) sh bench/run.sh

# The TypeScript peer, installed on demand from bench/peer/package.json (pinned).
bench-peer:
	cd bench/peer && npm install --no-audit --no-fund
	@$(MAKE) --no-print-directory bench

# ---- fuzzing (libFuzzer, clang) -------------------------------------------
# make fuzz FUZZ_SECONDS=600 runs every target; new inputs go to build/fuzz/new,
# crashes to build/fuzz/crashes (add them to tests/fuzz/corpus/<target>/ once fixed).
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 8
FUZZ_FLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -DTL_ARENA_DEBUG -g -O1 -fno-omit-frame-pointer -Iengine -Irules -Icli \
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
FUZZ_ENGINE := $(ENGINE_SRC) $(RULES_SRC) $(filter-out cli/main.c,$(CLI_SRC))

FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_OBJ := $(FUZZ_ENGINE:%.c=build/fuzz/obj/%.o)
.SECONDARY: $(FUZZ_OBJ)

# the library and CLI compiled once with coverage, each target linked to them
build/fuzz/obj/%.o: %.c $(wildcard engine/*.h engine/inputs/*.h engine/*.def rules/*.h rules/*.def cli/*.h)
	@mkdir -p $(dir $@)
	@echo "  FUZZCC  $<"
	@$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN) -c $< -o $@

build/fuzz/%: tests/fuzz/%.c $(FUZZ_OBJ)
	@echo "  FUZZ    $<"
	@$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< $(FUZZ_OBJ) $(LIBS)

fuzz: $(FUZZ_NAMES:%=build/fuzz/%)
	@set -e; for t in $(FUZZ_NAMES); do \
	  rm -rf build/fuzz/seeds/$$t; mkdir -p build/fuzz/seeds/$$t build/fuzz/new/$$t build/fuzz/crashes; \
	  find corpus tests/simulate tests/fuzz/corpus/$$t $$( [ -d "$(SHARED)/wild" ] && echo "$(SHARED)/wild" ) -type f \
	    \( -name '*.json' -o -name '*.jsonl' -o -name '*.yaml' -o -name '*.yml' -o -path '*tests/fuzz/corpus*' \) \
	    2>/dev/null | awk '{ printf "cp %s build/fuzz/seeds/'$$t'/%d\n", $$0, NR }' | sh; \
	  printf '  %-22s ' $$t; \
	  ./build/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=build/fuzz/crashes/$$t- -print_final_stats=1 \
	    build/fuzz/new/$$t build/fuzz/seeds/$$t 2>build/fuzz/$$t.log || \
	    { echo "FAILED: see build/fuzz/$$t.log and build/fuzz/crashes/"; tail -30 build/fuzz/$$t.log; exit 1; }; \
	  grep -E 'stat::number_of_executed_units|cov:' build/fuzz/$$t.log | tail -2 | tr '\n' ' '; echo; \
	done

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/trustlint \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/trustlint
	install -m 644 $(LIB) $(SO) $(DESTDIR)$(PREFIX)/lib/
	install -m 644 engine/trustlint.h engine/operators.def engine/problems.def \
	  $(DESTDIR)$(PREFIX)/include/trustlint/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@PKGS@|$(PKGS)|' docs/trustlint.pc.in \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/trustlint.pc
	install -m 644 docs/trustlint.1 $(DESTDIR)$(PREFIX)/share/man/man1/trustlint.1

clean:
	rm -rf build
