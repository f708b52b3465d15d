// SPDX-License-Identifier: GPL-2.0
/* nltrace.c - record/replay of the transport's netlink exchanges (layout in nltrace.h)
 *
 * A replay file is untrusted input like a kernel reply: every length in it is checked
 * against the bytes that are really there, and the transport parses the replayed
 * datagrams with the same checks as the kernel's.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "array.h"
#include "nltrace.h"
#include "version.h"

#define REC_HDR_LEN	16
#define NO_CURSOR	((size_t)-1)

struct nltrace {
	bool			replay;
	char			*path;
	char			*netns;		/* the -n label, NULL for the starting one */
	char			*cue;		/* SMC_UTILS_CUE, NULL if not set */
	char			reason[320];
	/* recording */
	int			fd;		/* -1 until the first record */
	/* replaying */
	bool			loaded;
	uint8_t			*img;		/* the whole file */
	size_t			img_len;
	struct nltrace_rec	*recs;
	size_t			nrecs;
	bool			*answered;	/* per record: a request already replayed */
	size_t			cursor;		/* where the next reply is looked for, or NO_CURSOR */
	uint16_t		cur_proto;	/* the request being answered */
	uint32_t		cur_stream;
};

static uint16_t get16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

bool nltrace_magic_ok(const uint8_t *buf, size_t len)
{
	return len >= NLTRACE_MAGIC_LEN && !memcmp(buf, NLTRACE_MAGIC, NLTRACE_MAGIC_LEN);
}

int nltrace_next(const uint8_t *buf, size_t len, size_t *off, struct nltrace_rec *rec)
{
	size_t at = *off, body;

	if (at >= len)
		return 0;
	if (len - at < REC_HDR_LEN)
		return -EBADMSG;
	rec->type = get16(buf + at);
	rec->key = get16(buf + at + 2);
	rec->netns_len = get16(buf + at + 4);
	rec->cue_len = get16(buf + at + 6);
	rec->data_len = get32(buf + at + 8);
	rec->stream = get32(buf + at + 12);
	at += REC_HDR_LEN;
	/* the lengths add up to less than 2^33: no overflow in a size_t sum */
	body = rec->cue_len + rec->netns_len + rec->data_len;
	if (body > len - at)
		return -EBADMSG;
	rec->cue = (const char *)buf + at;
	rec->netns = rec->cue + rec->cue_len;
	rec->data = (const uint8_t *)rec->netns + rec->netns_len;
	at += body;
	at += (4 - body % 4) % 4;
	*off = at < len ? at : len;
	return 1;
}

static struct nltrace *trace_new(bool replay, const char *path, const char *netns,
				 const char *cue)
{
	struct nltrace *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->replay = replay;
	t->fd = -1;
	t->cursor = NO_CURSOR;
	t->path = strdup(path);
	t->netns = netns ? strdup(netns) : NULL;
	t->cue = cue ? strdup(cue) : NULL;
	if (!t->path || (netns && !t->netns) || (cue && !t->cue)) {
		nltrace_free(t);
		return NULL;
	}
	return t;
}

int nltrace_from_env(struct nltrace **tp)
{
	const char *rec = getenv(NLTRACE_ENV_RECORD);
	const char *rep = getenv(NLTRACE_ENV_REPLAY);

	*tp = NULL;
	if (rec && !rec[0])
		rec = NULL;
	if (rep && !rep[0])
		rep = NULL;
	if (rec && rep)
		return -EINVAL;
	if (!rec && !rep)
		return 0;
	*tp = trace_new(rep != NULL, rep ? rep : rec, NULL, getenv(NLTRACE_ENV_CUE));
	return *tp ? 0 : -ENOMEM;
}

int nltrace_clone(const struct nltrace *t, struct nltrace **tp)
{
	*tp = NULL;
	if (!t)
		return 0;
	*tp = trace_new(t->replay, t->path, t->netns, t->cue);
	return *tp ? 0 : -ENOMEM;
}

void nltrace_free(struct nltrace *t)
{
	if (!t)
		return;
	if (t->fd >= 0)
		close(t->fd);
	free(t->path);
	free(t->netns);
	free(t->cue);
	free(t->img);
	free(t->recs);
	free(t->answered);
	free(t);
}

bool nltrace_replaying(const struct nltrace *t)
{
	return t && t->replay;
}

static int replay_load(struct nltrace *t);
static bool same_context(const struct nltrace *t, const struct nltrace_rec *r);

