// SPDX-License-Identifier: GPL-2.0
/* test_kernel_support.c - what the host's files say about its kernel (lib/kernel_support):
 * release numbers, the fixture hosts under fixtures/kernel_support/ (module not loaded,
 * built in, not built, no evidence, 7.x without DIBS, ...), hostile files made here, and
 * the words every tool prints for each.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "kernel_support.h"
#include "tap.h"

/* fixtures/ next to this file: the tests run from the top of the tree, as make check does */
static char fixtures[PATH_MAX];

static void probe(struct ks_host *h, const char *name, const char *release)
{
	char root[PATH_MAX + 64];

	snprintf(root, sizeof(root), "%s/%s", fixtures, name);
	ks_probe(h, root, release);
}

static const char *line_of(const struct ks_host *h, enum ks_feature f, struct ks_text *t)
{
	ks_explain(h, f, t);
	return t->line;
}

static void test_release(void)
{
	static const struct {
		const char	*text;
		unsigned int	major, minor, patch;
	} good[] = {
		{ "6.18.44-fc-v669", 6, 18, 44 },
		{ "6.1.0-28-amd64", 6, 1, 0 },
		{ "7.3.4+deb13-amd64", 7, 3, 4 },
		{ "5.14.0-427.13.1.el9_4.x86_64", 5, 14, 0 },
		{ "6.18-rc1", 6, 18, 0 },
		{ "6.11", 6, 11, 0 },
		{ "2.6.32.1", 2, 6, 32 },
		{ "3.0.0", 3, 0, 0 },
		{ "10.0", 10, 0, 0 },
	};
	static const char *const bad[] = {
		"", "6", "6.", ".6", "6..1", "6.x", "a.b", "-6.1", "+6.1", " 6.1", "6.1 ", "6.1\n",
		"06.1", "6.01", "6.1.", "6.1.x", "6,1", "1234567.1", "6.18.44-fc\tx", "6.1\x7f",
		"6.1-\xc3\xa9",
	};
	struct ks_release a, b;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ok(!ks_release_parse(good[i].text, &a) && a.major == good[i].major &&
		   a.minor == good[i].minor && a.patch == good[i].patch,
		   "release \"%s\" is %u.%u.%u", good[i].text, good[i].major, good[i].minor,
		   good[i].patch);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char shown[32];

		/* (TAP lines must stay lines) */
		snprintf(shown, sizeof(shown), "%s", bad[i]);
		for (char *c = shown; *c; c++)
			if ((unsigned char)*c < ' ' || (unsigned char)*c >= 0x7f)
				*c = '?';
		ok(ks_release_parse(bad[i], &a) == -EINVAL && !a.major && !a.minor,
		   "\"%s\" is no release", shown);
	}
	ok(ks_release_parse(NULL, &a) == -EINVAL, "NULL is no release");

	ks_release_parse("6.18.44-fc-v669", &a);
	ks_release_parse("6.11", &b);
	ok(ks_release_cmp(&a, &b) > 0, "6.18.44 is newer than 6.11");
	ks_release_parse("6.9.12", &a);
	ok(ks_release_cmp(&a, &b) < 0, "6.9 is older than 6.11: numbers, not text");
	ks_release_parse("6.11.0-rc7", &a);
	ok(ks_release_cmp(&a, &b) == 0, "6.11.0-rc7 is 6.11");
	ks_release_parse("10.0", &a);
	ks_release_parse("9.99.99", &b);
	ok(ks_release_cmp(&a, &b) > 0, "10.0 is newer than 9.99.99");
	ks_release_parse("6.1.158", &a);
	ks_release_parse("6.1.20", &b);
	ok(ks_release_cmp(&a, &b) > 0, "6.1.158 is newer than 6.1.20");
}

