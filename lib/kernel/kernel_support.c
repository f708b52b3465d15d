// SPDX-License-Identifier: GPL-2.0
/* kernel_support.c - what the running kernel can do for SMC, from the host's files (see
 * kernel_support.h); nothing here prints
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <zlib.h>

#include "array.h"
#include "dynlib.h"
#include "kernel_support.h"

/*
 * The most any of the files may hold (decompressed). Real ones are far smaller (a
 * configuration is some 300 KB, modules.dep a few MB at most); the limit only keeps a
 * hostile or broken file - a gzip bomb in /boot, say - from eating the machine. A file
 * beyond it is no evidence.
 */
#define KS_FILE_MAX	(64u << 20)
#define KS_READ_CHUNK	(64u << 10)

static const char *const sym_names[KS_NSYMBOLS] = {
	[KS_SYM_SMC] = "SMC", [KS_SYM_SMC_DIAG] = "SMC_DIAG",
	[KS_SYM_INFINIBAND] = "INFINIBAND", [KS_SYM_DIBS] = "DIBS",
};

static const char *const module_names[KS_NMODULES] = {
	[KS_MOD_SMC] = "smc", [KS_MOD_SMC_DIAG] = "smc_diag",
};

/* ---- releases ---------------------------------------------------------------------- */

/* One number of a release at *@p: digits, no leading zero; *@p moves past it. */
static int release_number(const char **p, unsigned int *v)
{
	const char *s = *p;
	unsigned int n = 0;
	size_t len = 0;

	/* six digits are more than any release has, and keep @n far from overflowing */
	while (s[len] >= '0' && s[len] <= '9') {
		if (len == 6)
			return -EINVAL;
		n = n * 10 + (unsigned int)(s[len] - '0');
		len++;
	}
	if (!len || (len > 1 && s[0] == '0'))
		return -EINVAL;
	*v = n;
	*p = s + len;
	return 0;
}

int ks_release_parse(const char *text, struct ks_release *r)
{
	const char *p = text;

	*r = (struct ks_release){ 0 };
	if (!text)
		return -EINVAL;
	/* uname never reports blanks or control characters: such a text is not a release */
	for (const char *c = text; *c; c++)
		if ((unsigned char)*c <= ' ' || (unsigned char)*c >= 0x7f)
			return -EINVAL;
	if (release_number(&p, &r->major) || *p != '.')
		goto bad;
	p++;
	if (release_number(&p, &r->minor))
		goto bad;
	/* "6.18." or "6.18.x": a third number was begun and is not there */
	if (*p == '.') {
		p++;
		if (release_number(&p, &r->patch))
			goto bad;
	}
	/* the suffix ("-28-amd64", "+deb13-amd64", ".1" of 2.6.32.1) is free-form */
	return 0;
bad:
	*r = (struct ks_release){ 0 };
	return -EINVAL;
}

int ks_release_cmp(const struct ks_release *a, const struct ks_release *b)
{
	if (a->major != b->major)
		return a->major < b->major ? -1 : 1;
	if (a->minor != b->minor)
		return a->minor < b->minor ? -1 : 1;
	if (a->patch != b->patch)
		return a->patch < b->patch ? -1 : 1;
	return 0;
}

int ks_older_than(const struct ks_host *h, const char *since)
{
	struct ks_release want;

	if (!h->probed || !h->release_ok || ks_release_parse(since, &want))
		return -1;
	return ks_release_cmp(&h->rel, &want) < 0;
}

/* Can @release name files (/boot/config-RELEASE, /lib/modules/RELEASE)? */
static bool release_names_files(const char *release)
{
	size_t len = strlen(release);

	if (!len || len > KS_RELEASE_MAX || !strcmp(release, ".") || !strcmp(release, ".."))
		return false;
	for (const char *c = release; *c; c++)
		if ((unsigned char)*c <= ' ' || (unsigned char)*c >= 0x7f || *c == '/')
			return false;
	return true;
}

/* ---- reading the files ------------------------------------------------------------- */

