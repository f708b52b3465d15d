// SPDX-License-Identifier: GPL-2.0
/* stats_baseline.c - the baseline file behind "smcr|smcd stats reset": its format, and
 * the private directory of the user that keeps it
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "netns.h"
#include "stats_baseline.h"

/*
 * The file: comment lines, "version=1", then key=value lines, one per counter, and one per
 * fallback reason slot ("fallback.client.0x03010000=3"). Names are the JSON names of
 * smcr-stats(8), prefixed by technology. Bump the version when the meaning of a line changes.
 */
#define BASELINE_VERSION 1
#define LINE_MAX_LEN 160

static void write_reasons(FILE *fp, const char *side_name, const struct smc_fback_side *side)
{
	for (unsigned int i = 0; i < side->n; i++)
		fprintf(fp, "fallback.%s.0x%08" PRIx32 "=%" PRIu32 "\n", side_name,
			side->reason[i].code, side->reason[i].count);
}

int smc_stats_baseline_write(FILE *fp, const struct smc_stats_baseline *b)
{
	struct smc_stats_counter tbl[SMC_STATS_NCOUNTERS];
	size_t n = smc_stats_counters(tbl);

	fprintf(fp, "# smc-utils statistics baseline: the kernel's SMC counters of one network\n"
		"# namespace when \"smcr/smcd stats reset\" ran. Remove the file to forget the reset.\n");
	fprintf(fp, "version=%d\n", BASELINE_VERSION);
	fprintf(fp, "time=%" PRId64 "\n", b->time);
	fprintf(fp, "boot_id=%s\n", b->boot_id);
	fprintf(fp, "netns_cookie=%" PRIu64 "\n", b->netns_cookie);
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "%s=%" PRIu64 "\n", tbl[i].key, smc_stats_counter_get(&b->snap, tbl[i].off));
	write_reasons(fp, "client", &b->snap.fb.client);
	write_reasons(fp, "server", &b->snap.fb.server);
	return ferror(fp) ? -EIO : 0;
}

/* A decimal number without sign, blanks or overflow */
static bool parse_dec(const char *s, uint64_t max, uint64_t *v)
{
	uint64_t x = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned int d = (unsigned int)(*s - '0');

		if (d > 9 || x > (max - d) / 10)
			return false;
		x = x * 10 + d;
	}
	*v = x;
	return true;
}

static bool valid_boot_id(const char *s)
{
	size_t len = strlen(s);

	return len == 0 || (len == SMC_STATS_BOOT_ID_LEN &&
			    strspn(s, "0123456789abcdef-") == len);
}

struct reader {
	struct smc_stats_baseline	*b;
	struct smc_stats_counter		tbl[SMC_STATS_NCOUNTERS];
	size_t				n;
	bool				seen[SMC_STATS_NCOUNTERS];
	unsigned int			meta_seen;	/* bits: time, boot_id, netns_cookie */
	struct smc_stats_file_err	*err;
};

