// SPDX-License-Identifier: GPL-2.0
/* out.c - render rows as aligned tables (bounded buffering) or streamed JSON
 *
 * Strings from the kernel, files or the command line are untrusted: in text every cell,
 * value, heading and note is shown through esc_text() (control characters and bytes that
 * are not UTF-8 as \ooo), so no string can move the cursor or forge a line; widths are
 * those of the escaped text. JSON gets the same strings through the JSON writer, which
 * escapes them its own way. Every write goes through put(), which keeps the errno of
 * the first one that fails and writes nothing after it (see out_error()).
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
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
	int			err;		/* first failure, -errno; sticky */
	/* SIGPIPE while we own stdout (see out_new()) */
	bool			sigpipe_saved;
	struct sigaction	old_sigpipe;

	/* the table being rendered */
	const struct out_table	*table;
	unsigned int		active;
	bool			header_done;
	bool			header_wanted;	/* OUT_TABLE_LAZY_HEADER: print it */
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
	/* A reader that went away (smcss | head -1) must be a write error we see, EPIPE,
	 * so the dump stops and the tool ends the way it chooses (tool_finish_output()),
	 * not a signal in the middle of a netlink dump. Restored by out_free(), so a
	 * program smc_run starts gets the disposition we were given.
	 */
	if (o->opts.fp == stdout) {
		struct sigaction ign = { .sa_handler = SIG_IGN };

		sigemptyset(&ign.sa_mask);
		o->sigpipe_saved = sigaction(SIGPIPE, &ign, &o->old_sigpipe) == 0;
	}
	if (o->opts.json) {
		o->jw = jw_new(o->opts.fp, o->opts.pretty);
		if (!o->jw) {
			if (o->sigpipe_saved)
				sigaction(SIGPIPE, &o->old_sigpipe, NULL);
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

int out_error(const struct out *o)
{
	if (o->err)
		return o->err;
	return o->jw ? jw_error(o->jw) : 0;
}

/* Keep the first failure: it is the cause, what follows only its consequences. */
static void fail(struct out *o, int err)
{
	if (!out_error(o))
		o->err = err;
}

/* Text output: every byte goes through here (see the top of this file). */
static void put(struct out *o, const char *s, size_t len)
{
	if (o->err || !len)
		return;
	errno = 0;
	/* ferror() too: glibc does not always report a failed write in the count */
	if (fwrite(s, 1, len, o->opts.fp) != len || ferror(o->opts.fp))
		fail(o, errno ? -errno : -EIO);
}

static void put_str(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void put_char(struct out *o, char c)
{
	put(o, &c, 1);
}

static void put_blanks(struct out *o, size_t n)
{
	static const char blanks[] = "                                ";

	for (size_t k; n; n -= k) {
		k = n < sizeof(blanks) - 1 ? n : sizeof(blanks) - 1;
		put(o, blanks, k);
	}
}

/* A string from the data, escaped (escape.h). Allocates only when there is something to
 * escape, which real data never has.
 */
static void put_escaped(struct out *o, const char *s)
{
	size_t len = strlen(s), elen = esc_text(NULL, 0, s);
	char *e;

	if (elen == len) {
		put(o, s, len);
		return;
	}
	e = malloc(elen + 1);
	if (!e) {
		fail(o, -ENOMEM);
		return;
	}
	esc_text(e, elen + 1, s);
	put(o, e, elen);
	free(e);
}

/* The columns @s takes once escaped (put_escaped()) */
static size_t escaped_columns(struct out *o, const char *s)
{
	size_t len = strlen(s), elen = esc_text(NULL, 0, s), w;
	char *e;

	if (elen == len)
		return utf8_columns(s);
	e = malloc(elen + 1);
	if (!e) {
		fail(o, -ENOMEM);
		return elen;
	}
	esc_text(e, elen + 1, s);
	w = utf8_columns(e);
	free(e);
	return w;
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

/* @s is escaped already (cells are escaped when stored) or one of our headers */
static void print_padded(struct out *o, const char *s, size_t width, enum out_align align,
			 bool last)
{
	size_t len = utf8_columns(s);
	size_t pad = width > len ? width - len : 0;

	if (align == OUT_RIGHT)
		put_blanks(o, pad);
	put_str(o, s);
	if (align == OUT_LEFT && !last)
		put_blanks(o, pad);
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

/* OUT_TABLE_FIXED: smc-tools' printf layout (see out.h) */
static void table_flush_fixed(struct out *o, bool header)
{
	const struct out_table *t = o->table;
	unsigned int nvis = last_visible_col(o);

	if (header && !o->header_done) {
		for (unsigned int c = 0; c < nvis; c++)
			if (col_visible(o, c))
				put_str(o, t->cols[c].header);
		put_char(o, '\n');
		o->printed = true;
	}
	o->header_done = true;

	for (unsigned int r = 0; r < o->nrows; r++) {
		unsigned int len = row_length(o, r);

		for (unsigned int c = 0; c < len; c++) {
			if (!col_visible(o, c))
				continue;
			if (t->cols[c].flags & OUT_COL_SKIP_UNSET &&
			    o->cells[(size_t)r * t->ncols + c] == CELL_UNSET)
				continue;
			print_padded(o, cell_text(o, r, c), t->cols[c].min_width, t->cols[c].align,
				     false);
			put_blanks(o, t->cols[c].gap);
		}
		put_char(o, '\n');
		o->printed = true;
	}
	table_reset_chunk(o);
}

static void table_flush(struct out *o)
{
	const struct out_table *t = o->table;
	unsigned int nvis = last_visible_col(o);
	bool header = !o->opts.no_header && !(t->flags & OUT_TABLE_NO_HEADER) &&
		      (!(t->flags & OUT_TABLE_LAZY_HEADER) || o->nrows || o->header_wanted);

	if (t->flags & OUT_TABLE_FIXED) {
		table_flush_fixed(o, header);
		return;
	}

	/* widths: a row's final cell may spill over when the row stops early, as in smc-tools,
	 * so it does not widen its column for everybody else
	 */
	for (unsigned int r = 0; r < o->nrows && !(t->flags & OUT_TABLE_UNALIGNED); r++) {
		unsigned int len = row_length(o, r);

		for (unsigned int c = 0; c < len; c++) {
			size_t w;

			if (!col_visible(o, c) || (c + 1 == len && len < nvis))
				continue;
			w = utf8_columns(cell_text(o, r, c));
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
				put_char(o, ' ');
			first = false;
			print_padded(o, t->cols[c].header, o->widths[c], t->cols[c].align,
				     c + 1 == nvis);
		}
		put_char(o, '\n');
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
				put_char(o, ' ');
			first = false;
			print_padded(o, cell_text(o, r, c), o->widths[c], t->cols[c].align,
				     c + 1 == len);
		}
		put_char(o, '\n');
		o->printed = true;
	}
	table_reset_chunk(o);
}

void out_table_want_header(struct out *o)
{
	o->header_wanted = true;
}

void out_table_begin(struct out *o, const struct out_table *t, unsigned int active)
{
	o->table = t;
	o->active = active;
	o->header_done = false;
	o->header_wanted = false;
	if (o->opts.json) {
		/* written with the first row, so a command failing before it prints nothing */
		o->json_pending = true;
		return;
	}
	free(o->widths);
	o->widths = calloc(t->ncols, sizeof(*o->widths));
	if (!o->widths) {
		fail(o, -ENOMEM);
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
			fail(o, -ENOMEM);
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

static bool arena_reserve(struct out *o, size_t need)
{
	size_t cap = o->arena_cap ? o->arena_cap : 4096;
	char *arena;

	if (o->arena_len + need <= o->arena_cap)
		return true;
	while (cap < o->arena_len + need)
		cap *= 2;
	arena = realloc(o->arena, cap);
	if (!arena) {
		fail(o, -ENOMEM);
		return false;
	}
	o->arena = arena;
	o->arena_cap = cap;
	return true;
}

/* Store a formatted table cell in the arena, escaped: the widths are then simply those
 * of what is stored.
 */
static void cell_vset(struct out *o, unsigned int col, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
static void cell_vset(struct out *o, unsigned int col, const char *fmt, va_list ap)
{
	va_list ap2;
	size_t len, elen;
	char *cell;
	int n;

	if (o->nrows >= o->rows_cap || o->err)
		return;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	len = (size_t)n;
	if (!arena_reserve(o, len + 1))
		return;
	cell = o->arena + o->arena_len;
	vsnprintf(cell, len + 1, fmt, ap);
	elen = esc_text(NULL, 0, cell);
	if (elen != len) {
		/* escape behind the raw text, then move it into place */
		if (!arena_reserve(o, len + 1 + elen + 1))
			return;
		cell = o->arena + o->arena_len;
		esc_text(cell + len + 1, elen + 1, cell);
		memmove(cell, cell + len + 1, elen + 1);
		len = elen;
	}
	o->cells[(size_t)o->nrows * o->table->ncols + col] = o->arena_len;
	o->arena_len += len + 1;
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
		if (!s[0] && o->table->cols[col].flags & OUT_COL_OMIT_EMPTY)
			return;
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

void out_strv(struct out *o, unsigned int col, const char *const *v)
{
	if (!v || !col_visible(o, col))
		return;
	if (o->opts.json) {
		json_member(o, col);
		jw_arr_begin(o->jw);
		for (; *v; v++)
			jw_str(o->jw, *v);
		jw_arr_end(o->jw);
		return;
	}
	{
		size_t len = 1;
		char *joined, *end;

		for (const char *const *p = v; *p; p++)
			len += strlen(*p) + 2;
		joined = malloc(len);
		if (!joined) {
			fail(o, -ENOMEM);
			return;
		}
		end = joined;
		*end = '\0';
		for (const char *const *p = v; *p; p++)
			end += sprintf(end, "%s%s", p == v ? "" : "; ", *p);
		cell_set(o, col, "%s", joined);
		free(joined);
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
			fail(o, -ENOMEM);
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

/* "Label:    value", the label padded as smc-tools pads it, also before an empty value
 * ("PNET-ID  : "); @width > 0 pads the value too (see out_kv_padded()).
 */
static void kv_text(struct out *o, const char *label, const char *v, size_t width)
{
	size_t len = strlen(label);

	put_str(o, label);
	if (len < o->label_width)
		put_blanks(o, o->label_width - len);
	put_escaped(o, v);
	if (width) {
		len = escaped_columns(o, v);
		if (len < width)
			put_blanks(o, width - len);
	}
	put_char(o, '\n');
	o->printed = true;
}

void out_kv_padded(struct out *o, const char *key, const char *label, const char *v,
		   unsigned int width)
{
	if (!o->opts.json) {
		if (label)
			kv_text(o, label, v ? v : "n/a", v ? width : 0);
	} else if (v && key) {
		jw_key(o->jw, key);
		jw_str(o->jw, v);
	}
}

void out_kv_str(struct out *o, const char *key, const char *label, const char *v)
{
	out_kv_padded(o, key, label, v, 0);
}

void out_kv_uint(struct out *o, const char *key, const char *label, uint64_t v)
{
	if (!o->opts.json) {
		char buf[24];

		snprintf(buf, sizeof(buf), "%" PRIu64, v);
		if (label)
			kv_text(o, label, buf, 0);
	} else if (key) {
		jw_key(o->jw, key);
		jw_u64(o->jw, v);
	}
}

void out_kv_bool(struct out *o, const char *key, const char *label, bool v)
{
	if (!o->opts.json) {
		if (label)
			kv_text(o, label, v ? "Yes" : "No", 0);
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
		/* a heading line of its own, with no blanks after it */
		put_str(o, label);
		put_char(o, '\n');
		o->printed = true;
		for (; *v; v++) {
			put_str(o, "  - ");
			put_escaped(o, *v);
			put_char(o, '\n');
		}
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
		fail(o, -ENOMEM);
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
		put_char(o, '\n');
	put_escaped(o, text);
	put_char(o, '\n');
	o->printed = true;
}

void out_separator(struct out *o)
{
	if (!o->opts.json && o->printed)
		put_char(o, '\n');
}

void out_note(struct out *o, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	if (o->opts.json || out_error(o))
		return;
	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		fail(o, -ENOMEM);
		return;
	}
	/* the whole line: notes carry device names, EIDs and other data */
	put_escaped(o, s);
	put_char(o, '\n');
	free(s);
	o->printed = true;
}

void out_help(struct out *o, const char *text)
{
	put_str(o, text);
	put_char(o, '\n');
	o->printed = true;
}

int out_free(struct out *o)
{
	int err;

	if (!o)
		return 0;
	if (o->jw) {
		struct json_writer *jw = o->jw;

		o->jw = NULL;
		err = jw_free(jw);	/* closes what is open, so a failed command leaves valid JSON */
		if (err)
			fail(o, err);
	}
	table_free(o);
	/* what is still buffered fails here, if anywhere: its errno is the one to keep */
	errno = 0;
	if (fflush(o->opts.fp) != 0)
		fail(o, errno ? -errno : -EIO);
	else if (ferror(o->opts.fp))
		fail(o, -EIO);	/* someone else's write failed before: errno is gone */
	/* the caller reports it: a later writer on the same stream must not again */
	clearerr(o->opts.fp);
	err = o->err;
	if (o->sigpipe_saved)
		sigaction(SIGPIPE, &o->old_sigpipe, NULL);
	free(o);
	return err;
}