/* A regular file only: a FIFO or a device would block or never end. Return: fd or -errno */
static int open_regular(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return -EINVAL;
	}
	return fd;
}

/*
 * zlib is opened when a compressed file is read (dynlib.h): that is /proc/config.gz or a
 * compressed module list, read only to explain why SMC is missing, while every run would
 * pay for mapping a linked library. The soname is that of the ABI zlib.h describes.
 */
#define ZLIB_SONAME "libz.so.1"

struct zlib_api {
	void		*lib;
	gzFile		(*dopen)(int fd, const char *mode);
	int		(*read)(gzFile z, voidp buf, unsigned int len);
	const char	*(*error)(gzFile z, int *errnum);
	int		(*close_r)(gzFile z);
};

/* Return: 0 (dlclose(@api->lib) when done); -ELIBACC if zlib is not installed or lacks
 * a function we call.
 */
static int zlib_api_load(struct zlib_api *api)
{
	const struct dynlib_sym syms[] = {
		{ "gzdopen", &api->dopen }, { "gzread", &api->read },
		{ "gzerror", &api->error }, { "gzclose_r", &api->close_r },
	};

	api->lib = dynlib_open(ZLIB_SONAME, syms, ARRAY_LEN(syms));
	return api->lib ? 0 : -ELIBACC;
}

/*
 * The whole content of @path (decompressed if @gz) in *@buf (to free), *@len bytes; it may
 * hold any bytes, NULs included. A file that cannot be read to its end - an I/O error, a
 * corrupt or truncated gzip stream, more than KS_FILE_MAX bytes - is an error: what was
 * missing could have been the line that mattered.
 * Return: 0 or -errno.
 */
static int slurp(const char *path, bool gz, char **buf, size_t *len)
{
	struct zlib_api zlib;
	gzFile z = NULL;
	size_t cap = 0;
	char *b = NULL;
	int rc = 0, fd;

	*buf = NULL;
	*len = 0;
	if (gz) {
		rc = zlib_api_load(&zlib);
		if (rc)
			return rc;
	}
	fd = open_regular(path);
	if (fd < 0) {
		if (gz)
			dlclose(zlib.lib);
		return fd;
	}
	if (gz) {
		z = zlib.dopen(fd, "rb");
		if (!z) {
			close(fd);
			dlclose(zlib.lib);
			return -ENOMEM;
		}
	}
	for (;;) {
		long n;

		if (cap - *len < KS_READ_CHUNK) {
			/* doubling: a big file costs few copies (ASan's realloc always copies) */
			size_t ncap = cap ? cap * 2 : KS_READ_CHUNK;
			char *nb;

			if (cap >= KS_FILE_MAX) {
				rc = -EFBIG;
				break;
			}
			nb = realloc(b, ncap);
			if (!nb) {
				rc = -ENOMEM;
				break;
			}
			b = nb;
			cap = ncap;
		}
		if (gz)
			n = zlib.read(z, b + *len, KS_READ_CHUNK);
		else
			n = read(fd, b + *len, KS_READ_CHUNK);
		if (n < 0 && !gz && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -EIO;
			break;
		}
		if (n == 0)
			break;
		*len += (size_t)n;
	}
	if (gz) {
		int zerr;

		/* a truncated stream ends like a complete one, but leaves Z_BUF_ERROR */
		zlib.error(z, &zerr);
		if (!rc && zerr != Z_OK)
			rc = -EIO;
		if (zlib.close_r(z) != Z_OK && !rc)
			rc = -EIO;
		dlclose(zlib.lib);
	} else {
		close(fd);
	}
	if (rc) {
		free(b);
		*len = 0;
		return rc;
	}
	*buf = b;
	return 0;
}

/* @fn for each line of @buf (the last one may lack its newline); lines have no limit */
static void each_line(const char *buf, size_t len,
		      void (*fn)(const char *s, size_t n, void *arg), void *arg)
{
	while (len) {
		const char *nl = memchr(buf, '\n', len);
		size_t n = nl ? (size_t)(nl - buf) : len;

		fn(buf, n, arg);
		if (!nl)
			break;
		buf += n + 1;
		len -= n + 1;
	}
}

