# smc-utils - top-level, non-recursive Makefile
#   make            build tools and the preload library
#   make check      install missing dependencies, build, run every test (host + bench)
#   make demo       build and show the tools on a live kernel in the qemu bench
#   make install    DESTDIR=, PREFIX=/usr/local (and BINDIR, LIBDIR, MANDIR, SCHEMADIR,
#                   EXAMPLEDIR, BASHCOMPDIR, SMC_RUN_LIBDIR); make uninstall with the same
#   CC, CPPFLAGS, CFLAGS, LDFLAGS are honoured (the warning flags are always added)
#   V=1             show full commands

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
# the JSON Schemas of the tools' -j output (schemas/, see smcr(8) JSON OUTPUT)
SCHEMADIR  ?= $(PREFIX)/share/smc-utils/schemas
# examples of scripts built on the JSON output (examples/)
EXAMPLEDIR ?= $(PREFIX)/share/smc-utils/examples
PKG_CONFIG ?= pkg-config
# below PREFIX like everything else (a distribution package may name pkg-config's
# `--variable=completionsdir bash-completion` instead)
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions

# zlib and libibverbs: their headers only; lib/kernel/kernel_support.c (/proc/config.gz)
# and lib/kernel/smc_ibv.c open the libraries when they need them (lib/util/dynlib.h).
# Netlink messages are our own (lib/transport/nlmsg.c): the tools need no libnl. The unit
# tests (TEST_LIBS) build the replies they feed the parsers with libnl, an encoder
# independent of ours, and write gzip files with zlib.
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags libibverbs zlib 2>/dev/null)
DEP_LIBS   :=

WARN := -Wall -Wextra -Werror -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes \
        -Wold-style-definition -Wshadow
CFLAGS ?= -O2 -g
# The library's layers, each a folder of lib/ (README.md, "Layout"), and the command code
# of the tools in cmd/: one include path each. lib/uapi first: the vendored 6.12 headers
# must win over the host's older ones.
LAYERS   := lib/transport lib/kernel lib/decode lib/output lib/util
INCLUDES := -Ilib/uapi $(addprefix -I,$(LAYERS)) -Icmd
# -ffile-prefix-map: the debugging information names the sources relative to the tree,
# so that no installed binary holds the path it was built in
override CFLAGS += -std=c11 -D_GNU_SOURCE $(WARN) $(INCLUDES) $(DEP_CFLAGS) -MMD -MP \
		   -ffile-prefix-map=$(CURDIR)=.
LDLIBS += $(DEP_LIBS)

ifneq ($(V),1)
Q = @
msg = @printf '  %-6s %s\n' $(1) $(2);
endif