static void test_older_than(void)
{
	struct ks_host h = { 0 };

	ok(ks_older_than(&h, "6.11") == -1, "not probed: the release is unknown");
	probe(&h, "unknown", "6.18.44-fc-v669");
	ok(ks_older_than(&h, "6.11") == 0 && ks_older_than(&h, "6.18") == 0 &&
	   ks_older_than(&h, "6.19") == 1 && ks_older_than(&h, "7.0") == 1,
	   "6.18.44 is not older than 6.11 or 6.18, older than 6.19 and 7.0");
	ok(ks_older_than(&h, "x") == -1, "a \"since\" that is no release: unknown");
	probe(&h, "unknown", "6.1.0-28-amd64");
	ok(ks_older_than(&h, KS_IPPROTO_SMC_SINCE) == 1, "6.1 is older than 6.11");
	probe(&h, "unknown", "custom-kernel");
	ok(ks_older_than(&h, "6.11") == -1 && !strcmp(h.release, "custom-kernel"),
	   "a release that is no number: unknown, yet it still names its files");
	probe(&h, "unknown", "6.1/../../../etc");
	ok(h.release_ok && !h.release[0], "a release with '/' is compared, never a path");
	probe(&h, "unknown", NULL);
	ok(h.probed, "uname's release when none is given");
}

static void test_not_asked(void)
{
	struct ks_host h = { 0 };
	struct ks_text t;

	/* a replay: the answers the tools always gave, nothing read from this machine */
	ok(ks_verdict(&h, KS_SMC) == KS_NOT_ASKED && ks_verdict(&h, KS_IPPROTO_SMC) == KS_NOT_ASKED,
	   "unprobed: not asked");
	is_str(line_of(&h, KS_SMC, &t), "SMC module not loaded (try: modprobe smc)",
	       "unprobed SMC: the long-standing message");
	ok(t.fix_is_command && !strcmp(t.fix, "modprobe smc"), "unprobed SMC: the fix is modprobe");
	is_str(line_of(&h, KS_SMC_DIAG, &t),
	       "the smc_diag module is not loaded (try: modprobe smc_diag)",
	       "unprobed smc_diag: the long-standing message");
}

static void test_module(void)
{
	struct ks_host h;
	struct ks_text t;

	probe(&h, "module", "6.12.0-test");
	ok(h.config == KS_CONFIG_BOOT && h.sym[KS_SYM_SMC] == KS_CFG_MODULE &&
	   h.sym[KS_SYM_SMC_DIAG] == KS_CFG_MODULE && h.sym[KS_SYM_DIBS] == KS_CFG_ABSENT,
	   "module: the configuration of /boot read");
	ok(h.dep_read && h.dep[KS_MOD_SMC] && h.dep[KS_MOD_SMC_DIAG] && h.builtin_read &&
	   !h.builtin[KS_MOD_SMC], "module: modules.dep lists smc.ko.xz, modules.builtin not "
	   "(smc_other/notsmc.ko is no smc)");
	ok(ks_verdict(&h, KS_SMC) == KS_MODULE && ks_verdict(&h, KS_SMC_DIAG) == KS_MODULE,
	   "module available, not loaded");
	is_str(line_of(&h, KS_SMC, &t), "SMC module not loaded (try: modprobe smc)",
	       "module: the same words as ever");
	is_str(line_of(&h, KS_SMC_DIAG, &t),
	       "the smc_diag module is not loaded (try: modprobe smc_diag)", "module: smc_diag");
	is_str(line_of(&h, KS_IPPROTO_SMC, &t), "SMC module not loaded (try: modprobe smc)",
	       "module: IPPROTO_SMC on 6.12 only needs the module");
}

static void test_builtin(void)
{
	struct ks_host h;
	struct ks_text t;

	probe(&h, "builtin", "6.12.0-test");
	ok(h.config == KS_CONFIG_PROC && h.sym[KS_SYM_SMC] == KS_CFG_BUILTIN,
	   "built in: /proc/config.gz decompressed and read");
	ok(ks_verdict(&h, KS_SMC) == KS_BUILT_IN && ks_verdict(&h, KS_SMC_DIAG) == KS_BUILT_IN,
	   "built in");
	is_str(line_of(&h, KS_SMC, &t),
	       "SMC is built into this kernel (CONFIG_SMC=y in /proc/config.gz), but does not answer",
	       "built in: no modprobe to suggest");
	ok(!t.fix[0], "built in: no fix");
}

