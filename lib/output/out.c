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
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "digits.h"
#include "escape.h"
#include "json_writer.h"
#include "out.h"

/* Big enough that real tables align as one block, small enough that a dump of 100k
 * sockets keeps memory flat (ss uses the same idea with its chunked renderer).
 */
#define OUT_DEFAULT_FLUSH_ROWS 1024

#define CELL_UNSET SIZE_MAX

/* a stored table cell: where its escaped text starts in the arena (CELL_UNSET: empty),
 * its length and the columns it takes on a terminal
 */
struct cell {
	size_t		off;
	uint32_t	len, cols;
};

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
	/* col_visible() of each column of the open table, and the last visible one + 1:
	 * asked for every cell of every row, so worked out once per table
	 */
	bool			*visible;
	unsigned int		nvisible;
	/* ncols + 1: the first visible column at or after each, ncols if none; a row skips
	 * the columns it does not show (most of smcss's are JSON's only) in one step
	 */
	unsigned int		*next_visible;
	/* JSON: strlen() of each column's key, so a member's name is not measured per row */
	unsigned int		*key_len;
	/* OUT_TABLE_FIXED in text: rows are put together as text as they come
	 * (fixed_cell()), in o->line, and written a chunk of rows at a time: the next column
	 * of the row being built, where it starts, the complete rows held, and whether a
	 * chunk of this table was written already
	 */
	bool			streaming;
	unsigned int		next_col;
	struct span {
		size_t		start, len;
	}			*spans;		/* ncols: each cell's bytes in the row */
	size_t			row_start;
	unsigned int		chunk_rows;
	bool			chunk_out;
	char			*line;
	size_t			line_len, line_cap;
	/* the OUT_COL_OWN_LINE cells of the row being built, lines ready to follow it;
	 * own_lines: the table shows such a column (most do not: the cells skip the test)
	 */
	bool			own_lines;
	char			*after;
	size_t			after_len, after_cap;

	/* the buffered chunk of rows: cell texts in one arena, offsets per cell */
	char			*arena;
	size_t			arena_len, arena_cap;
	struct cell		*cells;		/* rows_cap * ncols */
	unsigned int		*row_lens;	/* rows_cap: last visible cell set + 1 */
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

/* 32 blanks (no NUL): padding is copied from here */
static const char blanks[32] = "                                ";

static void put_blanks(struct out *o, size_t n)
{
	for (size_t k; n; n -= k) {
		k = n < sizeof(blanks) ? n : sizeof(blanks);
		put(o, blanks, k);
	}
}

/* A string from the data, escaped (escape.h); returns the terminal columns it took.
 * Allocates only when there is something to escape, which real data never has.
 */
static size_t put_escaped(struct out *o, const char *s)
{
	size_t len = strlen(s), elen = esc_text(NULL, 0, s), cols;
	char *e;

	if (elen == len) {
		put(o, s, len);
		return utf8_columns(s);
	}
	e = malloc(elen + 1);
	if (!e) {
		fail(o, -ENOMEM);
		return 0;
	}
	esc_text(e, elen + 1, s);
	put(o, e, elen);
	cols = utf8_columns(e);
	free(e);
	return cols;
}

/* the cold path of col_visible(), kept out of line so that col_visible() inlines */
static __attribute__((noinline)) bool col_shown(const struct out *o, unsigned int col)
{
	const struct out_col *c = table_col(o->table, col);

	if (c->groups && !(c->groups & o->active))
		return false;
	return o->opts.json ? c->key != NULL : c->header != NULL;
}

/* asked for every cell: inline, the cache is there but when memory ran out */
static inline bool col_visible(const struct out *o, unsigned int col)
{
	return o->visible ? o->visible[col] : col_shown(o, col);
}

/* The first column at or after @c that the table shows, o->table->ncols if none */
static unsigned int next_shown(const struct out *o, unsigned int c)
{
	if (o->next_visible)
		return o->next_visible[c];
	while (c < o->table->ncols && !col_visible(o, c))
		c++;
	return c;
}