# the library proper: pure of printing and exit codes
LIB_SRCS := $(wildcard $(addsuffix /*.c,$(LAYERS)))
LIB_OBJS := $(LIB_SRCS:.c=.o)
LIB      := lib/libsmcutils.a
# the tools' command code: options, objects and commands, what they print, exit codes
CMD_SRCS := $(wildcard cmd/*.c)
CMD_OBJS := $(CMD_SRCS:.c=.o)
CMD      := cmd/libsmccmd.a
ALL_SRCS := $(LIB_SRCS) $(CMD_SRCS)
ALL_HDRS := $(wildcard $(addsuffix /*.h,$(LAYERS)) cmd/*.h)
TOOLS    := smcss/smcss smcr/smcr smcd/smcd smc_pnet/smc_pnet smc_chk/smc_chk \
            smc_metrics/smc_metrics smc_rnics/smc_rnics
TEST_TOOLS := $(patsubst %.c,%,$(wildcard tests/tools/*.c))
UNIT_TESTS := $(patsubst %.c,%,$(wildcard tests/unit/test_*.c))
# smc_run: the launcher is a tool like the others; its LD_PRELOAD library is built apart
# and links nothing of lib/ but the number reader (lib/util/parse_num.c, whose functions are
# hidden). The launcher knows the library's installed path.
LIBDIR ?= $(PREFIX)/lib
SMC_RUN_LIBDIR ?= $(LIBDIR)/smc-utils
PRELOAD  := smc_run/libsmc-preload.so
TOOLS    += smc_run/smc_run

all: $(TOOLS) $(TEST_TOOLS)
all: $(PRELOAD)

# Objects are rebuilt when the compiler or its flags change: an object left by a
# `make CC=clang` would otherwise be linked into a gcc build, and valgrind 3.19 gives up
# on clang's DWARF 5 ("unhandled dwarf2 abbrev form code 0x25").
%.o: %.c build/compiler.id
	$(call msg,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# (expanded here, once: a target's own additions to CFLAGS must not change it)
COMPILER_ID := $(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS)
build/compiler.id: FORCE
	@mkdir -p build
	@printf '%s\n' '$(COMPILER_ID)' | cmp -s - $@ || printf '%s\n' '$(COMPILER_ID)' >$@

$(LIB): $(LIB_OBJS)
	$(call msg,AR,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(CMD): $(CMD_OBJS)
	$(call msg,AR,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

smcss/smcss: smcss/main.o $(CMD) $(LIB)
smcr/smcr: smcr/main.o $(CMD) $(LIB)
smcd/smcd: smcd/main.o $(CMD) $(LIB)
smc_pnet/smc_pnet: smc_pnet/main.o $(CMD) $(LIB)
smc_metrics/smc_metrics: smc_metrics/main.o $(CMD) $(LIB)
smc_chk/smc_chk: smc_chk/main.o $(CMD) $(LIB)
smc_rnics/smc_rnics: smc_rnics/main.o $(CMD) $(LIB)
smc_run/smc_run: smc_run/main.o $(CMD) $(LIB)
smc_run/smc_run: LDFLAGS += -Wl,--as-needed
$(TOOLS):
	$(call msg,LINK,$@)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# a standalone helper for the tests; no libraries (but TEST_TOOL_LIBS), only the
# header-only socket constants of lib/transport/smc_socket.h
$(TEST_TOOLS): %: %.c lib/transport/smc_socket.h
	$(call msg,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(filter-out -MMD -MP,$(CFLAGS)) -Ilib $(LDFLAGS) -o $@ $< \
		$(TEST_TOOL_LIBS)
tests/tools/smc_run_probe: TEST_TOOL_LIBS := -pthread
tests/tools/smc_run_probe: smc_run/config.h

# The launcher's two absolute library paths: installed, and in this build tree (used
# when the launcher runs from here). The stamp rebuilds it when PREFIX or the tree move.
# make install installs build/install/smc_run, built without the second: no installed
# file holds a path of the build tree, and two builds in different places install the
# same bytes.
SMC_RUN_INSTALLED_DEFS := -DSMC_RUN_LIBRARY='"$(SMC_RUN_LIBDIR)/libsmc-preload.so"'
SMC_RUN_DEFS := $(SMC_RUN_INSTALLED_DEFS) -DSMC_RUN_BUILD_DIR='"$(CURDIR)/smc_run"'
smc_run/main.o: override CFLAGS += $(SMC_RUN_DEFS)
smc_run/main.o: build/smc_run.paths
build/install/smc_run.o: smc_run/main.c build/smc_run.paths build/compiler.id
	@mkdir -p build/install
	$(call msg,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(SMC_RUN_INSTALLED_DEFS) -c -o $@ $<
build/install/smc_run: build/install/smc_run.o $(CMD) $(LIB)
	$(call msg,LINK,$@)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)
build/smc_run.paths: FORCE
	@mkdir -p build
	@printf '%s\n' '$(SMC_RUN_LIBDIR)' '$(CURDIR)' | cmp -s - $@ || \
		printf '%s\n' '$(SMC_RUN_LIBDIR)' '$(CURDIR)' >$@

# no lib/ (but the number reader), no libnl: it runs inside other people's programs
PRELOAD_SRCS := smc_run/preload.c lib/util/parse_num.c
PRELOAD_DEPS := $(PRELOAD_SRCS) smc_run/config.h lib/transport/smc_socket.h \
		lib/util/parse_num.h lib/util/array.h
$(PRELOAD): $(PRELOAD_DEPS)
	$(call msg,CCLD,$@)
	$(Q)$(CC) $(CPPFLAGS) $(filter-out -MMD -MP,$(CFLAGS)) $(LDFLAGS) -fPIC -shared \
		-pthread -Wl,-z,defs -Wl,-soname,libsmc-preload.so -o $@ $(PRELOAD_SRCS) -ldl

# Golden outputs of the recorded kernels (tests/replay/<release>/SCENE.expected), rewritten
# from the replays; review the diff. tests/replay/record records anew in the bench.
regen: all
	@for rec in tests/replay/*/*.rec; do \
		scene=$$(basename "$$rec" .rec); \
		SMC_UTILS_REPLAY=$$rec tests/replay/run-commands.sh tests/replay/$$scene.commands \
			>"$${rec%.rec}.expected" || exit 1; \
		echo "  REGEN  $${rec%.rec}.expected"; \
	done

# numbers, not tests: the overhead of the preload library on sockets it leaves alone,
# and how fast the listings are against a bare netlink dump (in the bench)
bench: all
	@tests/bench-smc_run.sh
	@tests/bench-listing.sh

TEST_CFLAGS := $(shell $(PKG_CONFIG) --cflags libnl-3.0 libnl-genl-3.0 zlib 2>/dev/null)
TEST_LIBS   := $(shell $(PKG_CONFIG) --libs libnl-3.0 libnl-genl-3.0 zlib 2>/dev/null)
tests/unit/%.o: override CFLAGS += $(TEST_CFLAGS)

$(UNIT_TESTS): %: %.o $(CMD) $(LIB)
	$(call msg,LINK,$@)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(TEST_LIBS)

unit-tests: $(UNIT_TESTS)

deps:
	@tests/deps.sh install

check: 
	@tests/deps.sh ensure
	@$(MAKE) --no-print-directory all unit-tests asan
	@tests/check.sh

demo:
	@tests/deps.sh ensure
	@$(MAKE) --no-print-directory all
	@tests/demo.sh

# smc_dbg is a shell script: installed as it is, never built
INSTALLED_TOOLS := $(filter-out smc_run/smc_run,$(TOOLS)) build/install/smc_run smc_dbg/smc_dbg
COMPLETED := smcss smcr smcd smc_pnet smc_chk smc_run smc_metrics smc_dbg smc_rnics

install: all build/install/smc_run
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(BASHCOMPDIR)
	install -m 0755 $(INSTALLED_TOOLS) $(DESTDIR)$(BINDIR)/
	install -m 0644 man/*.7 $(DESTDIR)$(MANDIR)/man7/
	install -m 0644 man/*.8 $(DESTDIR)$(MANDIR)/man8/
	install -d $(DESTDIR)$(SCHEMADIR)
	install -m 0644 schemas/*.json $(DESTDIR)$(SCHEMADIR)/
	install -d $(DESTDIR)$(EXAMPLEDIR)
	install -m 0644 examples/* $(DESTDIR)$(EXAMPLEDIR)/
	install -m 0644 completion/smc-utils.bash $(DESTDIR)$(BASHCOMPDIR)/smcss
	for t in $(filter-out smcss,$(COMPLETED)); do ln -sf smcss $(DESTDIR)$(BASHCOMPDIR)/$$t; done
	install -d $(DESTDIR)$(SMC_RUN_LIBDIR)
	install -m 0644 $(PRELOAD) $(DESTDIR)$(SMC_RUN_LIBDIR)/

# what install wrote, file by file; the directories only where they are ours
uninstall:
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(notdir $(INSTALLED_TOOLS)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man7/,$(notdir $(wildcard man/*.7)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man8/,$(notdir $(wildcard man/*.8)))
	rm -f $(addprefix $(DESTDIR)$(SCHEMADIR)/,$(notdir $(wildcard schemas/*.json)))
	rm -f $(addprefix $(DESTDIR)$(EXAMPLEDIR)/,$(notdir $(wildcard examples/*)))
	rm -f $(addprefix $(DESTDIR)$(BASHCOMPDIR)/,$(COMPLETED))
	rm -f $(DESTDIR)$(SMC_RUN_LIBDIR)/$(notdir $(PRELOAD))
	rmdir $(DESTDIR)$(SCHEMADIR) $(DESTDIR)$(EXAMPLEDIR) $(DESTDIR)$(SMC_RUN_LIBDIR) \
		2>/dev/null || true
	rmdir $(dir $(DESTDIR)$(SCHEMADIR)) 2>/dev/null || true

clean:
	rm -f lib/*/*.o lib/*/*.d $(LIB) $(CMD) */*.o */*.d $(TOOLS) $(TEST_TOOLS) $(UNIT_TESTS) \
	      tests/unit/*.o tests/unit/*.d
	rm -f $(PRELOAD) build/smc_run.paths build/compiler.id build/install/smc_run*

.PHONY: all check demo deps install uninstall clean unit-tests bench regen FORCE
-include $(LIB_SRCS:.c=.d) $(wildcard */*.d tests/unit/*.d)

# AddressSanitizer + UBSan copies of the tools and unit tests, for the tests
ASAN_DIR := build/asan
ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_BINS := $(addprefix $(ASAN_DIR)/,smcss smcr smcd smc_pnet smc_chk smc_metrics smc_rnics \
		$(notdir $(UNIT_TESTS)))

ASAN_BINS += $(ASAN_DIR)/smc_run $(ASAN_DIR)/libsmc-preload.so

asan: $(ASAN_BINS)

$(ASAN_DIR)/smc_run: override CFLAGS += $(SMC_RUN_DEFS)
$(ASAN_DIR)/smc_run: build/smc_run.paths
# to be preloaded after the ASan runtime: LD_PRELOAD=<libasan.so>:<this>
$(ASAN_DIR)/libsmc-preload.so: $(PRELOAD_DEPS)
	@mkdir -p $(ASAN_DIR)
	$(call msg,ASAN,$@)
	$(Q)$(CC) $(filter-out -MMD -MP,$(CFLAGS)) -O1 $(ASAN_FLAGS) -fPIC -shared -pthread \
		-o $@ $(PRELOAD_SRCS) -ldl

$(ASAN_DIR)/%: $(ALL_SRCS) $(ALL_HDRS) $(wildcard */main.c tests/unit/*.[ch])
	@mkdir -p $(ASAN_DIR)
	$(call msg,ASAN,$@)
	$(Q)$(CC) $(filter-out -MMD -MP,$(CFLAGS)) -O1 $(ASAN_FLAGS) -o $@ \
		$(if $(wildcard tests/unit/$*.c),$(TEST_CFLAGS)) \
		$(firstword $(wildcard $*/main.c tests/unit/$*.c)) $(ALL_SRCS) $(LDLIBS) \
		$(if $(wildcard tests/unit/$*.c),$(TEST_LIBS))

