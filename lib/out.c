// SPDX-License-Identifier: GPL-2.0
/* out.c - render rows as aligned tables (bounded buffering) or streamed JSON */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"
#include "out.h"

/* Big enough that real tables align as one block, small enough that a dump of 100k
 * sockets keeps memory flat (ss uses the same idea with its chunked renderer).
 */
#define OUT_DEFAULT_FLUSH_ROWS 1024

#define CELL_UNSET SIZE_MAX

struct out {
	struct out_opts		opts;
	struct json_writer	*jw;
	int			err;

	/* the table being rendered */
	const struct out_table	*table;
	unsigned int		active;
	bool			header_done;
	bool			json_pending;	/* the table's '[' is not written yet */
	unsigned int		label_width;	/* of the open record */
	bool			printed;	/* text written: headings need a blank line */
	size_t			*widths;	/* ncols, only ever grow between chunks */

	/* the buffered chunk of rows: cell texts in one arena, offsets per cell */
	char			*arena;
	size_t			arena_len, arena_cap;
	size_t			*cells;		/* rows_cap * ncols offsets, CELL_UNSET if empty */
	unsigned int		nrows, rows_cap;
};

int out_new(struct out **op, const struct out_opts *opts)
{
	struct out *o = calloc(1, sizeof(*o));

	if (!o)
		return -ENOMEM;
	o->opts = *opts;
	if (!o->opts.fp)
		o->opts.fp = stdout;
	if (!o->opts.flush_rows)
		o->opts.flush_rows = OUT_DEFAULT_FLUSH_ROWS;
	if (o->opts.pretty)
		o->opts.json = true;
	if (o->opts.json) {
		o->jw = jw_new(o->opts.fp, o->opts.pretty);
		if (!o->jw) {
			free(o);
			return -ENOMEM;
		}
	}
	*op = o;
	return 0;
}

bool out_is_json(const struct out *o)
{
	return o->opts.json;
}

static bool col_visible(const struct out *o, unsigned int col)
{
	const struct out_col *c = &o->table->cols[col];

	if (c->groups && !(c->groups & o->active))
		return false;
	return o->opts.json ? c->key != NULL : c->header != NULL;
}

static void table_free(struct out *o)
{
	free(o->widths);
	o->widths = NULL;
	free(o->cells);
	o->cells = NULL;
	o->rows_cap = 0;
	free(o->arena);
	o->arena = NULL;
	o->arena_cap = 0;
}

static void table_reset_chunk(struct out *o)
{
	o->nrows = 0;
	o->arena_len = 0;
}

static void print_padded(struct out *o, const char *s, size_t width, enum out_align align,
			 bool last)
{
	size_t len = strlen(s);
	size_t pad = width > len ? width - len : 0;

	if (align == OUT_RIGHT)
		fprintf(o->opts.fp, "%*s", (int)pad, "");
	fputs(s, o->opts.fp);
	if (align == OUT_LEFT && !last)
		fprintf(o->opts.fp, "%*s", (int)pad, "");
}

/* Number of cells a buffered row prints: up to and including its last set cell. */
static unsigned int row_length(const struct out *o, unsigned int row)
{
	const size_t *cells = &o->cells[(size_t)row * o->table->ncols];
	unsigned int len = 0;

	for (unsigned int c = 0; c < o->table->ncols; c++)
		if (cells[c] != CELL_UNSET && col_visible(o, c))
			len = c + 1;
	return len;
}

static unsigned int last_visible_col(const struct out *o)
{
	unsigned int last = 0;

	for (unsigned int c = 0; c < o->table->ncols; c++)
		if (col_visible(o, c))
			last = c + 1;
	return last;
}

static const char *cell_text(const struct out *o, unsigned int row, unsigned int col)
{
	size_t off = o->cells[(size_t)row * o->table->ncols + col];

	return off == CELL_UNSET ? "-" : o->arena + off;
}