static void test_not_built(void)
{
	struct ks_host h;
	struct ks_text t;

	probe(&h, "notbuilt", "6.12.0-test");
	ok(h.sym[KS_SYM_SMC] == KS_CFG_NOT_SET && ks_verdict(&h, KS_SMC) == KS_NOT_BUILT,
	   "\"# CONFIG_SMC is not set\": not built");
	is_str(line_of(&h, KS_SMC, &t), "this kernel was built without SMC (CONFIG_SMC is not "
	       "set in /boot/config-6.12.0-test); boot a kernel built with CONFIG_SMC",
	       "not built: says so, names the file");
	ok(!t.fix_is_command && !strstr(t.line, "modprobe"), "not built: never modprobe");
	ok(ks_verdict(&h, KS_SMC_DIAG) == KS_NOT_BUILT, "not built: smc_diag neither");
	is_str(line_of(&h, KS_SMC_DIAG, &t), "this kernel was built without SMC (CONFIG_SMC is "
	       "not set in /boot/config-6.12.0-test); boot a kernel built with CONFIG_SMC",
	       "not built: smc_diag is missing because SMC is");
	is_str(line_of(&h, KS_IPPROTO_SMC, &t), "this kernel was built without SMC (CONFIG_SMC "
	       "is not set in /boot/config-6.12.0-test); boot a kernel built with CONFIG_SMC",
	       "not built: so no IPPROTO_SMC either");
}

static void test_unknown(void)
{
	struct ks_host h;
	struct ks_text t;

	probe(&h, "unknown", "6.12.0-test");
	ok(!h.config && !h.builtin_read && !h.dep_read, "unknown: nothing to read");
	ok(ks_verdict(&h, KS_SMC) == KS_UNKNOWN && ks_verdict(&h, KS_SMC_DIAG) == KS_UNKNOWN,
	   "no evidence: unknown");
	is_str(line_of(&h, KS_SMC, &t), "SMC module not loaded, or this kernel was built without "
	       "SMC (no kernel configuration or module list here tells which) (try: modprobe "
	       "smc; if that fails, boot a kernel built with CONFIG_SMC)",
	       "unknown: both possibilities in one line");
	is_str(line_of(&h, KS_SMC_DIAG, &t), "the smc_diag module is not loaded, or this kernel "
	       "was built without SMC socket diagnostics (no kernel configuration or module "
	       "list here tells which) (try: modprobe smc_diag; if that fails, boot a kernel "
	       "built with CONFIG_SMC_DIAG)", "unknown: smc_diag too");
}

static void test_dibs(void)
{
	char smc_line[sizeof(((struct ks_text *)0)->line)];
	struct ks_host h;
	struct ks_text t;

	/* Debian's 7.x: "# CONFIG_DIBS is not set", and so no CONFIG_SMC line at all */
	probe(&h, "dibs", "7.3.4+deb13-amd64");
	ok(h.sym[KS_SYM_SMC] == KS_CFG_ABSENT && h.sym[KS_SYM_DIBS] == KS_CFG_NOT_SET &&
	   h.sym[KS_SYM_INFINIBAND] == KS_CFG_MODULE, "7.x: the configuration as Debian has it");
	ok(ks_verdict(&h, KS_SMC) == KS_NOT_BUILT, "7.x without DIBS: not built");
	is_str(line_of(&h, KS_SMC, &t), "this kernel was built without SMC (CONFIG_SMC is not "
	       "set in /boot/config-7.3.4+deb13-amd64; it needs CONFIG_DIBS, which is not set "
	       "either); boot a kernel built with CONFIG_SMC and CONFIG_DIBS",
	       "7.x without DIBS: names what SMC needs");
	snprintf(smc_line, sizeof(smc_line), "%s", t.line);
	is_str(line_of(&h, KS_IPPROTO_SMC, &t), smc_line, "7.x: IPPROTO_SMC missing for the same "
	       "reason");
	ok(!strstr(t.line, "6.11"), "7.x: no \"needs Linux 6.11\"");

	/* the build machine: 6.18 without modules, InfiniBand or DIBS */
	probe(&h, "nomodules", "6.18.44-fc-v669");
	ok(ks_verdict(&h, KS_SMC) == KS_NOT_BUILT && ks_verdict(&h, KS_IPPROTO_SMC) == KS_NOT_BUILT,
	   "6.18 without SMC: not built, IPPROTO_SMC not \"too old\"");
	is_str(line_of(&h, KS_IPPROTO_SMC, &t), "this kernel was built without SMC (CONFIG_SMC is "
	       "not set in /proc/config.gz; it needs CONFIG_INFINIBAND and CONFIG_DIBS, which are "
	       "not set either); boot a kernel built with CONFIG_SMC, CONFIG_INFINIBAND and "
	       "CONFIG_DIBS", "6.18 without SMC: the reason, not a release");
	/* "# CONFIG_SMC is not set" means it could be chosen: then nothing else was missing */
	probe(&h, "notbuilt", "6.12.0-test");
	ok(!strstr(line_of(&h, KS_SMC, &t), "needs"), "offered and declined: no prerequisites");
}