.PHONY: asan

# libFuzzer harnesses (tests/fuzz, see tests/README.md "Fuzzing"): clang only, built only
# by these targets. Each harness links every lib/ and cmd/ object and the main() of the tools it
# runs, compiled as <tool>_main(). FUZZ_TIME: seconds per harness for make fuzz,
# or FUZZ_RUNS: executions per harness instead.
FUZZ_CC     ?= clang
FUZZ_TIME   ?= 60
FUZZ_DIR    := build/fuzz
FUZZ_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -O1 -g $(WARN) $(INCLUDES) -Itests/fuzz \
	       $(DEP_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -MMD -MP
FUZZ_NAMES  := $(patsubst tests/fuzz/fuzz_%.c,%,$(filter-out tests/fuzz/fuzz_tool.c,\
	       $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_BINS   := $(addprefix $(FUZZ_DIR)/fuzz_,$(FUZZ_NAMES))
FUZZ_LIB    := $(patsubst %.c,$(FUZZ_DIR)/lib/%.o,$(ALL_SRCS))
FUZZ_COMMON := $(FUZZ_DIR)/obj/fuzz_tool.o $(FUZZ_DIR)/obj/json_check.o

$(FUZZ_DIR)/lib/%.o: %.c
	@mkdir -p $(@D)
	$(call msg,FUZZCC,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/obj/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	$(call msg,FUZZCC,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

# a tool's main() as <tool>_main(): no prototype, it was never meant to be called
$(FUZZ_DIR)/main/%.o: %/main.c
	@mkdir -p $(@D)
	$(call msg,FUZZCC,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -Wno-missing-prototypes -Dmain=$*_main -c -o $@ $<

$(FUZZ_DIR)/fuzz_smcss: $(FUZZ_DIR)/main/smcss.o
$(FUZZ_DIR)/fuzz_smcr $(FUZZ_DIR)/fuzz_rdma: $(FUZZ_DIR)/main/smcr.o
$(FUZZ_DIR)/fuzz_smcd: $(FUZZ_DIR)/main/smcd.o
$(FUZZ_DIR)/fuzz_explain $(FUZZ_DIR)/fuzz_stats_baseline: $(FUZZ_DIR)/main/smcr.o \
							    $(FUZZ_DIR)/main/smcd.o
$(FUZZ_DIR)/fuzz_smc_pnet: $(FUZZ_DIR)/main/smc_pnet.o
$(FUZZ_DIR)/fuzz_smc_chk: $(FUZZ_DIR)/main/smc_chk.o
$(FUZZ_DIR)/fuzz_smc_metrics: $(FUZZ_DIR)/main/smc_metrics.o
$(FUZZ_DIR)/fuzz_%: $(FUZZ_DIR)/obj/fuzz_%.o $(FUZZ_COMMON) $(FUZZ_LIB)
	$(call msg,FUZZLD,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(DEP_LIBS)

fuzz-build: $(FUZZ_BINS)
# every harness for FUZZ_TIME seconds (or FUZZ_RUNS executions), two at a time
fuzz:
	@FUZZ_TIME=$(FUZZ_TIME) FUZZ_RUNS=$(FUZZ_RUNS) tests/fuzz/run.sh run
# each harness for a few seconds, and every saved reproducer once (TAP; make check)
fuzz-smoke:
	@tests/fuzz/run.sh smoke

.PHONY: fuzz fuzz-build fuzz-smoke
# objects made by the pattern rules above are kept, or each build would start from scratch
.PRECIOUS: $(FUZZ_DIR)/lib/%.o $(FUZZ_DIR)/obj/%.o $(FUZZ_DIR)/main/%.o
-include $(wildcard $(FUZZ_LIB:.o=.d) $(FUZZ_DIR)/obj/*.d $(FUZZ_DIR)/main/*.d)
