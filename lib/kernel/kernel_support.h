/* SPDX-License-Identifier: GPL-2.0 */
/* kernel_support.h - what the running kernel can do for SMC, told from the host's files
 *
 * When the SMC module does not answer, "modprobe smc" is only the right advice if there
 * is a module to load. This reads what the host says about its kernel - the
 * configuration (/proc/config.gz, /boot/config-RELEASE) and the module lists
 * (/lib/modules/RELEASE/modules.builtin, modules.dep) - and tells apart a module that is
 * not loaded, a kernel built without SMC, a kernel too old for a feature, and a host that
 * does not say. Nothing here prints: answers are values and message texts for the tools.
 *
 * The files are the host's, not the kernel's replies: a replay of a recorded kernel must
 * not read them (the tools then keep a zeroed, unprobed struct ks_host, whose answers are
 * the ones the tools always gave: the module is not loaded).
 */
#ifndef SMC_KERNEL_SUPPORT_H
#define SMC_KERNEL_SUPPORT_H

#include <stdbool.h>

/* The longest release uname() reports (struct utsname's release[65]) */
#define KS_RELEASE_MAX 64

/* The first release with socket(AF_INET[6], SOCK_STREAM, IPPROTO_SMC) */
#define KS_IPPROTO_SMC_SINCE "6.11"

/* A kernel release as numbers: major.minor.patch (patch 0 if the release has none) */
struct ks_release {
	unsigned int	major, minor, patch;
};

/**
 * ks_release_parse() - the numbers at the start of a release such as "6.18.44-fc-v669"
 *
 * Strict: MAJOR.MINOR[.PATCH], decimal without leading zeros (a lone 0 is fine), then
 * nothing or a suffix that does not start with a digit or '.' right after MINOR alone
 * ("6.18-rc1", "6.1.0-28-amd64", "2.6.32.1" are fine; "6", "6.", "6.x", " 6.1", "6.1.",
 * "06.1" are not). No blanks or control characters anywhere.
 * Return: 0, or -EINVAL (then @r is zeroed).
 */
int ks_release_parse(const char *text, struct ks_release *r);
/* <0, 0 or >0 as @a is older than, the same as or newer than @b */
int ks_release_cmp(const struct ks_release *a, const struct ks_release *b);

/* A tristate of the kernel configuration, as the configuration file has it */
enum ks_tristate {
	KS_CFG_ABSENT,		/* no line: its dependencies were not met, so it is off */
	KS_CFG_NOT_SET,		/* "# CONFIG_X is not set" (or =n) */
	KS_CFG_MODULE,		/* =m */
	KS_CFG_BUILTIN,		/* =y */
};

/* The configuration symbols read (without "CONFIG_") */
enum ks_symbol {
	KS_SYM_SMC,
	KS_SYM_SMC_DIAG,
	KS_SYM_INFINIBAND,	/* SMC has always depended on it */
	KS_SYM_DIBS,		/* SMC depends on it since the DIBS layer exists */
	KS_NSYMBOLS
};

/* The modules looked for in the module lists and /sys/module */
enum ks_module { KS_MOD_SMC, KS_MOD_SMC_DIAG, KS_NMODULES };

/* Where the configuration came from */
enum ks_config_src { KS_CONFIG_NONE, KS_CONFIG_PROC, KS_CONFIG_BOOT };

/* The facts of a host. Zeroed (probed false): nothing was consulted. */
struct ks_host {
	bool			probed;
	/* uname's release if it can name files ("" if not: unprintable, '/', too long) */
	char			release[KS_RELEASE_MAX + 1];
	bool			release_ok;	/* @rel holds it, parsed */
	struct ks_release	rel;
	enum ks_config_src	config;		/* KS_CONFIG_NONE: @sym means nothing */
	enum ks_tristate	sym[KS_NSYMBOLS];
	/* /lib/modules/RELEASE/modules.builtin and modules.dep, each read whole */
	bool			builtin_read, dep_read;
	bool			builtin[KS_NMODULES], dep[KS_NMODULES];
	bool			loaded[KS_NMODULES];	/* /sys/module/NAME exists */
};

/**
 * ks_probe() - gather the facts of a host
 * @root: the directory the host's files are under: "" (or NULL) for this host, a fixture
 *	  tree in the unit tests
 * @release: the kernel release; NULL for the running one (uname)
 *
 * Every file is optional, read with a size limit and judged as untrusted: one that
 * cannot be read whole (missing, not a regular file, too big, a corrupt or truncated
 * gzip stream) is no evidence at all, never half of it. Cannot fail.
 */
void ks_probe(struct ks_host *h, const char *root, const char *release);

/* What the host offers for a feature */
/*
 * A host's facts as bytes, for a recording (lib/transport/nltrace.h): a replay then explains a
 * missing module as the recorded host would have. Layout: a version byte, then one byte
 * each for probed, release_ok, config, builtin_read, dep_read, sym[], builtin[], dep[],
 * loaded[], then the release and its three numbers (u32 each, native order).
 */
#define KS_HOST_FACT_VERSION	1
#define KS_HOST_FACT_LEN	(1 + 5 + KS_NSYMBOLS + 3 * KS_NMODULES + KS_RELEASE_MAX + 1 + 12)
void ks_host_encode(const struct ks_host *h, unsigned char buf[KS_HOST_FACT_LEN]);
/* Return: 0, or -EINVAL (then @h is zeroed) if @buf is no valid encoding. */
int ks_host_decode(const unsigned char buf[KS_HOST_FACT_LEN], struct ks_host *h);

enum ks_feature {
	KS_SMC,			/* the SMC module: AF_SMC, SMC_GEN_NETLINK, SMC_PNETID */
	KS_SMC_DIAG,		/* smc_diag: listing SMC sockets */
	KS_IPPROTO_SMC,		/* socket(AF_INET[6], SOCK_STREAM, IPPROTO_SMC) */
};

enum ks_verdict {
	KS_NOT_ASKED,		/* the host was not probed (a replay) */
	KS_LOADED,		/* loaded now (in /sys/module) */
	KS_BUILT_IN,		/* built into the kernel */
	KS_MODULE,		/* an installed module: modprobe can load it */
	KS_MODULE_MISSING,	/* built as a module that is not installed */
	KS_NOT_BUILT,		/* the kernel was built without it */
	KS_TOO_OLD,		/* the release predates it */
	KS_UNKNOWN,		/* the host's files do not tell */
};

enum ks_verdict ks_verdict(const struct ks_host *h, enum ks_feature f);

/* Is the running release older than @since ("5.16")? 1 yes, 0 no, -1 unknown. */
int ks_older_than(const struct ks_host *h, const char *since);

/* What to tell the user: the one wording every tool uses */
struct ks_text {
	char	text[384];	/* what is missing and the evidence, without the fix */
	char	fix[192];	/* what to do; "" if there is nothing to suggest */
	bool	fix_is_command;	/* @fix is a command to try ("modprobe smc") */
	char	line[608];	/* both, as one error line has them */
};

/**
 * ks_explain() - why @f is unavailable on this host, and what to do
 *
 * For a feature the caller found missing (the kernel refused it). Unprobed, the answer is
 * the tools' long-standing one ("SMC module not loaded", try: modprobe smc), which is
 * also the answer for an installed module that is not loaded; a host whose files do not
 * tell gets both possibilities in one text.
 */
void ks_explain(const struct ks_host *h, enum ks_feature f, struct ks_text *t);

#endif
