// SPDX-License-Identifier: GPL-2.0
/* test_escape.c - hostile strings through the output layer: text shows control
 * characters and bytes that are not UTF-8 as \ooo escapes and stays aligned, JSON is
 * always valid UTF-8 (checked by an independent validator below), and a failed write is
 * reported with its errno, at once, and stops all further writing.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "escape.h"
#include "out.h"
#include "tap.h"

/* What a peer, a file or an argument can hold: an escape sequence and a newline that
 * would forge a line, C1 CSI, DEL, ill-formed UTF-8 of every kind, and valid text.
 */
#define FORGE	"\x1b[31mX\nY"
#define C1	"a\xc2\x9b" "b"
#define BAD	"\xff|\xc0\x80|\xe0\x80\x80|\xed\xa0\x80|\xf4\x90\x80\x80|\xf8|\xe2\x82|\xe2\x82" \
		"A|\xf0\x9f\x98"
#define GOOD	"h\xc3\xa9llo \xe2\x9c\x93 \xf0\x9d\x84\x9e"	/* héllo ✓ 𝄞 */

static const char *const hostile[] = { FORGE, C1, BAD, GOOD, "\x7f", "tab\there", "\\" };

/* ---- an independent validator: RFC 3629 UTF-8, RFC 8259 JSON ------------------------ */

static bool utf8_valid(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; ) {
		unsigned char c = s[i];
		size_t len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 :
			     (c & 0xf8) == 0xf0 ? 4 : 0;
		unsigned long cp;

		if (!len || i + len > n)
			return false;
		cp = len == 1 ? c : c & (0x7f >> len);
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
		    (len == 4 && cp < 0x10000) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

static const char *json_value(const char *p);

static const char *json_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static const char *json_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	for (; *p != '"'; p++) {
		if ((unsigned char)*p < 0x20)	/* the NUL at the end too */
			return NULL;
		if (*p != '\\')
			continue;
		p++;
		if (*p == 'u') {
			for (int k = 1; k <= 4; k++)
				if (!strchr("0123456789abcdefABCDEF", p[k]) || !p[k])
					return NULL;
			p += 4;
		} else if (!*p || !strchr("\"\\/bfnrt", *p)) {
			return NULL;
		}
	}
	return p + 1;
}

static const char *json_container(const char *p, char close, bool keys)
{
	p = json_ws(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (keys) {
			p = json_string(p);
			if (!p)
				return NULL;
			p = json_ws(p);
			if (*p++ != ':')
				return NULL;
		}
		p = json_value(p);
		if (!p)
			return NULL;
		p = json_ws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
	}
}

static const char *json_value(const char *p)
{
	p = json_ws(p);
	if (*p == '{')
		return json_container(p, '}', true);
	if (*p == '[')
		return json_container(p, ']', false);
	if (*p == '"')
		return json_string(p);
	if (!strncmp(p, "true", 4) || !strncmp(p, "null", 4))
		return p + 4;
	if (!strncmp(p, "false", 5))
		return p + 5;
	if (*p >= '0' && *p <= '9') {
		while (*p >= '0' && *p <= '9')
			p++;
		return p;
	}
	return NULL;
}

/* one JSON document, valid UTF-8, nothing after it but the newline */
static bool json_valid(const char *doc)
{
	const char *end;

	if (!utf8_valid((const unsigned char *)doc, strlen(doc)))
		return false;
	end = json_value(doc);
	return end && !strcmp(json_ws(end), "");
}

/* no byte that a terminal obeys: C0 controls but the newline, DEL, C1 (as UTF-8) */
static bool text_safe(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 &&
								p[1] < 0xa0))
			return false;
	return utf8_valid((const unsigned char *)s, strlen(s));
}

static size_t count_lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* Does the second column start at the same screen column in the first @nlines lines?
 * (It starts with "Peer-Host" in the header and with '<' in the rows.)
 */
static bool table_aligned(const char *s, int nlines)
{
	size_t want = 0;

	for (int i = 0; i < nlines; i++) {
		const char *eol = strchr(s, '\n');
		const char *at = strstr(s, i ? "<" : "Peer-Host");
		char prefix[512];
		size_t col;

		if (!eol || !at || at > eol || (size_t)(at - s) >= sizeof(prefix))
			return false;
		memcpy(prefix, s, (size_t)(at - s));
		prefix[at - s] = '\0';
		col = utf8_columns(prefix);
		if (i && col != want)
			return false;
		want = col;
		s = eol + 1;
	}
	return true;
}

/* ---- the output layer with hostile data --------------------------------------------- */

enum { NAME, HOST, NCOLS };

static const struct out_col cols[NCOLS] = {
	[NAME] = OUT_ALIGNED("name", "Name", OUT_LEFT, 0, 0, 0),
	[HOST] = OUT_ALIGNED("peer_host", "Peer-Host", OUT_LEFT, 0, 0, 0),
};

static const struct out_table table = { .name = "rows", .cols = cols, .ncols = NCOLS };

