// SPDX-License-Identifier: GPL-2.0
/* fuzz_stats_baseline.c - the statistics baseline file behind "smcr|smcd stats reset"
 * (lib/kernel/stats_baseline.c), a file any local program of the user can write
 *
 * Input: one byte picks the mode:
 *   even: the rest is a baseline file, read by smc_stats_baseline_read(); what it
 *         accepts must survive writing and reading again unchanged;
 *   odd:  a 16-bit length, that many bytes of baseline file, then a replay file: the
 *         baseline is put where the tools look for it and a stats command runs on it
 *         through the tools' real main() (load, staleness checks, subtraction, views).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_tool.h"
#include "smc_stats.h"
#include "stats_baseline.h"

int smcr_main(int argc, char **argv);
int smcd_main(int argc, char **argv);

static const struct fuzz_cmd cmds[] = {
	{ smcr_main, false, { "smcr", "stats", NULL } },
	{ smcd_main, false, { "smcd", "-d", "stats", NULL } },
	{ smcr_main, true, { "smcr", "-j", "stats", NULL } },
	{ smcd_main, true, { "smcd", "stats", "json", NULL } },
};

static const struct fuzz_expect expect = { .max_status = 2, .verdict_status = -1 };

/* Where the tools look for the baseline (smc_stats_store_open()), made once */
static char baseline_path[512];

/* The text smc_stats_baseline_write() makes of @b, in a malloc()ed buffer */
static char *baseline_text(const struct smc_stats_baseline *b, size_t *len)
{
	char *text = NULL;
	FILE *fp = open_memstream(&text, len);

	if (!fp)
		fuzz_fail("open_memstream: %s", strerror(errno));
	if (smc_stats_baseline_write(fp, b))
		fuzz_fail("smc_stats_baseline_write failed on a memory stream");
	if (fclose(fp))
		fuzz_fail("fclose: %s", strerror(errno));
	return text;
}

static int baseline_parse(const void *buf, size_t len, struct smc_stats_baseline *b,
			  struct smc_stats_file_err *err)
{
	/* fmemopen() cannot open 0 bytes: an empty file is /dev/null's content */
	FILE *fp = len ? fmemopen((void *)buf, len, "r") : fopen("/dev/null", "re");
	int rc;

	if (!fp)
		fuzz_fail("fmemopen: %s", strerror(errno));
	rc = smc_stats_baseline_read(fp, b, err);
	fclose(fp);
	return rc;
}

static void parse_only(const uint8_t *data, size_t size)
{
	struct smc_stats_baseline *b = malloc(2 * sizeof(*b));
	struct smc_stats_file_err err;
	char *text, *again;
	size_t len, len2;
	int rc;

	if (!b)
		fuzz_fail("out of memory");
	rc = baseline_parse(data, size, &b[0], &err);
	if (rc == -EINVAL) {
		if (!err.why[0] || !memchr(err.why, '\0', sizeof(err.why)))
			fuzz_fail("an invalid baseline without a reason");
	} else if (rc) {
		fuzz_fail("smc_stats_baseline_read returned %d on memory", rc);
	} else {
		text = baseline_text(&b[0], &len);
		rc = baseline_parse(text, len, &b[1], &err);
		if (rc)
			fuzz_fail("a baseline written from one read is refused (line %u: %s):\n%s",
				  err.line, err.why, text);
		again = baseline_text(&b[1], &len2);
		if (len != len2 || memcmp(text, again, len))
			fuzz_fail("a baseline changed by writing and reading it:\n%s\n---\n%s",
				  text, again);
		free(again);
		free(text);
	}
	free(b);
}

/* The baseline of the current input: a stats command may replace or remove the file
 * (one from another boot, say), so it is put back before each run of the tool
 */
static const uint8_t *baseline;
static size_t baseline_len;

static void put_baseline(void)
{
	int fd = open(baseline_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ssize_t n = fd < 0 || !baseline_len ? 0 : write(fd, baseline, baseline_len);

	if (fd < 0 || n != (ssize_t)baseline_len || close(fd))
		fuzz_fail("writing %s: %s", baseline_path, strerror(errno));
}

static void stats_command(const uint8_t *data, size_t size)
{
	size_t pick = fuzz_pick(&data, &size, sizeof(cmds) / sizeof(cmds[0]));
	size_t blen = 0;

	if (size >= 2) {
		blen = (size_t)data[0] | (size_t)data[1] << 8;
		data += 2;
		size -= 2;
	}
	if (blen > size)
		blen = size;
	baseline = data;
	baseline_len = blen;
	fuzz_replay_set(data + blen, size - blen);
	fuzz_before_each_run(put_baseline);
	fuzz_run_cmd(&cmds[pick], &expect);
	fuzz_before_each_run(NULL);
	unlink(baseline_path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct stat ns;
	char dir[400];

	(void)argc;
	(void)argv;
	fuzz_setup();
	snprintf(dir, sizeof(dir), "%s/smc-utils", getenv("XDG_RUNTIME_DIR"));
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		fuzz_fail("mkdir %s: %s", dir, strerror(errno));
	if (stat("/proc/self/ns/net", &ns) < 0)
		fuzz_fail("stat /proc/self/ns/net: %s", strerror(errno));
	snprintf(baseline_path, sizeof(baseline_path), "%s/stats-net%llu", dir,
		 (unsigned long long)ns.st_ino);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fuzz_pick(&data, &size, 2) == 0)
		parse_only(data, size);
	else
		stats_command(data, size);
	return 0;
}
