// SPDX-License-Identifier: GPL-2.0
/* json_writer.c - minimal streaming JSON writer
 *
 * Values are written to the stream as soon as they are given, so memory use does not grow
 * with the size of the document; only one "has a previous element" flag per open container
 * is kept.
 *
 * The document is always valid UTF-8 (RFC 8259 requires it), whatever bytes a string
 * holds: host names, EIDs and device names come from the kernel, which sends whatever a
 * peer or an administrator put there. Control characters are escaped (\n, \t ... or
 * \u00XX, DEL and the C1 controls too, so the JSON is also safe to show on a terminal),
 * and every ill-formed UTF-8 sequence (maximal subpart, see utf8_next()) becomes U+FFFD,
 * written as \ufffd: the value says "there were bytes here that are not text" without
 * passing them on, the substitution Unicode recommends (and Python's errors="replace"
 * makes). Dropping them would hide that anything was there; \u00XX per byte would
 * claim they were Latin-1 characters.
 * Valid characters, multi-byte ones included, pass unchanged.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "digits.h"
#include "escape.h"
#include "json_writer.h"

/* Nesting is decided by our own views (array of objects, at most a few levels), never by
 * the data, so a small fixed stack is enough; deeper nesting is a programming error.
 */
#define JW_MAX_DEPTH 32

struct json_writer {
	FILE		*fp;
	bool		pretty;
	bool		after_key;		/* a key was written, its value comes next */
	bool		started;		/* the top-level value was begun */
	unsigned int	depth;
	int		err;			/* first failed write, -errno; then no more */
	bool		has_elems[JW_MAX_DEPTH];
	char		closer[JW_MAX_DEPTH];
	/* what is not handed to the stream yet: a value is many small pieces, and one
	 * fwrite() per piece costs more than the rest of the writer; handed over whenever
	 * the buffer is full, when the document ends and when the caller says
	 * (jw_sync(): the output layer does after each chunk of table rows, so a failed
	 * write stops a dump within one chunk)
	 */
	size_t		pending;
	char		buf[16384];
};

/* Hand the buffered bytes to the stream: the errno of a failed write is only meaningful
 * right after it, and nothing more is written once one failed.
 */
static void jw_flush(struct json_writer *jw)
{
	size_t len = jw->pending;

	jw->pending = 0;
	if (jw->err || !len)
		return;
	errno = 0;
	/* ferror() too: glibc does not always report a failed write in the count */
	if (fwrite(jw->buf, 1, len, jw->fp) != len || ferror(jw->fp))
		jw->err = errno ? -errno : -EIO;
}

/* Every byte goes through here (after a failed write, into the buffer only, which
 * jw_flush() then drops).
 */
static void jw_put(struct json_writer *jw, const char *s, size_t len)
{
	if (len < sizeof(jw->buf) - jw->pending) {	/* the common case: it fits */
		memcpy(jw->buf + jw->pending, s, len);
		jw->pending += len;
		return;
	}
	while (len && !jw->err) {
		size_t room = sizeof(jw->buf) - jw->pending, n = len < room ? len : room;

		memcpy(jw->buf + jw->pending, s, n);
		jw->pending += n;
		s += n;
		len -= n;
		if (jw->pending == sizeof(jw->buf))
			jw_flush(jw);
	}
}

static void jw_puts(struct json_writer *jw, const char *s)
{
	jw_put(jw, s, strlen(s));
}

static void jw_putc(struct json_writer *jw, char c)
{
	if (jw->pending + 1 < sizeof(jw->buf))
		jw->buf[jw->pending++] = c;
	else
		jw_put(jw, &c, 1);
}

/* Where @len more bytes can be written straight into the buffer, or NULL. The fast paths
 * below use it for compact output (pretty output adds line breaks and indentation, and
 * takes the general path): a member is then a handful of stores instead of a call per
 * piece, which is most of what -j costs on a big listing.
 */
static char *jw_room(struct json_writer *jw, size_t len)
{
	if (jw->pretty || len >= sizeof(jw->buf) - jw->pending)
		return NULL;
	return jw->buf + jw->pending;
}

struct json_writer *jw_new(FILE *fp, bool pretty)
{
	struct json_writer *jw = calloc(1, sizeof(*jw));

	if (!jw)
		return NULL;
	jw->fp = fp;
	jw->pretty = pretty;
	return jw;
}

static void jw_newline_indent(struct json_writer *jw)
{
	if (!jw->pretty)
		return;
	jw_putc(jw, '\n');
	for (unsigned int i = 0; i < jw->depth; i++)
		jw_put(jw, "  ", 2);
}

/* Separator and indentation before a value or key at the current level. */
static void jw_before_value(struct json_writer *jw)
{
	if (jw->after_key) {
		jw->after_key = false;
		return;
	}
	if (jw->depth == 0) {
		jw->started = true;
		return;
	}
	if (jw->has_elems[jw->depth - 1])
		jw_putc(jw, ',');
	jw->has_elems[jw->depth - 1] = true;
	jw_newline_indent(jw);
}

static void jw_open(struct json_writer *jw, char open, char close)
{
	jw_before_value(jw);
	if (jw->depth >= JW_MAX_DEPTH)
		abort();
	jw_putc(jw, open);
	jw->has_elems[jw->depth] = false;
	jw->closer[jw->depth] = close;
	jw->depth++;
}

