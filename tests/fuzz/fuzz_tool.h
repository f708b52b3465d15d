/* SPDX-License-Identifier: GPL-2.0 */
/* fuzz_tool.h - what the libFuzzer harnesses share
 *
 * A harness runs a tool's real main() (compiled in with -Dmain=<tool>_main) on a command
 * line from its table, with every netlink request answered from the fuzz input through
 * the transport's replay (SMC_UTILS_REPLAY, lib/transport/nltrace.h), and checks what came out
 * against the promises every tool makes (fuzz_check()). A broken promise is an abort(),
 * which libFuzzer reports and saves like any crash.
 */
#ifndef SMC_FUZZ_TOOL_H
#define SMC_FUZZ_TOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int (*fuzz_main_fn)(int argc, char **argv);

#define FUZZ_MAX_ARGS 16

/* One command line of a harness's table */
struct fuzz_cmd {
	fuzz_main_fn	main;
	bool		json;		/* -j/-p: stdout must be one JSON document */
	const char	*argv[FUZZ_MAX_ARGS];	/* argv[0] is the program name; NULL-ended */
};

/* What a run must satisfy beyond the sanitizers */
struct fuzz_expect {
	int	max_status;	/* 2; smc_chk 3 */
	int	verdict_status;	/* a status that is a result, not an error (smc_chk's 3); -1 */
};

struct fuzz_result {
	int		status;
	const char	*out;		/* stdout, valid until the next run */
	size_t		out_len;
	const char	*err;		/* stderr */
	size_t		err_len;
};

/* Once, from LLVMFuzzerInitialize(): the replay file in memory, a private
 * XDG_RUNTIME_DIR (no stats baseline of the user's is ever read or written), and the
 * files that catch the tools' output.
 */
void fuzz_setup(void);

/* The replay file's content for the next run: @data, with the "SMCUTRC1" magic put in
 * front if it lacks it (the fuzzer need not find it by itself).
 */
void fuzz_replay_set(const uint8_t *data, size_t size);

/* The first byte of the input picks one of @n table rows; it is consumed. */
size_t fuzz_pick(const uint8_t **data, size_t *size, size_t n);

/* Split @size bytes at NUL bytes into at most @max words (copies, freed by
 * fuzz_words_free()); what is beyond the last allowed word is dropped, and no bytes are
 * no words. Return: the count.
 */
size_t fuzz_words(const uint8_t *data, size_t size, char **words, size_t max);
void fuzz_words_free(char **words, size_t n);

/**
 * fuzz_run() - run @main(@argc, @argv) as the program @argv[0]
 *
 * Copies @argv first (tools reorder it), resets getopt, sets the program name that
 * error lines start with, and catches stdout and stderr. With SMC_FUZZ_REPEAT=1 in the
 * environment it runs twice and fails unless both runs give the same status and output
 * (state left behind by a run: a global, getopt, a file).
 */
void fuzz_run(fuzz_main_fn main_fn, int argc, const char *const *argv, struct fuzz_result *r);

/**
 * fuzz_check() - the oracles; abort() with a report on stderr if one fails
 * @json: stdout must be one JSON document (exit 0 or verdict) or nothing (an error)
 *
 * - the exit status is in 0..max_status;
 * - stderr is whole lines, each starting with "<prog>: ", escaped (no control
 *   characters, valid UTF-8); an error status comes with at least one line;
 * - with @json: exactly one valid JSON document of valid UTF-8 (json_check.h), or after
 *   an error also nothing at all (JSON is streamed: a dump that fails half-way has
 *   printed its first rows, and the writer then closes the document);
 * - text output: valid UTF-8 without control characters but newlines (escape.h).
 */
void fuzz_check(const struct fuzz_expect *e, bool json, int argc, const char *const *argv,
		const struct fuzz_result *r);

/* @fn runs before each run of a tool (also the second one of SMC_FUZZ_REPEAT), e.g. to
 * put back a file the tool may change; NULL for nothing.
 */
void fuzz_before_each_run(void (*fn)(void));

/* Run one row of a table on the replay file already set, and check it. */
void fuzz_run_cmd(const struct fuzz_cmd *cmd, const struct fuzz_expect *e);

/* The body of the table harnesses: the first byte picks a row of @cmds (@n rows), the
 * rest is the replay file.
 */
void fuzz_table_input(const struct fuzz_cmd *cmds, size_t n, const struct fuzz_expect *e,
		      const uint8_t *data, size_t size);

/* libFuzzer's entry points, defined by each harness */
int LLVMFuzzerInitialize(int *argc, char ***argv);
/* The two entry points of a harness that is only a table of command lines, @cmds, and
 * what their runs must meet, @expect (the first input byte picks the line)
 */
#define FUZZ_TABLE_HARNESS(cmds, expect)						\
	int LLVMFuzzerInitialize(int *argc, char ***argv)				\
	{										\
		(void)argc;								\
		(void)argv;								\
		fuzz_setup();								\
		return 0;								\
	}										\
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)			\
	{										\
		fuzz_table_input(cmds, sizeof(cmds) / sizeof(cmds[0]), &(expect), data, size); \
		return 0;								\
	}
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Report a failed oracle of a harness of its own (printf-like) and abort(). */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