int nltrace_set_netns(struct nltrace *t, const char *label)
{
	char *copy = NULL;
	int rc;

	if (label && !(copy = strdup(label)))
		return -ENOMEM;
	free(t->netns);
	t->netns = copy;
	if (!t->replay)
		return 0;
	/* a namespace the recording never saw is one the recorded host does not have */
	rc = replay_load(t);
	if (rc)
		return rc;
	for (size_t i = 0; i < t->nrecs; i++)
		if (t->recs[i].type == NLTRACE_REQUEST && same_context(t, &t->recs[i]))
			return 0;
	return -ENOENT;
}

const char *nltrace_reason(const struct nltrace *t)
{
	return t ? t->reason : "";
}

/* Note why, and fail with an errno that no caller reads as the kernel's verdict (an
 * unreadable replay file is no missing module): -EBADMSG, but for the two that mean
 * what they say, -ENOMSG (no such request) and -ETIMEDOUT (the replies ran out).
 */
static int fail(struct nltrace *t, int err, const char *what)
{
	snprintf(t->reason, sizeof(t->reason), "%s file %s: %s",
		 t->replay ? "replay" : "recording", t->path, what);
	return err == -ENOMSG || err == -ETIMEDOUT || err == -ENOMEM ? err : -EBADMSG;
}

/* ---- replaying --------------------------------------------------------------------- */