static bool starts_with(const char *s, size_t n, const char *prefix)
{
	size_t len = strlen(prefix);

	return n >= len && !memcmp(s, prefix, len);
}

/* ---- the kernel configuration ------------------------------------------------------ */

struct config_parse {
	enum ks_tristate	sym[KS_NSYMBOLS];
	size_t			assignments;	/* CONFIG_X=... lines: is this a configuration? */
};

static void config_set(struct config_parse *c, const char *name, size_t len,
		       enum ks_tristate v)
{
	for (int i = 0; i < KS_NSYMBOLS; i++)
		if (strlen(sym_names[i]) == len && !memcmp(name, sym_names[i], len))
			c->sym[i] = v;	/* as Kconfig reads it, a later line wins */
}

/* "CONFIG_X=y", "CONFIG_X=m", "# CONFIG_X is not set"; anything else is not ours */
static void config_line(const char *s, size_t n, void *arg)
{
	static const char tail[] = " is not set";
	const size_t tlen = sizeof(tail) - 1;
	struct config_parse *c = arg;
	const char *eq;

	if (starts_with(s, n, "# CONFIG_")) {
		if (n > 9 + tlen && !memcmp(s + n - tlen, tail, tlen))
			config_set(c, s + 9, n - 9 - tlen, KS_CFG_NOT_SET);
		return;
	}
	if (!starts_with(s, n, "CONFIG_"))
		return;
	eq = memchr(s, '=', n);
	if (!eq)
		return;
	c->assignments++;
	/* only the whole value: "y\r" or "yes" is not y */
	if (s + n - eq != 2)
		return;
	if (eq[1] == 'y')
		config_set(c, s + 7, (size_t)(eq - s - 7), KS_CFG_BUILTIN);
	else if (eq[1] == 'm')
		config_set(c, s + 7, (size_t)(eq - s - 7), KS_CFG_MODULE);
	else if (eq[1] == 'n')
		config_set(c, s + 7, (size_t)(eq - s - 7), KS_CFG_NOT_SET);
}

/* Read a configuration file into @h; false (and @h untouched) if it is none. */
static bool read_config(struct ks_host *h, const char *path, bool gz)
{
	struct config_parse c = { 0 };
	size_t len;
	char *buf;

	if (!path || slurp(path, gz, &buf, &len))
		return false;
	each_line(buf, len, config_line, &c);
	free(buf);
	/* an empty or foreign file would make every symbol look "not set" */
	if (!c.assignments)
		return false;
	memcpy(h->sym, c.sym, sizeof(h->sym));
	return true;
}

/* ---- the module lists -------------------------------------------------------------- */