/* Work out col_visible() for every column of the table just opened. */
static void visibility_cache(struct out *o)
{
	const struct out_table *t = o->table;

	free(o->visible);
	free(o->next_visible);
	free(o->key_len);
	o->nvisible = 0;
	o->visible = malloc(t->ncols ? t->ncols : 1);
	o->next_visible = malloc((t->ncols + 1) * sizeof(*o->next_visible));
	o->key_len = malloc((t->ncols ? t->ncols : 1) * sizeof(*o->key_len));
	if (!o->visible || !o->next_visible || !o->key_len) {
		free(o->visible);
		free(o->next_visible);
		free(o->key_len);
		o->visible = NULL;
		o->next_visible = NULL;
		o->key_len = NULL;
		fail(o, -ENOMEM);
		return;
	}
	o->own_lines = false;
	for (unsigned int c = 0; c < t->ncols; c++) {
		const char *key = table_col(t, c)->key;

		o->visible[c] = col_shown(o, c);
		if (o->visible[c])
			o->nvisible = c + 1;
		if (o->visible[c] && table_col(t, c)->flags & OUT_COL_OWN_LINE)
			o->own_lines = true;
		o->key_len[c] = key ? (unsigned int)strlen(key) : 0;
	}
	o->next_visible[t->ncols] = t->ncols;
	for (unsigned int c = t->ncols; c-- > 0;)
		o->next_visible[c] = o->visible[c] ? c : o->next_visible[c + 1];
}

/* Room for @need more bytes after the @len used of the buffer *@buf (*@cap bytes; it
 * doubles, from @first): the row text and the cell arena grow alike.
 */
static bool buf_reserve(struct out *o, char **buf, size_t *cap, size_t len, size_t need,
			size_t first)
{
	size_t want = *cap ? *cap : first;
	char *bigger;

	if (len + need <= *cap && *buf)
		return true;
	while (want < len + need)
		want *= 2;
	bigger = realloc(*buf, want);
	if (!bigger) {
		fail(o, -ENOMEM);
		return false;
	}
	*buf = bigger;
	*cap = want;
	return true;
}

/* Room for @len more bytes in o->line. */
/* once per cell: the common case, room enough, needs no call */
static inline bool line_reserve(struct out *o, size_t len)
{
	if (o->line && o->line_len + len <= o->line_cap)
		return true;
	return buf_reserve(o, &o->line, &o->line_cap, o->line_len, len, 256);
}

/* The row being printed: appended to o->line, written once complete. */
static void line_add(struct out *o, const char *s, size_t len)
{
	if (!line_reserve(o, len))
		return;
	memcpy(o->line + o->line_len, s, len);
	o->line_len += len;
}

/* Write the complete rows held (and the header before them), keep a row being built. */
static void chunk_flush(struct out *o)
{
	size_t partial = o->line_len - o->row_start;

	if (o->row_start) {
		put(o, o->line, o->row_start);
		o->chunk_out = true;
		memmove(o->line, o->line + o->row_start, partial);
	}
	o->line_len = partial;
	o->row_start = 0;
	o->chunk_rows = 0;
}