static void test_lists(void)
{
	struct ks_host h;
	struct ks_text t;

	probe(&h, "lists", "6.12.0-test");
	ok(!h.config && h.dep_read && h.dep[KS_MOD_SMC] && !h.dep[KS_MOD_SMC_DIAG],
	   "lists: no configuration, smc.ko.zst in modules.dep");
	ok(ks_verdict(&h, KS_SMC) == KS_MODULE, "lists: smc installed");
	ok(ks_verdict(&h, KS_SMC_DIAG) == KS_NOT_BUILT, "lists: smc_diag nowhere");
	is_str(line_of(&h, KS_SMC_DIAG, &t), "this kernel was built without SMC socket diagnostics "
	       "(smc_diag.ko is in neither modules.builtin nor modules.dep of "
	       "/lib/modules/6.12.0-test); boot a kernel built with CONFIG_SMC_DIAG",
	       "lists: the module lists named");

	probe(&h, "nodiag", "6.12.0-test");
	ok(ks_verdict(&h, KS_SMC) == KS_MODULE && ks_verdict(&h, KS_SMC_DIAG) == KS_NOT_BUILT,
	   "SMC without smc_diag");
	is_str(line_of(&h, KS_SMC_DIAG, &t), "this kernel was built without SMC socket diagnostics "
	       "(CONFIG_SMC_DIAG is not set in /boot/config-6.12.0-test); boot a kernel built "
	       "with CONFIG_SMC_DIAG", "SMC without smc_diag: CONFIG_SMC_DIAG named");
}

static void test_missing_loaded_old(void)
{
	struct ks_host h;
	struct ks_text t;

	probe(&h, "missing", "6.12.0-test");
	ok(ks_verdict(&h, KS_SMC) == KS_MODULE_MISSING, "=m but not in modules.dep: missing");
	is_str(line_of(&h, KS_SMC, &t), "this kernel has SMC as a module (CONFIG_SMC=m in "
	       "/boot/config-6.12.0-test), but smc.ko is not installed (not in "
	       "/lib/modules/6.12.0-test/modules.dep); install the modules of kernel "
	       "6.12.0-test, then modprobe smc", "missing: install, then modprobe");
	ok(ks_verdict(&h, KS_SMC_DIAG) == KS_MODULE_MISSING, "missing: smc_diag for want of smc");

	probe(&h, "loaded", "6.12.0-test");
	ok(h.loaded[KS_MOD_SMC] && ks_verdict(&h, KS_SMC) == KS_LOADED, "in /sys/module: loaded");
	is_str(line_of(&h, KS_IPPROTO_SMC, &t), "this kernel has SMC, but refuses IPPROTO_SMC "
	       "(which Linux 6.11 and later offer); use AF_SMC sockets (smc_run -f smc)",
	       "loaded, release not older: no \"needs Linux 6.11\"");

	probe(&h, "old", "6.1.0-28-amd64");
	ok(ks_verdict(&h, KS_SMC) == KS_MODULE && ks_verdict(&h, KS_IPPROTO_SMC) == KS_TOO_OLD,
	   "6.1: SMC installed, IPPROTO_SMC too new for it");
	is_str(line_of(&h, KS_IPPROTO_SMC, &t), "IPPROTO_SMC needs Linux 6.11 or later, this is "
	       "6.1.0-28-amd64; use AF_SMC sockets (smc_run -f smc), or boot Linux 6.11 or later",
	       "6.1: \"needs Linux 6.11\" where it is true");
	probe(&h, "old", "6.11.0-1-amd64");
	ok(ks_verdict(&h, KS_IPPROTO_SMC) == KS_UNKNOWN, "6.11 is not too old (and no files for "
	   "that release here)");

	probe(&h, "truncated", "6.12.0-test");
	ok(h.config == KS_CONFIG_BOOT && ks_verdict(&h, KS_SMC) == KS_MODULE,
	   "a truncated /proc/config.gz is no evidence (its \"not set\" line is not taken); "
	   "/boot's is read");
}

