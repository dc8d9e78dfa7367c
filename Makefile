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
TEST_TOOLS := pre-commit tmux
DEB_TEST_TOOLS := pre-commit tmux

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

LIB  := $(BUILD)/libtrustlint.a
SO   := $(BUILD)/libtrustlint.so
BIN  := $(BUILD)/trustlint

.PHONY: all deps test-deps run test check docs install clean

all: $(BIN) $(SO)

# Install what is missing, when we can (root + apt-get); otherwise say
# exactly what to install.  `run` needs the libraries; `test` also needs
# Check and the tools the tests drive.
define install_missing
	@missing=""; \
	command -v pkg-config >/dev/null 2>&1 || missing="pkg-config"; \
	for p in $(1); do pkg-config --exists $$p 2>/dev/null || missing="$$missing $$p"; done; \
	for t in $(2); do command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; done; \
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

run: deps
	@$(MAKE) --no-print-directory all
	@echo "== decisions for corpus/examples (trustlint eval --batch)"
	@$(BIN) eval --batch corpus/examples/requests.jsonl

# One pass of every suite with the current SANITIZE setting.
check: $(BIN) $(TEST_BIN) $(TOOLS)
	@set -e; for t in $(filter-out %/check_vectors,$(TEST_BIN)); do echo "== $$t"; $$t; done
	@echo "== decision vectors"; $(BUILD)/tests/check_vectors corpus/eval
	@echo "== cli tests"; TRUSTLINT=$(BIN) JSONQ=$(BUILD)/tests/tools/json_query sh tests/cli/run.sh

# docs/rules.md is generated from the rule table and committed; a test checks it is fresh.
docs: $(BIN)
	$(BIN) rules --markdown > docs/rules.md

test: test-deps
	@$(MAKE) --no-print-directory check
	@echo "== again under AddressSanitizer + UndefinedBehaviorSanitizer"
	@$(MAKE) --no-print-directory check SANITIZE=address,undefined
	@echo "== all tests passed (plain and sanitized)"

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