static void table_free(struct out *o)
{
	free(o->widths);
	o->widths = NULL;
	free(o->cells);
	o->cells = NULL;
	free(o->row_lens);
	o->row_lens = NULL;
	o->rows_cap = 0;
	free(o->arena);
	o->arena = NULL;
	o->arena_cap = 0;
	free(o->line);
	o->line = NULL;
	o->line_len = o->line_cap = 0;
	free(o->after);
	o->after = NULL;
	o->after_len = o->after_cap = 0;
	free(o->visible);
	o->visible = NULL;
	o->nvisible = 0;
	free(o->next_visible);
	o->next_visible = NULL;
	free(o->key_len);
	o->key_len = NULL;
	o->streaming = false;
	free(o->spans);
	o->spans = NULL;
	o->row_start = 0;
	o->chunk_rows = 0;
	o->chunk_out = false;
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

/* Number of cells a buffered row prints: up to and including its last set cell (only
 * visible ones are ever set).
 */
static unsigned int row_length(const struct out *o, unsigned int row)
{
	return o->row_lens[row];
}

static unsigned int last_visible_col(const struct out *o)
{
	unsigned int last = 0;

	if (o->visible)
		return o->nvisible;
	for (unsigned int c = 0; c < o->table->ncols; c++)
		if (col_visible(o, c))
			last = c + 1;
	return last;
}

static const struct cell unset_cell = { CELL_UNSET, 1, 1 };

static const struct cell *cell_at(const struct out *o, unsigned int row, unsigned int col)
{
	const struct cell *c = &o->cells[(size_t)row * o->table->ncols + col];

	return c->off == CELL_UNSET ? &unset_cell : c;
}

static const char *cell_text(const struct out *o, const struct cell *c)
{
	return c->off == CELL_UNSET ? "-" : o->arena + c->off;
}

/* Is a header printed for the open table (OUT_TABLE_LAZY_HEADER aside)? */
static bool header_enabled(const struct out *o)
{
	return !o->opts.no_header && !(o->table->flags & OUT_TABLE_NO_HEADER);
}

/*
 * OUT_TABLE_FIXED: smc-tools' printf layout (see out.h). Nothing is aligned across rows,
 * so no cell is stored: each row is put together as text, cell by cell as the view sets
 * them, in column order. Complete rows are written a chunk (opts.flush_rows) at a time,
 * like the other tables: a dump that fails within the first chunk prints nothing.
 */
static void fixed_header(struct out *o)
{
	const struct out_table *t = o->table;

	if (o->header_done)
		return;
	o->header_done = true;
	for (unsigned int c = 0; c < o->nvisible; c++)
		if (col_visible(o, c))
			line_add(o, table_col(t, c)->header, strlen(table_col(t, c)->header));
	line_add(o, "\n", 1);
	o->row_start = o->line_len;
	o->printed = true;
}

/* The bytes @text (@len of them, @cols terminal columns) take in a row: padded to the
 * column's width, then its gap.
 */
static size_t padded_len(const struct out_col *col, size_t len, size_t cols)
{
	return len + (col->min_width > cols ? col->min_width - cols : 0) + col->gap;
}

/* Write @text padded (padded_len() bytes) at @p. */
static void pad_into(char *p, const struct out_col *col, const char *text, size_t len,
		     size_t cols)
{
	size_t pad = col->min_width > cols ? col->min_width - cols : 0;

	if (col->align == OUT_RIGHT) {
		memset(p, ' ', pad);
		p += pad;
		pad = 0;
	}
	memcpy(p, text, len);
	memset(p + len, ' ', pad + col->gap);
}

/*
 * Appending cells is what a listing does most, a few times per row: blanks are copied
 * in one fixed-size move of sizeof(blanks), and short texts without a call to memcpy().
 * The row buffer keeps that much room beyond what a cell takes, so the moves may
 * overshoot.
 */
static void cell_blanks(char *p, size_t n)
{
	if (n <= sizeof(blanks))
		memcpy(p, blanks, sizeof(blanks));
	else
		memset(p, ' ', n);
}

/* @len bytes of @s to @p; the moves stay within both */
static void put_text(char *p, const char *s, size_t len)
{
	if (len >= 8 && len <= 16) {
		memcpy(p, s, 8);
		memcpy(p + len - 8, s + len - 8, 8);
	} else if (len >= 4 && len < 8) {
		memcpy(p, s, 4);
		memcpy(p + len - 4, s + len - 4, 4);
	} else if (len < 4) {
		for (size_t i = 0; i < len; i++)
			p[i] = s[i];
	} else {
		memcpy(p, s, len);
	}
}

/* Append column @c's cell to the row, and note where it is (o->spans). */
static void fixed_append(struct out *o, unsigned int c, const char *text, size_t len,
			 size_t cols)
{
	const struct out_col *col = table_col(o->table, c);
	size_t pad = col->min_width > cols ? col->min_width - cols : 0;
	size_t n = len + pad + col->gap;
	char *p;

	if (o->line_len + n + sizeof(blanks) > o->line_cap &&
	    !line_reserve(o, n + sizeof(blanks)))
		return;
	p = o->line + o->line_len;
	if (col->align == OUT_RIGHT) {
		cell_blanks(p, pad);
		p += pad;
		pad = 0;
	}
	put_text(p, text, len);
	cell_blanks(p + len, pad + col->gap);
	o->spans[c].start = o->line_len;
	o->spans[c].len = n;
	o->line_len += n;
}

/* A cell for column @c, which the row has passed already (set before, left unset as "-",
 * or not shown by its flags): put in its place, the rest of the row moved. Views set
 * their cells in column order; this keeps one that does not from garbling the row.
 */
static void fixed_replace(struct out *o, unsigned int c, const char *text, size_t len,
			  size_t cols)
{
	const struct out_col *col = table_col(o->table, c);
	struct span *sp = &o->spans[c];
	size_t n = padded_len(col, len, cols), tail = o->line_len - sp->start - sp->len;

	if (n > sp->len && !line_reserve(o, n - sp->len))
		return;
	memmove(o->line + sp->start + n, o->line + sp->start + sp->len, tail);
	pad_into(o->line + sp->start, col, text, len, cols);
	o->line_len = sp->start + n + tail;
	for (unsigned int k = next_shown(o, c + 1); k < o->next_col; k = next_shown(o, k + 1))
		o->spans[k].start = o->spans[k].start - sp->len + n;
	sp->len = n;
}

/* An OUT_COL_OWN_LINE cell: "  TEXT\n", printed after the row */
static void fixed_own_line(struct out *o, const char *text, size_t len)
{
	if (!buf_reserve(o, &o->after, &o->after_cap, o->after_len, len + 3, 64))
		return;
	memcpy(o->after + o->after_len, "  ", 2);
	memcpy(o->after + o->after_len + 2, text, len);
	o->after[o->after_len + 2 + len] = '\n';
	o->after_len += len + 3;
}

static void fixed_cell(struct out *o, unsigned int col, const char *text, size_t len,
		       size_t cols)
{
	const struct out_table *t = o->table;

	if (o->own_lines && table_col(t, col)->flags & OUT_COL_OWN_LINE) {
		fixed_own_line(o, text, len);
		return;
	}
	if (col < o->next_col) {
		fixed_replace(o, col, text, len, cols);
		return;
	}
	/* cells left unset before this one print as "-" (or nothing: OUT_COL_SKIP_UNSET);
	 * the spans of columns not shown are never read, as such cells are never set
	 */
	for (unsigned int c = next_shown(o, o->next_col); c < col; c = next_shown(o, c + 1)) {
		if (!(table_col(t, c)->flags & (OUT_COL_SKIP_UNSET | OUT_COL_OWN_LINE))) {
			fixed_append(o, c, "-", 1, 1);
		} else {
			o->spans[c].start = o->line_len;
			o->spans[c].len = 0;
		}
	}
	fixed_append(o, col, text, len, cols);
	o->next_col = col + 1;
}

static void table_flush(struct out *o)
{
	const struct out_table *t = o->table;
	unsigned int nvis = last_visible_col(o);
	bool header = header_enabled(o) &&
		      (!(t->flags & OUT_TABLE_LAZY_HEADER) || o->nrows || o->header_wanted);

	if (o->streaming) {	/* the rows are text already: an empty table's header */
		if (header)
			fixed_header(o);
		o->header_done = true;
		chunk_flush(o);
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
			w = cell_at(o, r, c)->cols;
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
			print_padded(o, table_col(t, c)->header, o->widths[c], table_col(t, c)->align,
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
			print_padded(o, cell_text(o, cell_at(o, r, c)), o->widths[c], table_col(t, c)->align,
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
	visibility_cache(o);
	if (o->opts.json) {
		/* written with the first row, so a command failing before it prints nothing */
		o->json_pending = true;
		return;
	}
	o->streaming = t->flags & OUT_TABLE_FIXED;
	if (o->streaming) {
		free(o->spans);
		o->spans = calloc(t->ncols ? t->ncols : 1, sizeof(*o->spans));
		if (!o->spans) {
			o->streaming = false;	/* the buffered tables' way, then */
			fail(o, -ENOMEM);
		}
	}
	free(o->widths);
	o->widths = calloc(t->ncols, sizeof(*o->widths));
	if (!o->widths) {
		fail(o, -ENOMEM);
		return;
	}
	for (unsigned int c = 0; c < t->ncols; c++) {
		size_t hlen = table_col(t, c)->header ? strlen(table_col(t, c)->header) : 0;

		if (t->flags & OUT_TABLE_UNALIGNED)
			continue;
		o->widths[c] = table_col(t, c)->min_width;
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
		table_free(o);
		return;
	}
	if (o->widths)
		table_flush(o);
	table_free(o);
}

void out_table_abort(struct out *o)
{
	if (o->streaming)	/* a row cut short is left out */
		o->line_len = o->row_start;
	if (o->opts.json ? o->json_pending : o->streaming ? !o->chunk_out : !o->header_done) {
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
	if (o->streaming) {
		if (header_enabled(o))
			fixed_header(o);
		o->header_done = true;
		o->next_col = 0;
		o->line_len = o->row_start;	/* a row begun but never ended is dropped */
		o->after_len = 0;
		return;
	}
	if (o->nrows == o->rows_cap) {
		unsigned int cap = o->rows_cap ? o->rows_cap * 2 : 64;
		struct cell *cells;
		unsigned int *lens;

		if (cap > o->opts.flush_rows)
			cap = o->opts.flush_rows;
		cells = realloc(o->cells, (size_t)cap * ncols * sizeof(*cells));
		if (cells)
			o->cells = cells;
		lens = realloc(o->row_lens, cap * sizeof(*lens));
		if (lens)
			o->row_lens = lens;
		if (!cells || !lens) {
			fail(o, -ENOMEM);
			return;
		}
		o->rows_cap = cap;
	}
	for (size_t c = 0; c < ncols; c++)
		o->cells[(size_t)o->nrows * ncols + c].off = CELL_UNSET;
	o->row_lens[o->nrows] = 0;
}

void out_row_end(struct out *o)
{
	if (o->opts.json) {
		jw_obj_end(o->jw);
		if (++o->chunk_rows >= o->opts.flush_rows) {
			o->chunk_rows = 0;
			jw_sync(o->jw);
		}
		return;
	}
	if (o->streaming) {
		line_add(o, "\n", 1);
		if (o->after_len)
			line_add(o, o->after, o->after_len);
		o->after_len = 0;
		o->row_start = o->line_len;
		o->printed = true;
		if (++o->chunk_rows >= o->opts.flush_rows)
			chunk_flush(o);
		return;
	}
	if (o->nrows >= o->rows_cap)	/* the row could not be stored */
		return;
	if (++o->nrows >= o->opts.flush_rows)
		table_flush(o);
}

/* The cell of @col in the row being built is the @len bytes just put at the arena's
 * end, escaped; @plain: all of them printable ASCII, one column each.
 */
static void cell_stored(struct out *o, unsigned int col, size_t len, bool plain)
{
	struct cell *c;

	if (o->streaming) {	/* the arena was only the scratch space */
		const char *text = o->arena + o->arena_len;

		fixed_cell(o, col, text, len, plain ? len : utf8_columns(text));
		return;
	}
	c = &o->cells[(size_t)o->nrows * o->table->ncols + col];

	c->off = o->arena_len;
	c->len = (uint32_t)len;
	c->cols = plain ? (uint32_t)len : (uint32_t)utf8_columns(o->arena + o->arena_len);
	o->arena_len += len + 1;
	if (col + 1 > o->row_lens[o->nrows])
		o->row_lens[o->nrows] = col + 1;
}

static bool arena_reserve(struct out *o, size_t need)
{
	return buf_reserve(o, &o->arena, &o->arena_cap, o->arena_len, need, 4096);
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

	if ((!o->streaming && o->nrows >= o->rows_cap) || o->err)
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
	if (elen > UINT32_MAX) {
		fail(o, -EOVERFLOW);
		return;
	}
	if (elen != len) {
		/* escape behind the raw text, then move it into place */
		if (!arena_reserve(o, len + 1 + elen + 1))
			return;
		cell = o->arena + o->arena_len;
		esc_text(cell + len + 1, elen + 1, cell);
		memmove(cell, cell + len + 1, elen + 1);
		len = elen;
	}
	cell_stored(o, col, len, false);
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

bool out_wants(const struct out *o, unsigned int col)
{
	return col_visible(o, col);
}

const unsigned int *out_wanted_index(const struct out *o)
{
	return o->next_visible;
}

/* Printable ASCII other than the backslash: stored as it is, esc_text() would not
 * change it (real data is all like this).
 */
static bool plain_text(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c > 0x7e || c == '\\')
			return false;
	}
	return true;
}

/* Store @len bytes of plain text (plain_text(): our own digits and words, or checked)
 * as a cell.
 */
static void cell_put_plain(struct out *o, unsigned int col, const char *s, size_t len)
{
	if ((!o->streaming && o->nrows >= o->rows_cap) || o->err)
		return;
	if (o->streaming) {
		fixed_cell(o, col, s, len, len);
		return;
	}
	if (!arena_reserve(o, len + 1))
		return;
	memcpy(o->arena + o->arena_len, s, len);
	o->arena[o->arena_len + len] = '\0';
	cell_stored(o, col, len, true);
}

/* Store the string @s of @len bytes from the data as a cell: a copy when it needs no
 * escaping, the way every table cell is filled but those of out_fmt(); no printf.
 */
static void cell_put(struct out *o, unsigned int col, const char *s, size_t len)
{
	if ((!o->streaming && o->nrows >= o->rows_cap) || o->err)
		return;
	if (len > INT_MAX) {	/* what printf could not format either */
		fail(o, -EOVERFLOW);
		return;
	}
	if (!plain_text(s, len)) {
		cell_set(o, col, "%s", s);
		return;
	}
	cell_put_plain(o, col, s, len);
}

/* A number cell: @v in @base (10 or 16, lower case), zero-padded to the column's zpad
 * digits (up to 31), as "%0*" PRIu64 / PRIx64 would print it. The digits are written
 * from the end of a buffer and used where they end up, with no pass to reverse them.
 */
static void cell_digits(struct out *o, unsigned int col, uint64_t v, unsigned int base)
{
	char buf[32], *end = buf + sizeof(buf), *p = end;
	size_t zpad = table_col(o->table, col)->zpad;

	if (base == 16) {
		do {
			*--p = "0123456789abcdef"[v & 0xf];
			v >>= 4;
		} while (v);
	} else {
		p = dec_digits(end, v);
	}
	if (zpad > sizeof(buf) - 1)
		zpad = sizeof(buf) - 1;
	while ((size_t)(end - p) < zpad)
		*--p = '0';
	cell_put_plain(o, col, p, (size_t)(end - p));
}

/* JSON: write the member name and report whether the value should follow. */
static bool json_member(struct out *o, unsigned int col)
{
	if (!col_visible(o, col))
		return false;
	if (o->key_len)
		jw_key_len(o->jw, table_col(o->table, col)->key, o->key_len[col]);
	else
		jw_key(o->jw, table_col(o->table, col)->key);
	return true;
}

void out_str(struct out *o, unsigned int col, const char *s)
{
	if (!s)
		return;
	if (o->opts.json) {
		if (!s[0] && table_col(o->table, col)->flags & OUT_COL_OMIT_EMPTY)
			return;
		if (json_member(o, col))
			jw_str(o->jw, s);
	} else if (col_visible(o, col)) {
		cell_put(o, col, s, strlen(s));
	}
}

void out_own_str(struct out *o, unsigned int col, const char *s)
{
	if (o->opts.json) {
		if ((s[0] || !(table_col(o->table, col)->flags & OUT_COL_OMIT_EMPTY)) &&
		    json_member(o, col))
			jw_own_str(o->jw, s);
	} else if (col_visible(o, col)) {
		cell_put_plain(o, col, s, strlen(s));
	}
}

void out_uint(struct out *o, unsigned int col, uint64_t v)
{
	if (o->opts.json) {
		if (json_member(o, col))
			jw_u64(o->jw, v);
	} else if (col_visible(o, col)) {
		cell_digits(o, col, v, 10);
	}
}

void out_xint(struct out *o, unsigned int col, uint64_t v)
{
	if (o->opts.json) {
		if (json_member(o, col))
			jw_u64(o->jw, v);
	} else if (col_visible(o, col)) {
		cell_digits(o, col, v, 16);
	}
}

void out_xid(struct out *o, unsigned int col, uint64_t v)
{
	if (o->opts.json) {
		char buf[24];

		if (!json_member(o, col))
			return;
		snprintf(buf, sizeof(buf), "0x%0*" PRIx64, table_col(o->table, col)->zpad, v);
		jw_str(o->jw, buf);
	} else if (col_visible(o, col)) {
		cell_digits(o, col, v, 16);
	}
}

void out_bool(struct out *o, unsigned int col, bool v)
{
	if (o->opts.json) {
		if (json_member(o, col))
			jw_bool(o->jw, v);
	} else if (col_visible(o, col)) {
		cell_put_plain(o, col, v ? "yes" : "no", v ? 3 : 2);
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
	len = put_escaped(o, v);
	if (len < width)
		put_blanks(o, width - len);
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

void out_format_line(struct out *o, const char *line)
{
	if (o->opts.json || out_error(o))
		return;
	put_str(o, line);
	put_char(o, '\n');
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
