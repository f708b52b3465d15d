/* SPDX-License-Identifier: GPL-2.0 */
/* out.h - the output layer: rows described once, rendered as an aligned table or as JSON
 *
 * This is the only code that writes to stdout. Views describe their columns with
 * struct out_col and fill one row at a time; the engine either streams JSON objects or
 * buffers a bounded chunk of rows, aligns them and prints them.
 *
 * Strings may come from anywhere (the kernel, a peer, a file, the command line): text
 * output shows control characters and bytes that are not UTF-8 as \ooo escapes (see
 * esc_text()), JSON output is always valid UTF-8 (see json_writer.c).
 *
 * Write errors: the first one is kept with its errno (out_error()) and nothing is written
 * after it. A view's dump callback returns out_error(), so a failed write ends the
 * netlink dump at once; tool_finish_output() then reports it.
 */
#ifndef SMC_OUT_H
#define SMC_OUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum out_align { OUT_LEFT, OUT_RIGHT };

struct out_col {
	const char	*key;		/* JSON member name (snake_case, stable API); NULL: text only */
	const char	*header;	/* table header; NULL: JSON only (see OUT_TABLE_FIXED) */
	enum out_align	align;
	unsigned int	groups;		/* 0: always shown; else shown when groups & active */
	unsigned char	min_width;	/* keeps alignment stable across flushed chunks */
	unsigned char	zpad;		/* numbers: zero-pad to this many digits in tables */
	unsigned char	gap;		/* OUT_TABLE_FIXED: blanks after the cell */
	unsigned char	flags;		/* OUT_COL_* */
};

enum {
	OUT_COL_OMIT_EMPTY = 1u << 0,	/* JSON leaves the member out for an empty string */
	OUT_COL_SKIP_UNSET = 1u << 1,	/* OUT_TABLE_FIXED: unset, it prints nothing, not "-" */
	/* OUT_TABLE_FIXED text: the cell is printed on a line of its own after its row's,
	 * indented by two blanks, and takes no place in the row (smc-tools' rows end at
	 * different columns, so nothing can follow them); give it the header ""
	 */
	OUT_COL_OWN_LINE = 1u << 2,
};

/* a column of an OUT_TABLE_FIXED table: smc-tools' "%-8s " is width 8, gap 1 */
#define OUT_FIXED(key, header, align, groups, width, zpad, gap) \
	{ key, header, align, groups, width, zpad, gap, 0 }
/* a column of one of our own tables, aligned to its widest cell (see min_width) */
#define OUT_ALIGNED(key, header, align, groups, min_width, zpad) \
	{ key, header, align, groups, min_width, zpad, 0, 0 }
/* a column only JSON shows (zpad: digits of a 0x... id string, see out_xid()) */
#define OUT_JSON_ONLY(key, groups, zpad) { key, NULL, OUT_LEFT, groups, 0, zpad, 0, 0 }

enum {
	OUT_TABLE_NO_HEADER = 1u << 0,	/* a plain list: no header line even in table mode */
	OUT_TABLE_UNALIGNED = 1u << 1,	/* cells separated by one blank, not padded */
	/*
	 * smc-tools' layout, byte for byte (scripts parse it): the header line is the
	 * visible columns' headers printed as they are, blanks included; a cell is padded
	 * to min_width and followed by its gap, also after the last one; nothing is aligned
	 * across rows, and a longer value pushes the rest of its row right, as printf does.
	 * A column whose header is "" shows in rows only. No cell is stored: each row is
	 * put together as text as its cells are set, cheapest in column order (a cell set
	 * out of order is moved into its place).
	 */
	OUT_TABLE_FIXED = 1u << 2,
	/* smc-tools prints a linkgroup or device header with the kernel's first reply, so an
	 * empty dump prints nothing: the header waits for a row or out_table_want_header()
	 */
	OUT_TABLE_LAZY_HEADER = 1u << 3,
};

struct out_table {
	const char		*name;	/* JSON member name when opened inside an object */
	const struct out_col	*cols;
	unsigned int		ncols;
	unsigned int		flags;	/* OUT_TABLE_* */
	/* bytes from one column to the next: 0 for an array of struct out_col; a view that
	 * describes each field once (view.h) embeds the column in a bigger descriptor
	 */
	size_t			col_size;
};

static inline const struct out_col *table_col(const struct out_table *t, unsigned int i)
{
	size_t stride = t->col_size ? t->col_size : sizeof(*t->cols);

	return (const struct out_col *)(const void *)((const char *)t->cols + i * stride);
}

struct out_opts {
	bool		json;
	bool		pretty;
	bool		no_header;	/* suppress table headers */
	unsigned int	flush_rows;	/* rows buffered before a table chunk is printed; 0: default */
	FILE		*fp;		/* NULL: stdout */
};

struct out;

/* Writing to stdout, SIGPIPE is ignored until out_free(): a closed pipe is EPIPE.
 * Return: 0, or -ENOMEM.
 */