static void jw_close(struct json_writer *jw)
{
	bool had = jw->has_elems[jw->depth - 1];

	jw->depth--;
	if (had)
		jw_newline_indent(jw);
	jw_putc(jw, jw->closer[jw->depth]);
	if (!jw->depth)
		jw_flush(jw);
}

void jw_obj_begin(struct json_writer *jw) { jw_open(jw, '{', '}'); }
void jw_arr_begin(struct json_writer *jw) { jw_open(jw, '[', ']'); }
void jw_obj_end(struct json_writer *jw) { jw_close(jw); }
void jw_arr_end(struct json_writer *jw) { jw_close(jw); }

static void jw_escaped(struct json_writer *jw, const char *s)
{
	const char *run = s;	/* bytes that pass unchanged, written in one go */

	jw_putc(jw, '"');
	while (*s) {
		char esc[8];
		uint32_t cp = 0;
		size_t len;
		const char *e = esc;
		unsigned char c = (unsigned char)*s;

		/* printable ASCII, all real data: no decoding needed */
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			s++;
			continue;
		}
		if (!utf8_next(s, &cp, &len))
			e = "\\ufffd";
		else if (cp == '"')
			e = "\\\"";
		else if (cp == '\\')
			e = "\\\\";
		else if (cp == '\n')
			e = "\\n";
		else if (cp == '\r')
			e = "\\r";
		else if (cp == '\t')
			e = "\\t";
		else if (cp == '\b')
			e = "\\b";
		else if (cp == '\f')
			e = "\\f";
		else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			snprintf(esc, sizeof(esc), "\\u%04x", (unsigned int)cp);
		else
			e = NULL;
		if (e) {
			jw_put(jw, run, (size_t)(s - run));
			jw_puts(jw, e);
			run = s + len;
		}
		s += len;
	}
	jw_put(jw, run, (size_t)(s - run));
	jw_putc(jw, '"');
}

/* "@s" as it is: for text that needs no escape, which only our own can promise */
static void jw_quoted(struct json_writer *jw, const char *s)
{
	jw_putc(jw, '"');
	jw_puts(jw, s);
	jw_putc(jw, '"');
}

void jw_key(struct json_writer *jw, const char *key)
{
	jw_key_len(jw, key, strlen(key));
}

void jw_key_len(struct json_writer *jw, const char *key, size_t klen)
{
	/* ',' '"' key '"' ':' */
	char *p = jw->after_key || !jw->depth ? NULL : jw_room(jw, klen + 4);

	if (p) {
		if (jw->has_elems[jw->depth - 1])
			*p++ = ',';
		jw->has_elems[jw->depth - 1] = true;
		*p++ = '"';
		memcpy(p, key, klen);
		p += klen;
		*p++ = '"';
		*p++ = ':';
		jw->pending = (size_t)(p - jw->buf);
		jw->after_key = true;
		return;
	}
	jw_before_value(jw);
	jw_quoted(jw, key);
	jw_puts(jw, jw->pretty ? ": " : ":");
	jw->after_key = true;
}

void jw_str(struct json_writer *jw, const char *s)
{
	jw_before_value(jw);
	jw_escaped(jw, s);
}

void jw_own_str(struct json_writer *jw, const char *s)
{
	size_t len = strlen(s);
	char *p = jw->after_key ? jw_room(jw, len + 2) : NULL;

	if (p) {	/* a member's value, the common case */
		jw->after_key = false;
		*p++ = '"';
		memcpy(p, s, len);
		p[len] = '"';
		jw->pending += len + 2;
		return;
	}
	jw_before_value(jw);
	jw_quoted(jw, s);
}

void jw_u64(struct json_writer *jw, uint64_t v)
{
	char buf[DEC_DIGITS_MAX], *p, *room;

	if (jw->after_key && (room = jw_room(jw, DEC_DIGITS_MAX))) {	/* a member's value */
		size_t n = dec_len(v);

		jw->after_key = false;
		dec_digits(room + n, v);
		jw->pending += n;
		return;
	}
	p = dec_digits(buf + sizeof(buf), v);
	jw_before_value(jw);
	jw_put(jw, p, (size_t)(buf + sizeof(buf) - p));
}

void jw_bool(struct json_writer *jw, bool v)
{
	jw_before_value(jw);
	jw_puts(jw, v ? "true" : "false");
}

void jw_null(struct json_writer *jw)
{
	jw_before_value(jw);
	jw_puts(jw, "null");
}

void jw_sync(struct json_writer *jw)
{
	jw_flush(jw);
}

unsigned int jw_depth(const struct json_writer *jw)
{
	return jw->depth;
}

bool jw_in_object(const struct json_writer *jw)
{
	return jw->depth > 0 && jw->closer[jw->depth - 1] == '}';
}

int jw_error(const struct json_writer *jw)
{
	return jw->err;
}

int jw_free(struct json_writer *jw)
{
	int err;

	if (!jw)
		return 0;
	if (jw->after_key)
		jw_null(jw);
	while (jw->depth)
		jw_close(jw);
	if (jw->started)
		jw_putc(jw, '\n');
	jw_flush(jw);
	err = jw->err;
	free(jw);
	return err;
}