static int bad(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad(struct reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->err->why, sizeof(r->err->why), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* "fallback.client.0x03010000=3" */
static int read_reason(struct reader *r, const char *key, const char *val)
{
	struct smc_fback_side *side;
	const char *code_text;
	uint64_t count;
	unsigned long code;

	if (!strncmp(key, "fallback.client.", 16)) {
		side = &r->b->snap.fb.client;
		code_text = key + 16;
	} else if (!strncmp(key, "fallback.server.", 16)) {
		side = &r->b->snap.fb.server;
		code_text = key + 16;
	} else {
		return bad(r, "unknown key \"%s\"", key);
	}
	if (strncmp(code_text, "0x", 2) || strlen(code_text) != 10 ||
	    strspn(code_text + 2, "0123456789abcdef") != 8)
		return bad(r, "bad reason code in \"%s\"", key);
	code = strtoul(code_text + 2, NULL, 16);
	if (!parse_dec(val, 0xffff, &count))
		return bad(r, "bad count for \"%s\" (0 to 65535)", key);
	if (smc_fback_find(side, (uint32_t)code))
		return bad(r, "\"%s\" appears twice", key);
	if (side->n == SMC_FBACK_MAX_REASONS)
		return bad(r, "more than %d reason codes", SMC_FBACK_MAX_REASONS);
	side->reason[side->n++] = (struct smc_fback_reason){ (uint32_t)code, (uint32_t)count };
	return 0;
}

static int read_pair(struct reader *r, const char *key, const char *val)
{
	static const char *const meta[] = { "time", "boot_id", "netns_cookie" };
	uint64_t v;

	for (unsigned int m = 0; m < ARRAY_LEN(meta); m++) {
		if (strcmp(key, meta[m]))
			continue;
		if (r->meta_seen & (1u << m))
			return bad(r, "\"%s\" appears twice", key);
		r->meta_seen |= 1u << m;
		if (m == 1) {
			if (!valid_boot_id(val))
				return bad(r, "bad value for \"%s\"", key);
			memcpy(r->b->boot_id, val, strlen(val) + 1);	/* checked: fits */
			return 0;
		}
		if (!parse_dec(val, m == 0 ? INT64_MAX : UINT64_MAX, &v))
			return bad(r, "bad value for \"%s\"", key);
		if (m == 0)
			r->b->time = (int64_t)v;
		else
			r->b->netns_cookie = v;
		return 0;
	}
	for (size_t i = 0; i < r->n; i++) {
		if (strcmp(key, r->tbl[i].key))
			continue;
		if (r->seen[i])
			return bad(r, "\"%s\" appears twice", key);
		if (!parse_dec(val, UINT64_MAX, &v))
			return bad(r, "bad value for \"%s\"", key);
		r->seen[i] = true;
		smc_stats_counter_set(&r->b->snap, r->tbl[i].off, v);
		return 0;
	}
	return read_reason(r, key, val);
}

/* Returns 0 at end of file, 1 with a line in @buf (newline removed), or -EINVAL/-EIO. */
static int next_line(FILE *fp, char *buf, size_t size, struct reader *r)
{
	size_t len;

	if (!fgets(buf, (int)size, fp))
		return ferror(fp) ? -EIO : 0;
	r->err->line++;
	len = strlen(buf);
	if (len && buf[len - 1] == '\n')
		buf[--len] = '\0';
	else if (!feof(fp))
		return bad(r, "line too long");
	if (strlen(buf) != len)
		return bad(r, "contains a NUL byte");
	return 1;
}

static int read_lines(FILE *fp, struct reader *r)
{
	char line[LINE_MAX_LEN + 2];
	bool version_seen = false;
	int rc;

	while ((rc = next_line(fp, line, sizeof(line), r)) == 1) {
		char *eq;

		if (!line[0] || line[0] == '#')
			continue;
		eq = strchr(line, '=');
		if (!eq || eq == line)
			return bad(r, "not a key=value line");
		*eq = '\0';
		if (!version_seen) {
			if (strcmp(line, "version"))
				return bad(r, "the first line is not \"version=%d\"",
					   BASELINE_VERSION);
			if (strcmp(eq + 1, "1"))
				return bad(r, "version %.20s is not supported (this reads version %d)",
					   eq + 1, BASELINE_VERSION);
			version_seen = true;
			continue;
		}
		rc = read_pair(r, line, eq + 1);
		if (rc)
			return rc;
	}
	if (rc)
		return rc;
	r->err->line = 0;
	if (!version_seen)
		return bad(r, "empty, no \"version=%d\" line", BASELINE_VERSION);
	if (r->meta_seen != 7)
		return bad(r, "\"%s\" is missing", !(r->meta_seen & 1) ? "time" :
			   !(r->meta_seen & 2) ? "boot_id" : "netns_cookie");
	for (size_t i = 0; i < r->n; i++)
		if (!r->seen[i])
			return bad(r, "\"%s\" is missing", r->tbl[i].key);
	return 0;
}

int smc_stats_baseline_read(FILE *fp, struct smc_stats_baseline *b,
			    struct smc_stats_file_err *err)
{
	struct reader r = { .b = b, .err = err };

	memset(b, 0, sizeof(*b));
	memset(err, 0, sizeof(*err));
	r.n = smc_stats_counters(r.tbl);
	return read_lines(fp, &r);
}

void smc_stats_identity(struct smc_stats_baseline *b)
{
	FILE *fp = fopen("/proc/sys/kernel/random/boot_id", "re");

	b->boot_id[0] = '\0';
	if (fp) {
		if (!fgets(b->boot_id, sizeof(b->boot_id), fp) || !valid_boot_id(b->boot_id))
			b->boot_id[0] = '\0';
		fclose(fp);
	}
	if (netns_cookie(&b->netns_cookie))
		b->netns_cookie = 0;
}

/* ---- the directory and the file ---------------------------------------------------- */

/* A base directory that belongs to us ($XDG_RUNTIME_DIR, /run/user/UID) */
static bool our_base(const char *dir, uid_t uid)
{
	struct stat sb;

	return dir && dir[0] == '/' && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) &&
	       sb.st_uid == uid;
}

static int store_dir(struct smc_stats_store *st, bool create)
{
	uid_t uid = geteuid();
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	char run_user[64];
	struct stat sb;
	int fd;

	snprintf(run_user, sizeof(run_user), "/run/user/%u", (unsigned int)uid);
	if (our_base(xdg, uid) && strlen(xdg) < sizeof(st->path) - 64)
		snprintf(st->path, sizeof(st->path), "%s/smc-utils", xdg);
	else if (our_base(run_user, uid))
		snprintf(st->path, sizeof(st->path), "%s/smc-utils", run_user);
	else
		snprintf(st->path, sizeof(st->path), "/tmp/smc-utils-%u", (unsigned int)uid);

	if (create && mkdir(st->path, 0700) < 0 && errno != EEXIST)
		return -errno;
	fd = open(st->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ELOOP || errno == ENOTDIR) {
			snprintf(st->why, sizeof(st->why), "it is a symbolic link or not a directory");
			return -EPERM;
		}
		return -errno;
	}
	if (fstat(fd, &sb) < 0) {
		int rc = -errno;

		close(fd);
		return rc;
	}
	if (sb.st_uid != uid)
		snprintf(st->why, sizeof(st->why), "it belongs to user %u, not %u",
			 (unsigned int)sb.st_uid, (unsigned int)uid);
	else if (sb.st_mode & 077)
		snprintf(st->why, sizeof(st->why), "others have access to it (mode %04o, want 0700)",
			 (unsigned int)(sb.st_mode & 07777));
	if (st->why[0]) {
		close(fd);
		return -EPERM;
	}
	st->dirfd = fd;
	return 0;
}

