// SPDX-License-Identifier: GPL-2.0
/* json_check.c - strict JSON and text validators for the fuzz oracles (json_check.h)
 *
 * Written for the harnesses rather than taken from a library so that it checks exactly
 * what the tools promise, and nothing it accepts is a matter of some parser's leniency.
 * Recursive descent with a depth bound: the tools nest a handful of levels, the bound
 * only keeps a broken writer from overflowing the stack here.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "json_check.h"

#define JSON_MAX_DEPTH 64

struct parser {
	const unsigned char	*start, *p, *end;
	int			depth;
	char			*why;
	size_t			why_size;
};

__attribute__((format(printf, 2, 3)))
static int fail(struct parser *ps, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(ps->why, ps->why_size, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < ps->why_size)
		snprintf(ps->why + n, ps->why_size - (size_t)n, " (at byte %zu)",
			 (size_t)(ps->p - ps->start));
	return 0;
}

/* One UTF-8 character at @p: its length, or 0 if ill-formed (Unicode table 3-7). */
static size_t utf8_char(const unsigned char *p, const unsigned char *end, uint32_t *cp)
{
	unsigned char b0 = p[0], lo = 0x80, hi = 0xbf;
	size_t n;

	if (b0 < 0x80) {
		*cp = b0;
		return 1;
	}
	if (b0 >= 0xc2 && b0 <= 0xdf) {
		n = 2;
		*cp = b0 & 0x1f;
	} else if (b0 >= 0xe0 && b0 <= 0xef) {
		n = 3;
		*cp = b0 & 0x0f;
		if (b0 == 0xe0)
			lo = 0xa0;	/* shorter forms are overlong */
		else if (b0 == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (b0 >= 0xf0 && b0 <= 0xf4) {
		n = 4;
		*cp = b0 & 0x07;
		if (b0 == 0xf0)
			lo = 0x90;
		else if (b0 == 0xf4)
			hi = 0x8f;	/* above U+10FFFF */
	} else {
		return 0;
	}
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		unsigned char b = p[i];

		if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xbf))
			return 0;
		*cp = (*cp << 6) | (b & 0x3f);
	}
	return n;
}

static void skip_blanks(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' ||
				   *ps->p == '\r'))
		ps->p++;
}

static int hex4(struct parser *ps, uint32_t *v)
{
	*v = 0;
	if (ps->end - ps->p < 4)
		return fail(ps, "\\u escape cut short");
	for (int i = 0; i < 4; i++) {
		unsigned char c = *ps->p++;

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (uint32_t)(c - 'A' + 10);
		else
			return fail(ps, "bad hex digit in a \\u escape");
	}
	return 1;
}

/* A string, the opening quote at ps->p; *@raw and *@raw_len: its bytes between quotes. */
static int parse_string(struct parser *ps, const unsigned char **raw, size_t *raw_len)
{
	ps->p++;
	*raw = ps->p;
	while (ps->p < ps->end) {
		unsigned char c = *ps->p;
		uint32_t cp;
		size_t n;

		if (c == '"') {
			*raw_len = (size_t)(ps->p - *raw);
			ps->p++;
			return 1;
		}
		if (c < 0x20)
			return fail(ps, "unescaped control character 0x%02x in a string", c);
		if (c == '\\') {
			ps->p++;
			if (ps->p >= ps->end)
				return fail(ps, "string ends in a backslash");
			c = *ps->p++;
			if (strchr("\"\\/bfnrt", c) && c)
				continue;
			if (c != 'u')
				return fail(ps, "bad escape \\%c", c);
			if (!hex4(ps, &cp))
				return 0;
			if (cp >= 0xdc00 && cp <= 0xdfff)
				return fail(ps, "lone low surrogate \\u%04x", (unsigned int)cp);
			if (cp >= 0xd800 && cp <= 0xdbff) {
				uint32_t lo;

				if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u')
					return fail(ps, "lone high surrogate \\u%04x", (unsigned int)cp);
				ps->p += 2;
				if (!hex4(ps, &lo))
					return 0;
				if (lo < 0xdc00 || lo > 0xdfff)
					return fail(ps, "high surrogate not followed by a low one");
			}
			continue;
		}
		n = utf8_char(ps->p, ps->end, &cp);
		if (!n)
			return fail(ps, "invalid UTF-8 byte 0x%02x in a string", c);
		ps->p += n;
	}
	return fail(ps, "unterminated string");
}

static int digits(struct parser *ps)
{
	const unsigned char *from = ps->p;

	while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
		ps->p++;
	return ps->p > from;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int parse_number(struct parser *ps)
{
	if (*ps->p == '-')
		ps->p++;
	if (ps->p < ps->end && *ps->p == '0') {
		ps->p++;
	} else if (!digits(ps)) {
		return fail(ps, "bad number");
	}
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		if (!digits(ps))
			return fail(ps, "no digit after a decimal point");
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (!digits(ps))
			return fail(ps, "no digit in an exponent");
	}
	return 1;
}