/* Write @len bytes of @data to @dir/@name (directories made); 0 or -1 */
static int put(const char *dir, const char *name, const void *data, size_t len)
{
	char path[PATH_MAX + 128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	f = fopen(path, "w");
	if (!f)
		return -1;
	if (fwrite(data, 1, len, f) != len) {
		fclose(f);
		return -1;
	}
	return fclose(f) ? -1 : 0;
}

/* Files as no real host has them: what a careless reader would take wrongly */
static void test_hostile(void)
{
	char dir[] = "/tmp/ks-test-XXXXXX", path[PATH_MAX];
	size_t long_len = 200000, n = 0;
	char *text = malloc(long_len + 256);
	struct ks_host h;
	gzFile z;

	if (!text || !mkdtemp(dir)) {
		ok(0, "temporary directory");
		free(text);
		return;
	}
	/* a 200 KB comment line ending in "CONFIG_SMC=y" (a 256-byte fgets() would see an
	 * assignment in its last piece), a line with a NUL before an assignment, "=y\r", then
	 * the real value
	 */
	n += (size_t)sprintf(text + n, "CONFIG_MODULES=y\n#");
	memset(text + n, 'x', long_len);
	n += long_len;
	n += (size_t)sprintf(text + n, "CONFIG_SMC=y\njunk");
	text[n++] = '\0';
	n += (size_t)sprintf(text + n, "CONFIG_SMC_DIAG=y\nCONFIG_INFINIBAND=y\r\nCONFIG_SMC=m");
	put(dir, "boot/config-6.12.0-test", text, n);
	ks_probe(&h, dir, "6.12.0-test");
	ok(h.config == KS_CONFIG_BOOT && h.sym[KS_SYM_SMC] == KS_CFG_MODULE &&
	   h.sym[KS_SYM_SMC_DIAG] == KS_CFG_ABSENT && h.sym[KS_SYM_INFINIBAND] == KS_CFG_ABSENT,
	   "long lines are not cut, NULs and \\r are no line ends, the last line needs no "
	   "newline");

	/* modules.dep: a dependency named smc.ko is not the module itself; a long path is */
	n = (size_t)sprintf(text, "kernel/a.ko: kernel/net/smc/smc.ko\nkernel/");
	memset(text + n, 'd', 70000);
	n += 70000;
	n += (size_t)sprintf(text + n, "/smc-diag.ko.gz:\nsmc.ko.bz2:\n");
	put(dir, "lib/modules/6.12.0-test/modules.dep", text, n);
	put(dir, "lib/modules/6.12.0-test/modules.builtin", "", 0);
	ks_probe(&h, dir, "6.12.0-test");
	ok(h.dep_read && !h.dep[KS_MOD_SMC] && h.dep[KS_MOD_SMC_DIAG],
	   "modules.dep: only the module before the colon; smc-diag is smc_diag; .bz2 is no "
	   "module");
	free(text);

	/* an empty configuration would make everything "not set" */
	put(dir, "boot/config-6.12.0-test", "", 0);
	ks_probe(&h, dir, "6.12.0-test");
	ok(!h.config, "an empty configuration is no evidence");

	/* a FIFO (nobody writes it) must not hang the tool */
	snprintf(path, sizeof(path), "%s/boot/config-6.12.0-test", dir);
	unlink(path);
	ok(!mkfifo(path, 0600), "a FIFO at /boot/config-RELEASE");
	ks_probe(&h, dir, "6.12.0-test");
	ok(!h.config, "a FIFO is not read (no evidence, no hang)");
	unlink(path);

	/* a gzip bomb: beyond the limit, no evidence, however well it compresses */
	snprintf(path, sizeof(path), "%s/proc", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/proc/config.gz", dir);
	z = gzopen(path, "wb1");
	ok(z != NULL, "a gzip bomb");
	if (z) {
		static char chunk[1 << 20];

		memset(chunk, '#', sizeof(chunk));
		chunk[0] = '\n';
		gzputs(z, "CONFIG_SMC=y\n");
		for (int i = 0; i < 65; i++)
			gzwrite(z, chunk, sizeof(chunk));
		gzclose(z);
	}
	ks_probe(&h, dir, "6.12.0-test");
	ok(!h.config, "a /proc/config.gz of more than 64 MiB is no evidence");

	/* and one that is fine, to show the limit is what refused it */
	z = gzopen(path, "wb");
	if (z) {
		gzputs(z, "CONFIG_MODULES=y\nCONFIG_SMC=y\n");
		gzclose(z);
	}
	ks_probe(&h, dir, "6.12.0-test");
	ok(h.config == KS_CONFIG_PROC && h.sym[KS_SYM_SMC] == KS_CFG_BUILTIN,
	   "a small /proc/config.gz is read");
	/* a directory where a file should be */
	unlink(path);
	mkdir(path, 0755);
	ks_probe(&h, dir, "6.12.0-test");
	ok(!h.config, "a directory is no configuration");
	rmdir(path);

	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path)) {
		/* a leftover in /tmp is no test failure */
	}
}