static void table_flush(struct out *o)
{
	const struct out_table *t = o->table;
	unsigned int nvis = last_visible_col(o);
	bool header = !o->opts.no_header && !(t->flags & OUT_TABLE_NO_HEADER);

	/* widths: a row's final cell may spill over when the row stops early, as in smc-tools,
	 * so it does not widen its column for everybody else
	 */
	for (unsigned int r = 0; r < o->nrows && !(t->flags & OUT_TABLE_UNALIGNED); r++) {
		unsigned int len = row_length(o, r);

		for (unsigned int c = 0; c < len; c++) {
			size_t w;

			if (!col_visible(o, c) || (c + 1 == len && len < nvis))
				continue;
			w = strlen(cell_text(o, r, c));
			if (w > o->widths[c])
				o->widths[c] = w;
		}
	}

	if (header && !o->header_done) {
		bool first = true;

		for (unsigned int c = 0; c < nvis; c++) {
			if (!col_visible(o, c))
				continue;
			if (!first)
				fputc(' ', o->opts.fp);
			first = false;
			print_padded(o, t->cols[c].header, o->widths[c], t->cols[c].align,
				     c + 1 == nvis);
		}
		fputc('\n', o->opts.fp);
		o->printed = true;
	}
	o->header_done = true;

	for (unsigned int r = 0; r < o->nrows; r++) {
		unsigned int len = row_length(o, r);
		bool first = true;

		for (unsigned int c = 0; c < len; c++) {
			if (!col_visible(o, c))
				continue;
			if (!first)
				fputc(' ', o->opts.fp);
			first = false;
			print_padded(o, cell_text(o, r, c), o->widths[c], t->cols[c].align,
				     c + 1 == len);
		}
		fputc('\n', o->opts.fp);
		o->printed = true;
	}
	table_reset_chunk(o);
}

void out_table_begin(struct out *o, const struct out_table *t, unsigned int active)
{
	o->table = t;
	o->active = active;
	o->header_done = false;
	if (o->opts.json) {
		/* written with the first row, so a command failing before it prints nothing */
		o->json_pending = true;
		return;
	}
	free(o->widths);
	o->widths = calloc(t->ncols, sizeof(*o->widths));
	if (!o->widths) {
		o->err = -ENOMEM;
		return;
	}
	for (unsigned int c = 0; c < t->ncols; c++) {
		size_t hlen = t->cols[c].header ? strlen(t->cols[c].header) : 0;

		if (t->flags & OUT_TABLE_UNALIGNED)
			continue;
		o->widths[c] = t->cols[c].min_width;
		if (!(t->flags & OUT_TABLE_NO_HEADER) && hlen > o->widths[c])
			o->widths[c] = hlen;
	}
	table_reset_chunk(o);
}

static void json_table_open(struct out *o)
{
	if (!o->json_pending)
		return;
	o->json_pending = false;
	if (o->table->name && jw_in_object(o->jw))
		jw_key(o->jw, o->table->name);
	jw_arr_begin(o->jw);
}

void out_table_end(struct out *o)
{
	if (o->opts.json) {
		json_table_open(o);
		jw_arr_end(o->jw);
		return;
	}
	if (o->widths)
		table_flush(o);
	table_free(o);
}

void out_table_abort(struct out *o)
{
	if (o->opts.json ? o->json_pending : !o->header_done) {
		o->json_pending = false;
		table_reset_chunk(o);
		table_free(o);
		return;
	}
	out_table_end(o);
}

void out_row_begin(struct out *o)
{
	size_t ncols = o->table->ncols;

	if (o->opts.json) {
		json_table_open(o);
		jw_obj_begin(o->jw);
		return;
	}
	if (o->nrows == o->rows_cap) {
		unsigned int cap = o->rows_cap ? o->rows_cap * 2 : 64;
		size_t *cells;

		if (cap > o->opts.flush_rows)
			cap = o->opts.flush_rows;
		cells = realloc(o->cells, (size_t)cap * ncols * sizeof(*cells));
		if (!cells) {
			o->err = -ENOMEM;
			return;
		}
		o->cells = cells;
		o->rows_cap = cap;
	}
	for (size_t c = 0; c < ncols; c++)
		o->cells[(size_t)o->nrows * ncols + c] = CELL_UNSET;
}