static int parse_value(struct parser *ps);

/* A member name already seen in this object? Compared as written: the tools' writer
 * escapes one way only, so the same name is always the same bytes.
 */
struct key_seen {
	const unsigned char	*raw;
	size_t			len;
};

#define MAX_KEYS_CHECKED 512

static int parse_object(struct parser *ps)
{
	struct key_seen keys[MAX_KEYS_CHECKED];
	size_t nkeys = 0;

	ps->p++;
	skip_blanks(ps);
	if (ps->p < ps->end && *ps->p == '}') {
		ps->p++;
		return 1;
	}
	for (;;) {
		const unsigned char *raw;
		size_t len;

		skip_blanks(ps);
		if (ps->p >= ps->end || *ps->p != '"')
			return fail(ps, "member name expected");
		if (!parse_string(ps, &raw, &len))
			return 0;
		for (size_t i = 0; i < nkeys; i++)
			if (keys[i].len == len && !memcmp(keys[i].raw, raw, len))
				return fail(ps, "member \"%.*s\" appears twice in one object",
					    (int)(len > 60 ? 60 : len), (const char *)raw);
		if (nkeys < MAX_KEYS_CHECKED)
			keys[nkeys++] = (struct key_seen){ raw, len };
		skip_blanks(ps);
		if (ps->p >= ps->end || *ps->p != ':')
			return fail(ps, "':' expected");
		ps->p++;
		if (!parse_value(ps))
			return 0;
		skip_blanks(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == '}') {
			ps->p++;
			return 1;
		}
		return fail(ps, "',' or '}' expected");
	}
}

static int parse_array(struct parser *ps)
{
	ps->p++;
	skip_blanks(ps);
	if (ps->p < ps->end && *ps->p == ']') {
		ps->p++;
		return 1;
	}
	for (;;) {
		if (!parse_value(ps))
			return 0;
		skip_blanks(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == ']') {
			ps->p++;
			return 1;
		}
		return fail(ps, "',' or ']' expected");
	}
}

static int literal(struct parser *ps, const char *word)
{
	size_t len = strlen(word);

	if ((size_t)(ps->end - ps->p) < len || memcmp(ps->p, word, len))
		return fail(ps, "bad literal");
	ps->p += len;
	return 1;
}

static int parse_value(struct parser *ps)
{
	const unsigned char *raw;
	size_t len;
	int ok;

	skip_blanks(ps);
	if (ps->p >= ps->end)
		return fail(ps, "value expected, found the end");
	if (++ps->depth > JSON_MAX_DEPTH)
		return fail(ps, "nested deeper than %d", JSON_MAX_DEPTH);
	switch (*ps->p) {
	case '{':	ok = parse_object(ps); break;
	case '[':	ok = parse_array(ps); break;
	case '"':	ok = parse_string(ps, &raw, &len); break;
	case 't':	ok = literal(ps, "true"); break;
	case 'f':	ok = literal(ps, "false"); break;
	case 'n':	ok = literal(ps, "null"); break;
	default:
		if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))
			ok = parse_number(ps);
		else
			ok = fail(ps, "unexpected byte 0x%02x", *ps->p);
	}
	ps->depth--;
	return ok;
}

int json_check(const char *buf, size_t len, char *why, size_t why_size)
{
	struct parser ps = {
		.start = (const unsigned char *)buf, .p = (const unsigned char *)buf,
		.end = (const unsigned char *)buf + len, .why = why, .why_size = why_size,
	};

	skip_blanks(&ps);
	if (ps.p == ps.end)
		return fail(&ps, "no JSON document at all");
	if (!parse_value(&ps))
		return 0;
	skip_blanks(&ps);
	if (ps.p != ps.end)
		return fail(&ps, "more after the JSON document");
	return 1;
}

int text_check(const char *buf, size_t len, int allow_tab, char *why, size_t why_size)
{
	struct parser ps = {
		.start = (const unsigned char *)buf, .p = (const unsigned char *)buf,
		.end = (const unsigned char *)buf + len, .why = why, .why_size = why_size,
	};

	while (ps.p < ps.end) {
		uint32_t cp;
		size_t n = utf8_char(ps.p, ps.end, &cp);

		if (!n)
			return fail(&ps, "invalid UTF-8 byte 0x%02x", *ps.p);
		/* what esc_text() escapes: C0 and C1 controls and DEL */
		if ((cp < 0x20 && cp != '\n' && !(cp == '\t' && allow_tab)) ||
		    (cp >= 0x7f && cp <= 0x9f))
			return fail(&ps, "control character U+%04X", (unsigned int)cp);
		ps.p += n;
	}
	return 1;
}