/* Module names treat '-' and '_' alike, as the kernel and modprobe do */
static bool same_module(const char *s, size_t n, const char *name)
{
	if (strlen(name) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((s[i] == '-' ? '_' : s[i]) != name[i])
			return false;
	return true;
}

/* The module a path such as "kernel/net/smc/smc.ko.xz" names, or -1 */
static int module_of_path(const char *s, size_t n)
{
	static const char *const compressed[] = { ".xz", ".gz", ".zst" };
	const char *base = s;
	size_t len;

	for (size_t i = 0; i < n; i++)
		if (s[i] == '/')
			base = s + i + 1;
	len = n - (size_t)(base - s);
	for (size_t i = 0; i < sizeof(compressed) / sizeof(compressed[0]); i++) {
		size_t cl = strlen(compressed[i]);

		if (len > cl && !memcmp(base + len - cl, compressed[i], cl)) {
			len -= cl;
			break;
		}
	}
	if (len <= 3 || memcmp(base + len - 3, ".ko", 3))
		return -1;
	for (int m = 0; m < KS_NMODULES; m++)
		if (same_module(base, len - 3, module_names[m]))
			return m;
	return -1;
}

/* modules.builtin: one path per line */
static void builtin_line(const char *s, size_t n, void *arg)
{
	bool *found = arg;
	int m = module_of_path(s, n);

	if (m >= 0)
		found[m] = true;
}

/* modules.dep: "path: the paths it depends on"; only the module itself counts */
static void dep_line(const char *s, size_t n, void *arg)
{
	const char *colon = memchr(s, ':', n);
	bool *found = arg;
	int m;

	if (!colon)
		return;
	m = module_of_path(s, (size_t)(colon - s));
	if (m >= 0)
		found[m] = true;
}

static bool read_list(const char *path, void (*fn)(const char *, size_t, void *),
		      bool found[KS_NMODULES])
{
	size_t len;
	char *buf;

	if (!path || slurp(path, false, &buf, &len))
		return false;
	each_line(buf, len, fn, found);
	free(buf);
	return true;
}

/* @root, then the parts: a path to free, or NULL without memory (then it is no evidence) */
static char *host_path(const char *root, const char *a, const char *b, const char *c)
{
	char *path;

	return asprintf(&path, "%s%s%s%s", root, a, b, c) < 0 ? NULL : path;
}

void ks_host_encode(const struct ks_host *h, unsigned char buf[KS_HOST_FACT_LEN])
{
	unsigned char *p = buf;
	const uint32_t nums[3] = { h->rel.major, h->rel.minor, h->rel.patch };

	memset(buf, 0, KS_HOST_FACT_LEN);
	*p++ = KS_HOST_FACT_VERSION;
	*p++ = h->probed;
	*p++ = h->release_ok;
	*p++ = (unsigned char)h->config;
	*p++ = h->builtin_read;
	*p++ = h->dep_read;
	for (int i = 0; i < KS_NSYMBOLS; i++)
		*p++ = (unsigned char)h->sym[i];
	for (int i = 0; i < KS_NMODULES; i++) {
		*p++ = h->builtin[i];
		*p++ = h->dep[i];
		*p++ = h->loaded[i];
	}
	memcpy(p, h->release, strnlen(h->release, KS_RELEASE_MAX));
	p += KS_RELEASE_MAX + 1;
	memcpy(p, nums, sizeof(nums));
}

/* One byte that must be 0 or 1: a bool read from a file is checked before it is one. */
static int get_flag(const unsigned char **p, bool *out)
{
	unsigned char v = *(*p)++;

	if (v > 1)
		return -EINVAL;
	*out = v;
	return 0;
}

int ks_host_decode(const unsigned char buf[KS_HOST_FACT_LEN], struct ks_host *h)
{
	const unsigned char *p = buf + 1;
	const unsigned char *release = buf + 6 + KS_NSYMBOLS + 3 * KS_NMODULES;
	uint32_t nums[3];
	int rc = 0;

	memset(h, 0, sizeof(*h));
	if (buf[0] != KS_HOST_FACT_VERSION)
		return -EINVAL;
	rc |= get_flag(&p, &h->probed);
	rc |= get_flag(&p, &h->release_ok);
	if (*p > KS_CONFIG_BOOT)
		rc = -EINVAL;
	h->config = (enum ks_config_src)*p++;
	rc |= get_flag(&p, &h->builtin_read);
	rc |= get_flag(&p, &h->dep_read);
	for (int i = 0; i < KS_NSYMBOLS; i++, p++) {
		if (*p > KS_CFG_BUILTIN)
			rc = -EINVAL;
		h->sym[i] = (enum ks_tristate)*p;
	}
	for (int i = 0; i < KS_NMODULES; i++) {
		rc |= get_flag(&p, &h->builtin[i]);
		rc |= get_flag(&p, &h->dep[i]);
		rc |= get_flag(&p, &h->loaded[i]);
	}
	/* the release names files and goes into messages: printable, terminated */
	if (release[KS_RELEASE_MAX] != '\0')
		rc = -EINVAL;
	for (const unsigned char *c = release; *c && !rc; c++)
		if (*c < 0x21 || *c > 0x7e || *c == '/')
			rc = -EINVAL;
	memcpy(h->release, release, KS_RELEASE_MAX + 1);
	memcpy(nums, release + KS_RELEASE_MAX + 1, sizeof(nums));
	h->rel.major = nums[0];
	h->rel.minor = nums[1];
	h->rel.patch = nums[2];
	if (rc)
		memset(h, 0, sizeof(*h));
	return rc ? -EINVAL : 0;
}

void ks_probe(struct ks_host *h, const char *root, const char *release)
{
	struct utsname u;
	char *path;

	memset(h, 0, sizeof(*h));
	h->probed = true;
	if (!root)
		root = "";
	if (!release)
		release = uname(&u) ? NULL : u.release;
	if (release) {
		h->release_ok = !ks_release_parse(release, &h->rel);
		if (release_names_files(release))
			snprintf(h->release, sizeof(h->release), "%s", release);
	}

	/* the running kernel's own configuration first; /boot may hold another build */
	path = host_path(root, "/proc/config.gz", "", "");
	if (read_config(h, path, true))
		h->config = KS_CONFIG_PROC;
	free(path);
	if (!h->config && h->release[0]) {
		path = host_path(root, "/boot/config-", h->release, "");
		if (read_config(h, path, false))
			h->config = KS_CONFIG_BOOT;
		free(path);
	}
	if (h->release[0]) {
		path = host_path(root, "/lib/modules/", h->release, "/modules.builtin");
		h->builtin_read = read_list(path, builtin_line, h->builtin);
		free(path);
		path = host_path(root, "/lib/modules/", h->release, "/modules.dep");
		h->dep_read = read_list(path, dep_line, h->dep);
		free(path);
	}
	for (int m = 0; m < KS_NMODULES; m++) {
		path = host_path(root, "/sys/module/", module_names[m], "");
		h->loaded[m] = path && !access(path, F_OK);
		free(path);
	}
}

/* ---- verdicts ---------------------------------------------------------------------- */

/* How module @m (configuration symbol @s) stands; *@by_config: the configuration said */
static enum ks_verdict module_verdict(const struct ks_host *h, enum ks_module m,
				      enum ks_symbol s, bool *by_config)
{
	bool config = h->config != KS_CONFIG_NONE;

	*by_config = false;
	if (!h->probed)
		return KS_NOT_ASKED;
	if (h->loaded[m])
		return KS_LOADED;
	if (config && h->sym[s] == KS_CFG_BUILTIN) {
		*by_config = true;
		return KS_BUILT_IN;
	}
	/* an installed module loads whatever the configuration says (one built out of tree) */
	if (h->dep_read && h->dep[m])
		return KS_MODULE;
	if (config) {
		*by_config = true;
		if (h->sym[s] == KS_CFG_MODULE)
			return h->dep_read ? KS_MODULE_MISSING : KS_MODULE;
		return KS_NOT_BUILT;
	}
	if (h->builtin_read && h->builtin[m])
		return KS_BUILT_IN;
	if (h->builtin_read && h->dep_read)
		return KS_NOT_BUILT;
	return KS_UNKNOWN;
}

/* smc_diag cannot be there without smc: the SMC verdict explains it when SMC is missing */
static bool diag_missing_with_smc(const struct ks_host *h)
{
	bool by_config;
	enum ks_verdict v = module_verdict(h, KS_MOD_SMC, KS_SYM_SMC, &by_config);

	return v == KS_NOT_BUILT || v == KS_MODULE_MISSING;
}

enum ks_verdict ks_verdict(const struct ks_host *h, enum ks_feature f)
{
	bool by_config;

	switch (f) {
	case KS_SMC_DIAG:
		if (diag_missing_with_smc(h))
			return module_verdict(h, KS_MOD_SMC, KS_SYM_SMC, &by_config);
		return module_verdict(h, KS_MOD_SMC_DIAG, KS_SYM_SMC_DIAG, &by_config);
	case KS_IPPROTO_SMC:
		if (h->probed && ks_older_than(h, KS_IPPROTO_SMC_SINCE) == 1)
			return KS_TOO_OLD;
		return module_verdict(h, KS_MOD_SMC, KS_SYM_SMC, &by_config);
	case KS_SMC:
		break;
	}
	return module_verdict(h, KS_MOD_SMC, KS_SYM_SMC, &by_config);
}

/* ---- texts ------------------------------------------------------------------------- */

/* The words for one module */
struct module_words {
	enum ks_module	m;
	enum ks_symbol	s;
	const char	*not_loaded;	/* the tools' long-standing words */
	const char	*subject;	/* what is built in, or a module */
	const char	*what;		/* what a kernel built without it lacks */
	const char	*modprobe;
};

static const struct module_words smc_words = {
	KS_MOD_SMC, KS_SYM_SMC, "SMC module not loaded", "SMC", "SMC", "modprobe smc",
};
static const struct module_words diag_words = {
	KS_MOD_SMC_DIAG, KS_SYM_SMC_DIAG, "the smc_diag module is not loaded", "smc_diag",
	"SMC socket diagnostics", "modprobe smc_diag",
};

static const char *config_file(const struct ks_host *h, char *buf, size_t len)
{
	if (h->config == KS_CONFIG_PROC)
		return "/proc/config.gz";
	snprintf(buf, len, "/boot/config-%s", h->release);
	return buf;
}

/*
 * What SMC needs that the configuration declined: only when CONFIG_SMC has no line at all
 * (it could not be chosen), and only the prerequisites the file shows as offered and
 * "not set". CONFIG_DIBS has a line only in kernels that have the DIBS layer, and SMC
 * depends on it in every one of them: the file tells, not the version number.
 * Return: how many were named into @buf ("CONFIG_INFINIBAND and CONFIG_DIBS").
 */
static int smc_prerequisites(const struct ks_host *h, char *buf, size_t len)
{
	static const enum ks_symbol needs[] = { KS_SYM_INFINIBAND, KS_SYM_DIBS };
	int n = 0;

	buf[0] = '\0';
	if (h->sym[KS_SYM_SMC] != KS_CFG_ABSENT)
		return 0;
	for (size_t i = 0; i < sizeof(needs) / sizeof(needs[0]); i++) {
		size_t used = strlen(buf);

		if (h->sym[needs[i]] != KS_CFG_NOT_SET)
			continue;
		snprintf(buf + used, len - used, "%sCONFIG_%s", n ? " and " : "",
			 sym_names[needs[i]]);
		n++;
	}
	return n;
}

static void explain_module(const struct ks_host *h, const struct module_words *w,
			   struct ks_text *t)
{
	const char *sym = sym_names[w->s], *mod = module_names[w->m];
	char file[sizeof("/boot/config-") + KS_RELEASE_MAX], needs[64] = "";
	bool by_config;
	int nneeds;

	switch (module_verdict(h, w->m, w->s, &by_config)) {
	case KS_NOT_ASKED:
	case KS_MODULE:
		snprintf(t->text, sizeof(t->text), "%s", w->not_loaded);
		snprintf(t->fix, sizeof(t->fix), "%s", w->modprobe);
		t->fix_is_command = true;
		break;
	case KS_LOADED:
		snprintf(t->text, sizeof(t->text), "the %s module is loaded, but does not answer",
			 mod);
		break;
	case KS_BUILT_IN:
		if (by_config)
			snprintf(t->text, sizeof(t->text), "%s is built into this kernel (CONFIG_%s=y "
				 "in %s), but does not answer", w->subject, sym,
				 config_file(h, file, sizeof(file)));
		else
			snprintf(t->text, sizeof(t->text), "%s is built into this kernel (%s.ko in "
				 "/lib/modules/%s/modules.builtin), but does not answer", w->subject,
				 mod, h->release);
		break;
	case KS_MODULE_MISSING:
		snprintf(t->text, sizeof(t->text), "this kernel has %s as a module (CONFIG_%s=m in "
			 "%s), but %s.ko is not installed (not in /lib/modules/%s/modules.dep)",
			 w->subject, sym, config_file(h, file, sizeof(file)), mod, h->release);
		snprintf(t->fix, sizeof(t->fix), "install the modules of kernel %s, then %s",
			 h->release, w->modprobe);
		break;
	case KS_NOT_BUILT:
		if (!by_config) {
			snprintf(t->text, sizeof(t->text), "this kernel was built without %s (%s.ko "
				 "is in neither modules.builtin nor modules.dep of /lib/modules/%s)",
				 w->what, mod, h->release);
			snprintf(t->fix, sizeof(t->fix), "boot a kernel built with CONFIG_%s", sym);
			break;
		}
		nneeds = w->s == KS_SYM_SMC ? smc_prerequisites(h, needs, sizeof(needs)) : 0;
		snprintf(t->text, sizeof(t->text), "this kernel was built without %s (CONFIG_%s is "
			 "not set in %s%s%s%s)", w->what, sym, config_file(h, file, sizeof(file)),
			 nneeds ? "; it needs " : "", needs,
			 nneeds ? (nneeds > 1 ? ", which are not set either" :
					       ", which is not set either") : "");
		snprintf(t->fix, sizeof(t->fix), "boot a kernel built with CONFIG_%s%s%s", sym,
			 nneeds ? (nneeds > 1 ? ", " : " and ") : "", needs);
		break;
	case KS_TOO_OLD:	/* (never a module's verdict) */
	case KS_UNKNOWN:
		snprintf(t->text, sizeof(t->text), "%s, or this kernel was built without %s (no "
			 "kernel configuration or module list here tells which)", w->not_loaded,
			 w->what);
		snprintf(t->fix, sizeof(t->fix), "%s; if that fails, boot a kernel built with "
			 "CONFIG_%s", w->modprobe, sym);
		t->fix_is_command = true;
		break;
	}
}

static void explain_ipproto(const struct ks_host *h, struct ks_text *t)
{
	switch (ks_verdict(h, KS_IPPROTO_SMC)) {
	case KS_TOO_OLD:
		snprintf(t->text, sizeof(t->text), "IPPROTO_SMC needs Linux %s or later, this is "
			 "%s", KS_IPPROTO_SMC_SINCE, h->release[0] ? h->release : "older");
		snprintf(t->fix, sizeof(t->fix), "use AF_SMC sockets (smc_run -f smc), or boot "
			 "Linux %s or later", KS_IPPROTO_SMC_SINCE);
		break;
	case KS_LOADED:
	case KS_BUILT_IN:
		/* SMC is there, and the release is not known to be too old: no version claim */
		snprintf(t->text, sizeof(t->text), "this kernel has SMC, but refuses IPPROTO_SMC "
			 "(which Linux %s and later offer)", KS_IPPROTO_SMC_SINCE);
		snprintf(t->fix, sizeof(t->fix), "use AF_SMC sockets (smc_run -f smc)");
		break;
	default:
		/* IPPROTO_SMC is a way into the SMC module: its absence is the reason */
		explain_module(h, &smc_words, t);
		break;
	}
}

void ks_explain(const struct ks_host *h, enum ks_feature f, struct ks_text *t)
{
	memset(t, 0, sizeof(*t));
	switch (f) {
	case KS_SMC:
		explain_module(h, &smc_words, t);
		break;
	case KS_SMC_DIAG:
		explain_module(h, diag_missing_with_smc(h) ? &smc_words : &diag_words, t);
		break;
	case KS_IPPROTO_SMC:
		explain_ipproto(h, t);
		break;
	}
	if (!t->fix[0])
		snprintf(t->line, sizeof(t->line), "%s", t->text);
	else if (t->fix_is_command)
		snprintf(t->line, sizeof(t->line), "%s (try: %s)", t->text, t->fix);
	else
		snprintf(t->line, sizeof(t->line), "%s; %s", t->text, t->fix);
}