/* A recording keeps the host's facts as bytes; a replay file is untrusted, so the
 * decoder must refuse what no encoder writes (a bool of 2, an enum out of range, an
 * unterminated or unprintable release) rather than make it a fact.
 */
static void test_fact_encoding(void)
{
	unsigned char buf[KS_HOST_FACT_LEN], bad[KS_HOST_FACT_LEN];
	struct ks_host h, back;
	size_t release_at = 6 + KS_NSYMBOLS + 3 * KS_NMODULES;

	probe(&h, "notbuilt", "6.18.44-fc-v669");
	ks_host_encode(&h, buf);
	ok(ks_host_decode(buf, &back) == 0, "fact: a probed host decodes");
	ok(back.probed && back.config == h.config && !strcmp(back.release, h.release) &&
	   back.rel.major == h.rel.major && ks_verdict(&back, KS_SMC) == ks_verdict(&h, KS_SMC),
	   "fact: the decoded host gives the same verdict");
	memcpy(bad, buf, sizeof(bad));
	bad[0] = KS_HOST_FACT_VERSION + 1;
	ok(ks_host_decode(bad, &back) == -EINVAL && !back.probed, "fact: another version is refused");
	memcpy(bad, buf, sizeof(bad));
	bad[1] = 2;
	ok(ks_host_decode(bad, &back) == -EINVAL, "fact: a bool of 2 is refused");
	memcpy(bad, buf, sizeof(bad));
	bad[6] = 9;
	ok(ks_host_decode(bad, &back) == -EINVAL, "fact: a tristate out of range is refused");
	memcpy(bad, buf, sizeof(bad));
	memset(bad + release_at, 'x', KS_RELEASE_MAX + 1);
	ok(ks_host_decode(bad, &back) == -EINVAL, "fact: an unterminated release is refused");
	memcpy(bad, buf, sizeof(bad));
	bad[release_at] = '\n';
	ok(ks_host_decode(bad, &back) == -EINVAL, "fact: an unprintable release is refused");
}

int main(int argc, char **argv)
{
	const char *here = __FILE__;
	const char *slash = strrchr(here, '/');

	if (argc > 1)
		snprintf(fixtures, sizeof(fixtures), "%s", argv[1]);
	else
		snprintf(fixtures, sizeof(fixtures), "%.*sfixtures/kernel_support",
			 slash ? (int)(slash - here + 1) : 0, here);
	if (access(fixtures, R_OK)) {
		printf("not ok 1 - fixtures at %s (run from the top of the tree)\n1..1\n", fixtures);
		return 1;
	}
	test_release();
	test_older_than();
	test_not_asked();
	test_module();
	test_builtin();
	test_not_built();
	test_unknown();
	test_dibs();
	test_lists();
	test_missing_loaded_old();
	test_hostile();
	test_fact_encoding();
	return tap_done();
}