/* every kind of string-carrying call, each fed every hostile string */
static char *render(bool json)
{
	struct out_opts oo = { .json = json };
	const char *const list[] = { FORGE, BAD, NULL };
	struct memout m;
	struct out *o;

	oo.fp = memout_open(&m);
	if (out_new(&o, &oo))
		abort();
	out_record_begin(o, NULL, 0);
	out_table_begin(o, &table, 0);
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		out_row_begin(o);
		out_str(o, NAME, hostile[i]);
		out_fmt(o, HOST, "<%s>", hostile[i]);
		out_row_end(o);
	}
	out_table_end(o);
	out_record_begin(o, "record", 9);
	out_kv_str(o, "peer_host", "Peer-Host:", FORGE);
	out_kv_fmt(o, "eid", "EID:", "%s", BAD);
	out_kv_strv(o, "list", "List:", list);
	out_record_end(o);
	out_heading(o, FORGE);
	out_note(o, "note %s", FORGE);
	out_record_end(o);
	if (out_free(o))
		abort();
	return memout_close(&m);
}

static void test_utf8_next(void)
{
	static const struct {
		const char	*s;
		bool		ok;
		size_t		len;
		uint32_t	cp;
	} cases[] = {
		{ "A", true, 1, 'A' },
		{ "\xc3\xa9", true, 2, 0xe9 },
		{ "\xe2\x9c\x93", true, 3, 0x2713 },
		{ "\xf0\x9d\x84\x9e", true, 4, 0x1d11e },
		{ "\xf4\x8f\xbf\xbf", true, 4, 0x10ffff },
		{ "\xed\x9f\xbf", true, 3, 0xd7ff },
		{ "\x80", false, 1, 0 },		/* lone continuation byte */
		{ "\xc0\x80", false, 1, 0 },		/* overlong NUL */
		{ "\xc1\xbf", false, 1, 0 },		/* overlong */
		{ "\xe0\x80\x80", false, 1, 0 },	/* overlong */
		{ "\xf0\x80\x80\x80", false, 1, 0 },	/* overlong */
		{ "\xed\xa0\x80", false, 1, 0 },	/* surrogate U+D800 */
		{ "\xed\xbf\xbf", false, 1, 0 },	/* surrogate U+DFFF */
		{ "\xf4\x90\x80\x80", false, 1, 0 },	/* U+110000 */
		{ "\xf5\x80\x80\x80", false, 1, 0 },
		{ "\xff", false, 1, 0 },
		{ "\xe2\x82", false, 2, 0 },		/* truncated by the end */
		{ "\xe2\x82" "A", false, 2, 0 },	/* truncated by another character */
		{ "\xf0\x9f\x98", false, 3, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t cp = 0;
		size_t len = 0;
		bool ok = utf8_next(cases[i].s, &cp, &len);

		ok(ok == cases[i].ok && len == cases[i].len && (!ok || cp == cases[i].cp),
		   "utf8_next case %zu: %s, %zu byte(s)", i, cases[i].ok ? "valid" : "invalid",
		   cases[i].len);
	}
}

static void test_esc_text(void)
{
	char buf[64];
	size_t n;

	n = esc_text(buf, sizeof(buf), FORGE);
	is_str(buf, "\\033[31mX\\012Y", "text: ESC and newline as octal");
	ok(n == strlen(buf), "text: the length returned is the one written");
	esc_text(buf, sizeof(buf), C1);
	is_str(buf, "a\\302\\233b", "text: C1 control (CSI) as octal bytes");
	esc_text(buf, sizeof(buf), "\xff\xe2\x82" "A\\");
	is_str(buf, "\\377\\342\\202A\\\\", "text: ill-formed bytes as octal, backslash doubled");
	esc_text(buf, sizeof(buf), GOOD);
	is_str(buf, GOOD, "text: valid UTF-8 passes unchanged");
	ok(esc_text(NULL, 0, GOOD) == strlen(GOOD), "text: nothing to escape, same length");
	ok(utf8_columns(GOOD) == 9, "text: width counts characters, not bytes");
	n = esc_text(buf, 5, FORGE);
	ok(n == 14 && !strcmp(buf, "\\033"), "text: truncated like snprintf");
}

static void test_text(void)
{
	char *s = render(false);

	ok(text_safe(s), "text: no control character or ill-formed UTF-8 in the output");
	/* header + 7 rows + record (3 kv lines, list label and 2 items) + blank + heading
	 * + note: no string adds a line
	 */
	ok(count_lines(s) == 1 + 7 + 5 + 1 + 1 + 1, "text: no string forges a line (%zu lines)",
	   count_lines(s));
	ok(strstr(s, "\n\\033[31mX\\012Y ") != NULL && strstr(s, " <\\033[31mX\\012Y>\n"),
	   "text: the forged line is one escaped cell");
	ok(strstr(s, "\n" GOOD " ") != NULL, "text: valid UTF-8 passes unchanged");
	ok(table_aligned(s, 1 + 7), "text: columns aligned by the width of the escaped text");
	ok(strstr(s, "Peer-Host:\\033[31mX\\012Y\n") != NULL, "text: record value escaped");
	ok(strstr(s, "  - \\377|\\300\\200|") != NULL, "text: list item escaped");
	ok(strstr(s, "\n\\033[31mX\\012Y\nnote \\033[31mX\\012Y\n") != NULL,
	   "text: heading and note escaped");
	free(s);
}

static void test_json(void)
{
	char *s = render(true);

	ok(json_valid(s), "json: one valid document, valid UTF-8");
	ok(strstr(s, "\"name\":\"\\u001b[31mX\\nY\"") != NULL, "json: control characters escaped");
	ok(strstr(s, "\"name\":\"a\\u009bb\"") != NULL, "json: C1 control escaped");
	ok(strstr(s, "\"name\":\"\\u007f\"") != NULL, "json: DEL escaped");
	ok(strstr(s, "\"name\":\"\\ufffd|\\ufffd\\ufffd|\\ufffd\\ufffd\\ufffd|\\ufffd\\ufffd"
		  "\\ufffd|\\ufffd\\ufffd\\ufffd\\ufffd|\\ufffd|\\ufffd|\\ufffdA|\\ufffd\"") != NULL,
	   "json: each maximal ill-formed subpart becomes one \\ufffd");
	ok(strstr(s, "\"name\":\"" GOOD "\"") != NULL, "json: valid UTF-8 passes unchanged");
	ok(strstr(s, "\"eid\":\"\\ufffd|") != NULL && strstr(s, "\"list\":[\"\\u001b") != NULL,
	   "json: record values and lists too");
	free(s);
}

/* ---- write errors ------------------------------------------------------------------- */

struct failing {
	int	err;		/* errno of every write */
	int	writes;		/* write attempts seen */
};

static ssize_t failing_write(void *cookie, const char *buf, size_t size)
{
	struct failing *f = cookie;

	(void)buf;
	(void)size;
	f->writes++;
	errno = f->err;
	return -1;
}

/* A netlink dump as lib/transport/nl.c runs it: the callback's negative return ends it. */
static int dump(struct out *o, int nmsgs, int *seen)
{
	for (*seen = 0; *seen < nmsgs; ) {
		int rc;

		++*seen;
		out_row_begin(o);
		out_str(o, NAME, "row");
		out_row_end(o);
		rc = out_error(o);	/* what every view's callback returns */
		if (rc < 0)
			return rc;
	}
	return 0;
}

static void test_write_error(bool json, int err, const char *what)
{
	cookie_io_functions_t io = { .write = failing_write };
	struct out_opts oo = { .json = json, .flush_rows = 1 };
	struct failing f = { .err = err };
	struct out *o;
	int seen, rc, writes;

	oo.fp = fopencookie(&f, "w", io);
	setvbuf(oo.fp, NULL, _IONBF, 0);	/* every write reaches the file at once */
	if (out_new(&o, &oo))
		abort();
	out_table_begin(o, &table, 0);
	rc = dump(o, 1000, &seen);
	ok(rc == -err && seen == 1, "%s: %s stops the dump at the first row (rc %d, %d rows)",
	   json ? "json" : "text", what, rc, seen);
	writes = f.writes;
	out_table_end(o);
	out_note(o, "more");
	out_kv_str(o, "k", "K:", "v");
	rc = out_free(o);
	ok(rc == -err, "%s: out_free() reports %s, not EIO (%d)", json ? "json" : "text", what,
	   rc);
	ok(f.writes == writes, "%s: nothing is written after the failure (%d more)",
	   json ? "json" : "text", f.writes - writes);
	fclose(oo.fp);
}

static void test_real_pipe(void)
{
	struct out_opts oo = { 0 };
	struct out *o;
	int fds[2], seen, rc;

	/* the tools ignore SIGPIPE while they write (out_new() on stdout) */
	signal(SIGPIPE, SIG_IGN);
	if (pipe(fds))
		abort();
	close(fds[0]);
	oo.fp = fdopen(fds[1], "w");
	oo.flush_rows = 1;
	setvbuf(oo.fp, NULL, _IONBF, 0);
	if (out_new(&o, &oo))
		abort();
	out_table_begin(o, &table, 0);
	rc = dump(o, 1000, &seen);
	ok(rc == -EPIPE && seen == 1, "text: a reader that went away is EPIPE, at once");
	out_table_end(o);
	ok(out_free(o) == -EPIPE, "text: out_free() says EPIPE");
	fclose(oo.fp);
	signal(SIGPIPE, SIG_DFL);
}

int main(void)
{
	test_utf8_next();
	test_esc_text();
	test_text();
	test_json();
	test_write_error(false, ENOSPC, "ENOSPC");
	test_write_error(true, ENOSPC, "ENOSPC");
	test_write_error(false, EBADF, "EBADF");
	test_real_pipe();
	return tap_done();
}
