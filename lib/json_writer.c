// SPDX-License-Identifier: GPL-2.0
/* json_writer.c - minimal streaming JSON writer
 *
 * Values are written to the stream as soon as they are given, so memory use does not grow
 * with the size of the document; only one "has a previous element" flag per open container
 * is kept.
 */
#include <inttypes.h>
#include <stdlib.h>

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
	bool		has_elems[JW_MAX_DEPTH];
	char		closer[JW_MAX_DEPTH];
};

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
	fputc('\n', jw->fp);
	for (unsigned int i = 0; i < jw->depth; i++)
		fputs("  ", jw->fp);
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
		fputc(',', jw->fp);
	jw->has_elems[jw->depth - 1] = true;
	jw_newline_indent(jw);
}

static void jw_open(struct json_writer *jw, char open, char close)
{
	jw_before_value(jw);
	if (jw->depth >= JW_MAX_DEPTH)
		abort();
	fputc(open, jw->fp);
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
	fputc(jw->closer[jw->depth], jw->fp);
}

void jw_obj_begin(struct json_writer *jw) { jw_open(jw, '{', '}'); }
void jw_arr_begin(struct json_writer *jw) { jw_open(jw, '[', ']'); }
void jw_obj_end(struct json_writer *jw) { jw_close(jw); }
void jw_arr_end(struct json_writer *jw) { jw_close(jw); }

static void jw_escaped(struct json_writer *jw, const char *s)
{
	fputc('"', jw->fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':  fputs("\\\"", jw->fp); break;
		case '\\': fputs("\\\\", jw->fp); break;
		case '\n': fputs("\\n", jw->fp); break;
		case '\r': fputs("\\r", jw->fp); break;
		case '\t': fputs("\\t", jw->fp); break;
		case '\b': fputs("\\b", jw->fp); break;
		case '\f': fputs("\\f", jw->fp); break;
		default:
			if (*p < 0x20)
				fprintf(jw->fp, "\\u%04x", *p);
			else
				fputc(*p, jw->fp);
		}
	}
	fputc('"', jw->fp);
}

void jw_key(struct json_writer *jw, const char *key)
{
	jw_before_value(jw);
	jw_escaped(jw, key);
	fputs(jw->pretty ? ": " : ":", jw->fp);
	jw->after_key = true;
}

void jw_str(struct json_writer *jw, const char *s)
{
	jw_before_value(jw);
	jw_escaped(jw, s);
}

void jw_u64(struct json_writer *jw, uint64_t v)
{
	jw_before_value(jw);
	fprintf(jw->fp, "%" PRIu64, v);
}

void jw_bool(struct json_writer *jw, bool v)
{
	jw_before_value(jw);
	fputs(v ? "true" : "false", jw->fp);
}

void jw_null(struct json_writer *jw)
{
	jw_before_value(jw);
	fputs("null", jw->fp);
}

unsigned int jw_depth(const struct json_writer *jw)
{
	return jw->depth;
}

bool jw_in_object(const struct json_writer *jw)
{
	return jw->depth > 0 && jw->closer[jw->depth - 1] == '}';
}

void jw_free(struct json_writer *jw)
{
	if (!jw)
		return;
	if (jw->after_key)
		jw_null(jw);
	while (jw->depth)
		jw_close(jw);
	if (jw->started)
		fputc('\n', jw->fp);
	free(jw);
}