void out_row_end(struct out *o)
{
	if (o->opts.json) {
		jw_obj_end(o->jw);
		return;
	}
	if (o->nrows >= o->rows_cap)	/* the row could not be stored */
		return;
	if (++o->nrows >= o->opts.flush_rows)
		table_flush(o);
}

/* Store a formatted table cell in the arena. */
static void cell_vset(struct out *o, unsigned int col, const char *fmt, va_list ap)
{
	va_list ap2;
	int len;

	if (o->nrows >= o->rows_cap)
		return;
	va_copy(ap2, ap);
	len = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (len < 0)
		return;
	if (o->arena_len + (size_t)len + 1 > o->arena_cap) {
		size_t cap = o->arena_cap ? o->arena_cap : 4096;
		char *arena;

		while (cap < o->arena_len + (size_t)len + 1)
			cap *= 2;
		arena = realloc(o->arena, cap);
		if (!arena) {
			o->err = -ENOMEM;
			return;
		}
		o->arena = arena;
		o->arena_cap = cap;
	}
	vsnprintf(o->arena + o->arena_len, (size_t)len + 1, fmt, ap);
	o->cells[(size_t)o->nrows * o->table->ncols + col] = o->arena_len;
	o->arena_len += (size_t)len + 1;
}

static void cell_set(struct out *o, unsigned int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void cell_set(struct out *o, unsigned int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cell_vset(o, col, fmt, ap);
	va_end(ap);
}

/* JSON: write the member name and report whether the value should follow. */
static bool json_member(struct out *o, unsigned int col)
{
	if (!col_visible(o, col))
		return false;
	jw_key(o->jw, o->table->cols[col].key);
	return true;
}

void out_str(struct out *o, unsigned int col, const char *s)
{
	if (!s)
		return;
	if (o->opts.json) {
		if (json_member(o, col))
			jw_str(o->jw, s);
	} else if (col_visible(o, col)) {
		cell_set(o, col, "%s", s);
	}
}

void out_uint(struct out *o, unsigned int col, uint64_t v)
{
	if (o->opts.json) {
		if (json_member(o, col))
			jw_u64(o->jw, v);
	} else if (col_visible(o, col)) {
		cell_set(o, col, "%0*" PRIu64, o->table->cols[col].zpad, v);
	}
}

void out_xint(struct out *o, unsigned int col, uint64_t v)
{
	if (o->opts.json) {
		if (json_member(o, col))
			jw_u64(o->jw, v);
	} else if (col_visible(o, col)) {
		cell_set(o, col, "%0*" PRIx64, o->table->cols[col].zpad, v);
	}
}

void out_xid(struct out *o, unsigned int col, uint64_t v)
{
	if (o->opts.json) {
		char buf[24];

		if (!json_member(o, col))
			return;
		snprintf(buf, sizeof(buf), "0x%0*" PRIx64, o->table->cols[col].zpad, v);
		jw_str(o->jw, buf);
	} else if (col_visible(o, col)) {
		cell_set(o, col, "%0*" PRIx64, o->table->cols[col].zpad, v);
	}
}

void out_bool(struct out *o, unsigned int col, bool v)
{
	if (o->opts.json) {
		if (json_member(o, col))
			jw_bool(o->jw, v);
	} else if (col_visible(o, col)) {
		cell_set(o, col, "%s", v ? "yes" : "no");
	}
}

void out_fmt(struct out *o, unsigned int col, const char *fmt, ...)
{
	va_list ap;

	if (!col_visible(o, col))
		return;
	va_start(ap, fmt);
	if (o->opts.json) {
		char *s = NULL;

		if (vasprintf(&s, fmt, ap) < 0) {
			o->err = -ENOMEM;
		} else {
			json_member(o, col);
			jw_str(o->jw, s);
			free(s);
		}
	} else {
		cell_vset(o, col, fmt, ap);
	}
	va_end(ap);
}

void out_record_begin(struct out *o, const char *name, unsigned int label_width)
{
	o->label_width = label_width;
	if (!o->opts.json)
		return;
	if (name && jw_in_object(o->jw))
		jw_key(o->jw, name);
	jw_obj_begin(o->jw);
}

void out_record_end(struct out *o)
{
	if (o->opts.json)
		jw_obj_end(o->jw);
}

void out_list_begin(struct out *o, const char *name)
{
	if (!o->opts.json)
		return;
	if (name && jw_in_object(o->jw))
		jw_key(o->jw, name);
	jw_arr_begin(o->jw);
}

void out_list_end(struct out *o)
{
	if (o->opts.json)
		jw_arr_end(o->jw);
}

static void kv_text(struct out *o, const char *label, const char *v)
{
	/* no padding before an empty value: lines end without blanks */
	fprintf(o->opts.fp, "%-*s%s\n", v[0] ? (int)o->label_width : 0, label, v);
	o->printed = true;
}

void out_kv_str(struct out *o, const char *key, const char *label, const char *v)
{
	if (!o->opts.json) {
		if (label)
			kv_text(o, label, v ? v : "n/a");
	} else if (v && key) {
		jw_key(o->jw, key);
		jw_str(o->jw, v);
	}
}

void out_kv_uint(struct out *o, const char *key, const char *label, uint64_t v)
{
	if (!o->opts.json) {
		char buf[24];

		snprintf(buf, sizeof(buf), "%" PRIu64, v);
		if (label)
			kv_text(o, label, buf);
	} else if (key) {
		jw_key(o->jw, key);
		jw_u64(o->jw, v);
	}
}

void out_kv_bool(struct out *o, const char *key, const char *label, bool v)
{
	if (!o->opts.json) {
		if (label)
			kv_text(o, label, v ? "Yes" : "No");
	} else if (key) {
		jw_key(o->jw, key);
		jw_bool(o->jw, v);
	}
}

void out_kv_strv(struct out *o, const char *key, const char *label, const char *const *v)
{
	if (!o->opts.json) {
		if (!label || !v || !v[0])
			return;
		kv_text(o, label, "");
		for (; *v; v++)
			fprintf(o->opts.fp, "  - %s\n", *v);
		return;
	}
	if (!key)
		return;
	jw_key(o->jw, key);
	jw_arr_begin(o->jw);
	for (; v && *v; v++)
		jw_str(o->jw, *v);
	jw_arr_end(o->jw);
}

void out_kv_fmt(struct out *o, const char *key, const char *label, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		o->err = -ENOMEM;
		s = NULL;
	}
	va_end(ap);
	if (s)
		out_kv_str(o, key, label, s);
	free(s);
}

void out_heading(struct out *o, const char *text)
{
	if (o->opts.json)
		return;
	if (o->printed)
		fputc('\n', o->opts.fp);
	fprintf(o->opts.fp, "%s\n", text);
	o->printed = true;
}

void out_separator(struct out *o)
{
	if (!o->opts.json && o->printed)
		fputc('\n', o->opts.fp);
}

void out_note(struct out *o, const char *fmt, ...)
{
	va_list ap;

	if (o->opts.json)
		return;
	va_start(ap, fmt);
	vfprintf(o->opts.fp, fmt, ap);
	va_end(ap);
	fputc('\n', o->opts.fp);
	o->printed = true;
}

int out_free(struct out *o)
{
	int err;

	if (!o)
		return 0;
	if (o->jw)
		jw_free(o->jw);
	table_free(o);
	err = o->err;
	if (fflush(o->opts.fp) != 0 || ferror(o->opts.fp))
		err = err ? err : -EIO;
	free(o);
	return err;
}