int out_new(struct out **op, const struct out_opts *opts);
/**
 * out_free() - finish the output and free @o
 *
 * Closes open JSON containers, so stdout stays valid JSON when a command fails half-way.
 * Return: 0, or out_error() after the final flush.
 */
int out_free(struct out *o);
bool out_is_json(const struct out *o);
/**
 * out_error() - has the output failed?
 *
 * Return: 0, or the first failure as -errno: that of the write that failed (-EPIPE,
 * -ENOSPC, -EBADF ...), or -ENOMEM if a row could not be stored. It stays set, and
 * nothing more is written. Dump callbacks return it to stop reading.
 */
int out_error(const struct out *o);

/* @active selects the column groups to show (see struct out_col.groups). */
void out_table_begin(struct out *o, const struct out_table *t, unsigned int active);
void out_table_end(struct out *o);
/* End a table after a failure: prints nothing if nothing of it was printed yet,
 * otherwise ends it like out_table_end() so the output stays well-formed.
 */
void out_table_abort(struct out *o);
/* OUT_TABLE_LAZY_HEADER: the kernel replied, so the header is printed even without rows */
void out_table_want_header(struct out *o);
void out_row_begin(struct out *o);
/* A row may stop early: cells after the last one set are not printed at all (the way
 * smc-tools ends LISTEN and fallback rows); unset cells before it print as "-".
 */
void out_row_end(struct out *o);

/* Does this output show column @col? For a view to skip costly formatting (addresses,
 * say) of a cell that would be dropped: the out_* setters check it themselves.
 */
bool out_wants(const struct out *o, unsigned int col);
/* For each column c of the open table (and its ncols), the first column at or after c
 * that this output shows, the table's ncols if none: to visit only those. NULL once the
 * output has failed for want of memory.
 */
const unsigned int *out_wanted_index(const struct out *o);
void out_str(struct out *o, unsigned int col, const char *s);	/* NULL: nothing */
/* Text we made ourselves - digits, addresses we formatted, names from our own tables:
 * printable ASCII by construction, so a table takes it without the check out_str()
 * makes of data; JSON writes it as out_str() does. Never pass what came from outside.
 */
void out_own_str(struct out *o, unsigned int col, const char *s);
void out_uint(struct out *o, unsigned int col, uint64_t v);	/* decimal; JSON number */
void out_xint(struct out *o, unsigned int col, uint64_t v);	/* hex in tables; JSON number */
void out_xid(struct out *o, unsigned int col, uint64_t v);	/* hex; JSON "0x..." string */
void out_bool(struct out *o, unsigned int col, bool v);
/* NULL-terminated strings: a JSON array; a table cell of them joined by "; " */
void out_strv(struct out *o, unsigned int col, const char *const *v);
void out_fmt(struct out *o, unsigned int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Records: one object shown as "Label:   value" lines in text and as a JSON object.
 * @label_width pads the labels (with their colon) in text. A record opened inside
 * another JSON object becomes its member @name; at the top level, or inside a table's
 * array, it is an element. A NULL value prints "n/a" in text and is left out of JSON.
 * A NULL label keeps the item out of the text, a NULL key out of the JSON.
 */
void out_record_begin(struct out *o, const char *name, unsigned int label_width);
void out_record_end(struct out *o);
void out_kv_str(struct out *o, const char *key, const char *label, const char *v);
void out_kv_uint(struct out *o, const char *key, const char *label, uint64_t v);
void out_kv_bool(struct out *o, const char *key, const char *label, bool v);
/* A kernel string that comes blank-padded to a fixed @width (EIDs, host names): text
 * shows it at that width, trailing blanks included, as smc-tools prints the kernel's
 * bytes; JSON gets it without the padding.
 */
void out_kv_padded(struct out *o, const char *key, const char *label, const char *v,
		   unsigned int width);
/* A list of strings: in text the label on a line of its own, then one "  - item" line
 * each (nothing at all for an empty list); in JSON an array of strings (NULL: []).
 * @v is NULL-terminated.
 */
void out_kv_strv(struct out *o, const char *key, const char *label, const char *const *v);
/* text label and value, JSON key and value given separately */
void out_kv_fmt(struct out *o, const char *key, const char *label, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A heading line in text, separated from what came before by a blank line. */
void out_heading(struct out *o, const char *text);
/* Text: a blank line, unless nothing was printed yet (between blocks of records). */
void out_separator(struct out *o);
/* A JSON array member for a list of records (text: nothing). */
void out_list_begin(struct out *o, const char *name);
void out_list_end(struct out *o);

/* A line of text for people (table mode only; JSON output stays pure data). The whole
 * line is escaped, so it stays one line whatever the arguments hold.
 */
void out_note(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Our own help text, lines and all, printed as it is: never pass data here. */
void out_help(struct out *o, const char *text);
/* A line of another machine format whose writer escaped every value by that format's
 * rules (view_metrics.c: Prometheus), printed as it is, in text mode.
 */
void out_format_line(struct out *o, const char *line);

#endif