int smc_stats_store_open(struct smc_stats_store *st, bool create)
{
	struct stat ns;
	size_t len;
	int rc;

	memset(st, 0, sizeof(*st));
	st->dirfd = -1;
	rc = store_dir(st, create);
	if (rc)
		return rc;
	if (flock(st->dirfd, LOCK_EX) < 0) {
		rc = -errno;
		goto out_close;
	}
	/* the counters are per network namespace, and so is the baseline */
	if (stat("/proc/self/ns/net", &ns) < 0) {
		rc = -errno;
		snprintf(st->path, sizeof(st->path), "/proc/self/ns/net");
		goto out_close;
	}
	snprintf(st->name, sizeof(st->name), "stats-net%llu", (unsigned long long)ns.st_ino);
	len = strlen(st->path);
	snprintf(st->path + len, sizeof(st->path) - len, "/%s", st->name);
	return 0;

out_close:
	close(st->dirfd);
	st->dirfd = -1;
	return rc;
}

#define BASELINE_MAX_SIZE 65536

int smc_stats_store_load(struct smc_stats_store *st, struct smc_stats_baseline *b,
			 struct smc_stats_file_err *err)
{
	struct stat sb;
	FILE *fp;
	int fd, rc;

	memset(err, 0, sizeof(*err));
	/* O_NONBLOCK: a FIFO planted here must not hang us before fstat() sees it */
	fd = openat(st->dirfd, st->name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &sb) < 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	if (!S_ISREG(sb.st_mode))
		snprintf(err->why, sizeof(err->why), "not a regular file");
	else if (sb.st_uid != geteuid())
		snprintf(err->why, sizeof(err->why), "it belongs to user %u",
			 (unsigned int)sb.st_uid);
	else if (sb.st_size > BASELINE_MAX_SIZE)
		snprintf(err->why, sizeof(err->why), "larger than %d bytes", BASELINE_MAX_SIZE);
	if (err->why[0]) {
		close(fd);
		return -EINVAL;
	}
	fp = fdopen(fd, "r");
	if (!fp) {
		rc = -errno;
		close(fd);
		return rc;
	}
	rc = smc_stats_baseline_read(fp, b, err);
	fclose(fp);
	return rc;
}

int smc_stats_store_save(struct smc_stats_store *st, const struct smc_stats_baseline *b)
{
	char tmp[sizeof(st->name) + 8];
	FILE *fp;
	int fd, rc;

	snprintf(tmp, sizeof(tmp), "%s.tmp", st->name);
	/* we hold the lock: a temporary file left by a crash is ours to remove */
	if (unlinkat(st->dirfd, tmp, 0) < 0 && errno != ENOENT)
		return -errno;
	fd = openat(st->dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	fp = fdopen(fd, "w");
	if (!fp) {
		rc = -errno;
		close(fd);
		goto out_unlink;
	}
	rc = smc_stats_baseline_write(fp, b);
	if (!rc && (fflush(fp) != 0 || fsync(fd) < 0))
		rc = -errno;
	if (fclose(fp) != 0 && !rc)
		rc = -errno;
	if (!rc && renameat(st->dirfd, tmp, st->dirfd, st->name) < 0)
		rc = -errno;
	if (!rc)
		return 0;
out_unlink:
	unlinkat(st->dirfd, tmp, 0);
	return rc;
}

int smc_stats_store_drop(struct smc_stats_store *st)
{
	if (unlinkat(st->dirfd, st->name, 0) < 0 && errno != ENOENT)
		return -errno;
	return 0;
}

void smc_stats_store_close(struct smc_stats_store *st)
{
	if (st->dirfd >= 0)
		close(st->dirfd);	/* also releases the lock */
	st->dirfd = -1;
}