static int read_all(int fd, uint8_t **bufp, size_t *lenp)
{
	size_t len = 0, cap = 64 * 1024;
	uint8_t *buf = malloc(cap);

	if (!buf)
		return -ENOMEM;
	for (;;) {
		ssize_t n;

		if (len == cap) {
			uint8_t *bigger = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);

			if (!bigger) {
				free(buf);
				return -ENOMEM;
			}
			buf = bigger;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = -errno;

			free(buf);
			return err;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	*bufp = buf;
	*lenp = len;
	return 0;
}

static int replay_load(struct nltrace *t)
{
	struct stat st;
	struct nltrace_rec rec;
	size_t off = NLTRACE_MAGIC_LEN;
	int fd, rc;

	if (t->loaded)
		return 0;
	/* a failed load is tried again at the next request: drop what it left behind */
	free(t->img);
	free(t->recs);
	t->img = NULL;
	t->recs = NULL;
	t->img_len = t->nrecs = 0;
	/* O_NONBLOCK: a FIFO given as the file must not hang the open */
	fd = open(t->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return fail(t, -errno, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return fail(t, -EINVAL, "not a regular file");
	}
	rc = read_all(fd, &t->img, &t->img_len);
	close(fd);
	if (rc)
		return fail(t, rc, strerror(-rc));
	if (!nltrace_magic_ok(t->img, t->img_len))
		return fail(t, -EBADMSG, "not a recording (no " NLTRACE_MAGIC " at its start)");
	while ((rc = nltrace_next(t->img, t->img_len, &off, &rec)) > 0) {
		struct nltrace_rec *slot = array_push(&t->recs, &t->nrecs, sizeof(*slot));

		if (!slot)
			return fail(t, -ENOMEM, strerror(ENOMEM));
		*slot = rec;
	}
	if (rc < 0) {
		char what[80];

		snprintf(what, sizeof(what), "record %zu is cut short", t->nrecs + 1);
		return fail(t, rc, what);
	}
	t->answered = calloc(t->nrecs ? t->nrecs : 1, sizeof(*t->answered));
	if (!t->answered)
		return fail(t, -ENOMEM, strerror(ENOMEM));
	t->loaded = true;
	return 0;
}

static bool same_text(const char *s, const char *bytes, size_t len)
{
	return strlen(s) == len && !memcmp(s, bytes, len);
}

/* Recorded in the namespace the handle is labelled with, and under the cue if set. */
static bool same_context(const struct nltrace *t, const struct nltrace_rec *r)
{
	return same_text(t->netns ? t->netns : "", r->netns, r->netns_len) &&
	       (!t->cue || same_text(t->cue, r->cue, r->cue_len));
}

/* Equal but for the sequence numbers and port ids of the netlink headers in @a. */
static bool same_request(const uint8_t *a, const uint8_t *b, size_t len)
{
	size_t at = 0;

	while (len - at >= NLMSG_HDRLEN) {
		uint32_t mlen = get32(a + at);
		size_t step;

		/* length, type and flags; not nlmsg_seq, nlmsg_pid */
		if (memcmp(a + at, b + at, 8))
			return false;
		if (mlen < NLMSG_HDRLEN || mlen > len - at)
			break;
		if (memcmp(a + at + NLMSG_HDRLEN, b + at + NLMSG_HDRLEN, mlen - NLMSG_HDRLEN))
			return false;
		step = NLMSG_ALIGN(mlen);
		if (step >= len - at)
			return true;
		at += step;
	}
	return !memcmp(a + at, b + at, len - at);
}

static int replay_request(struct nltrace *t, uint16_t proto, const void *msg, size_t len)
{
	size_t found = NO_CURSOR;
	int rc = replay_load(t);

	if (rc)
		return rc;
	for (size_t i = 0; i < t->nrecs; i++) {
		const struct nltrace_rec *r = &t->recs[i];

		if (r->type != NLTRACE_REQUEST || r->key != proto || r->data_len != len ||
		    !same_context(t, r) || !same_request(msg, r->data, len))
			continue;
		found = i;
		if (!t->answered[i])
			break;
	}
	if (found == NO_CURSOR) {
		const struct nlmsghdr *h = msg;
		char what[160];

		snprintf(what, sizeof(what), "no answer to this request (netlink protocol %u, "
			 "message type %u%s%s%s)", proto, len >= sizeof(*h) ? h->nlmsg_type : 0,
			 t->netns ? ", namespace \"" : "", t->netns ? t->netns : "",
			 t->netns ? "\"" : "");
		t->cursor = NO_CURSOR;
		return fail(t, -ENOMSG, what);
	}
	t->answered[found] = true;
	t->cursor = found + 1;
	t->cur_proto = proto;
	t->cur_stream = t->recs[found].stream;
	return 0;
}

/* The next reply or error record of the current request's stream, or NULL when the
 * stream's next request (or the file's end) comes first.
 */
static const struct nltrace_rec *next_of_stream(struct nltrace *t)
{
	for (; t->cursor != NO_CURSOR && t->cursor < t->nrecs; t->cursor++) {
		const struct nltrace_rec *r = &t->recs[t->cursor];

		if (r->key != t->cur_proto || r->stream != t->cur_stream ||
		    (r->type != NLTRACE_REQUEST && r->type != NLTRACE_REPLY &&
		     r->type != NLTRACE_ERROR))
			continue;
		if (r->type == NLTRACE_REQUEST)
			break;
		t->cursor++;
		return r;
	}
	t->cursor = NO_CURSOR;
	return NULL;
}

int nltrace_reply(struct nltrace *t, const void **buf, size_t *len)
{
	const struct nltrace_rec *r = next_of_stream(t);

	if (!r)
		return fail(t, -ETIMEDOUT, "the recorded reply ends before the kernel's last message");
	if (r->type == NLTRACE_ERROR) {
		int32_t err;

		if (r->data_len != sizeof(err))
			return fail(t, -EBADMSG, "an error record is not 4 bytes long");
		memcpy(&err, r->data, sizeof(err));
		/* only a real -errno; anything else would be taken for success or overflow */
		if (err >= 0 || err < -4095)
			return fail(t, -EBADMSG, "an error record holds no errno");
		return err;
	}
	*buf = r->data;
	*len = r->data_len;
	return 0;
}

int nltrace_replay_fact(struct nltrace *t, uint16_t id, void *val, size_t len)
{
	int rc = replay_load(t);

	if (rc)
		return rc;
	for (size_t i = 0; i < t->nrecs; i++) {
		const struct nltrace_rec *r = &t->recs[i];

		if (r->type == NLTRACE_FACT && r->key == id && r->data_len == len &&
		    same_context(t, r)) {
			memcpy(val, r->data, len);
			return 0;
		}
	}
	return -ENOENT;
}

int nltrace_replay_named_fact(struct nltrace *t, uint16_t id, const char *name,
			      const void **val, size_t *len)
{
	size_t name_len = strlen(name);
	int rc = replay_load(t);

	if (rc)
		return rc;
	for (size_t i = 0; i < t->nrecs; i++) {
		const struct nltrace_rec *r = &t->recs[i];

		if (r->type == NLTRACE_FACT && r->key == id && r->data_len > name_len &&
		    !memcmp(r->data, name, name_len) && !r->data[name_len] &&
		    same_context(t, r)) {
			*val = r->data + name_len + 1;
			*len = r->data_len - name_len - 1;
			return 0;
		}
	}
	return -ENOENT;
}

/* ---- recording --------------------------------------------------------------------- */

static int write_all(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int write_record(struct nltrace *t, uint16_t type, uint16_t key, uint32_t stream,
			const void *data, size_t len)
{
	size_t label_len = t->netns ? strlen(t->netns) : 0;
	size_t cue_len = t->cue ? strlen(t->cue) : 0;
	size_t body = cue_len + label_len + len, total;
	uint16_t hdr16[4] = { type, key, (uint16_t)label_len, (uint16_t)cue_len };
	uint32_t data_len = (uint32_t)len;
	uint8_t *rec;
	int rc;

	if (label_len > UINT16_MAX || cue_len > UINT16_MAX || len > UINT32_MAX)
		return fail(t, -E2BIG, "a record is too large");
	total = REC_HDR_LEN + body + (4 - body % 4) % 4;
	rec = calloc(1, total);
	if (!rec)
		return -ENOMEM;
	memcpy(rec, hdr16, sizeof(hdr16));
	memcpy(rec + 8, &data_len, sizeof(data_len));
	memcpy(rec + 12, &stream, sizeof(stream));
	if (cue_len)
		memcpy(rec + REC_HDR_LEN, t->cue, cue_len);
	if (label_len)
		memcpy(rec + REC_HDR_LEN + cue_len, t->netns, label_len);
	if (len)
		memcpy(rec + REC_HDR_LEN + cue_len + label_len, data, len);
	/* one write() per record: O_APPEND keeps records whole */
	rc = write_all(t->fd, rec, total);
	free(rec);
	return rc ? fail(t, rc, strerror(-rc)) : 0;
}

static int record_open(struct nltrace *t)
{
	struct stat st;
	struct utsname u;
	char note[400];

	if (t->fd >= 0)
		return 0;
	t->fd = open(t->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
	if (t->fd < 0)
		return fail(t, -errno, strerror(errno));
	if (fstat(t->fd, &st) < 0)
		return fail(t, -errno, strerror(errno));
	if (st.st_size == 0) {
		int rc = write_all(t->fd, NLTRACE_MAGIC, NLTRACE_MAGIC_LEN);

		if (rc)
			return fail(t, rc, strerror(-rc));
	}
	/* where the records that follow come from: a fixture must name its kernel */
	if (uname(&u) < 0)
		memset(&u, 0, sizeof(u));
	snprintf(note, sizeof(note), "program=%s smc-utils=%s kernel=%s %s machine=%s",
		 program_invocation_short_name, SMC_UTILS_VERSION, u.release, u.version,
		 u.machine);
	return write_record(t, NLTRACE_NOTE, 0, 0, note, strlen(note));
}

int nltrace_request(struct nltrace *t, uint16_t proto, uint32_t stream, const void *msg,
		    size_t len)
{
	int rc;

	t->reason[0] = '\0';
	if (t->replay)
		return replay_request(t, proto, msg, len);
	rc = record_open(t);
	return rc ? rc : write_record(t, NLTRACE_REQUEST, proto, stream, msg, len);
}

int nltrace_record_reply(struct nltrace *t, uint16_t proto, uint32_t stream, const void *buf,
			 size_t len)
{
	int rc = record_open(t);

	return rc ? rc : write_record(t, NLTRACE_REPLY, proto, stream, buf, len);
}

int nltrace_record_error(struct nltrace *t, uint16_t proto, uint32_t stream, int err)
{
	int32_t e = err;
	int rc = record_open(t);

	return rc ? rc : write_record(t, NLTRACE_ERROR, proto, stream, &e, sizeof(e));
}

int nltrace_record_fact(struct nltrace *t, uint16_t id, const void *val, size_t len)
{
	int rc = record_open(t);

	return rc ? rc : write_record(t, NLTRACE_FACT, id, 0, val, len);
}

int nltrace_record_named_fact(struct nltrace *t, uint16_t id, const char *name,
			      const void *val, size_t len)
{
	size_t name_len = strlen(name);
	uint8_t *data;
	int rc = record_open(t);

	if (rc)
		return rc;
	if (len > SIZE_MAX - name_len - 1)
		return fail(t, -E2BIG, "a record is too large");
	data = malloc(name_len + 1 + len);
	if (!data)
		return -ENOMEM;
	memcpy(data, name, name_len + 1);
	if (len)
		memcpy(data + name_len + 1, val, len);
	rc = write_record(t, NLTRACE_FACT, id, 0, data, name_len + 1 + len);
	free(data);
	return rc;
}
