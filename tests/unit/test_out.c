// SPDX-License-Identifier: GPL-2.0
/* test_out.c - the output layer against open_memstream(): alignment, early row ends,
 * chunked flushing, column groups, JSON escaping and typing, aborted tables
 */
#include <stdlib.h>

#include "out_capture.h"

enum { A, B, C, J, NCOLS };

static const struct out_col cols[NCOLS] = {
	[A] = OUT_ALIGNED("a", "Alpha", OUT_LEFT, 0, 0, 0),
	[B] = OUT_ALIGNED("b", "B", OUT_RIGHT, 0, 0, 3),
	[C] = OUT_ALIGNED("c", "Gamma", OUT_LEFT, 1, 0, 0),
	[J] = OUT_ALIGNED("j", NULL, OUT_LEFT, 0, 0, 4),
};

static struct out_table table = { .name = "rows", .cols = cols, .ncols = NCOLS };

static char *render(bool json, bool pretty, unsigned int flush, unsigned int active,
		    int nrows, bool abort_it)
{
	struct memout m;
	struct out *o = out_capture(&m, (struct out_opts){ .json = json, .pretty = pretty,
							  .flush_rows = flush });

	out_table_begin(o, &table, active);
	for (int i = 0; i < nrows; i++) {
		out_row_begin(o);
		out_fmt(o, A, "%.*s", i + 1, "xxxxxxxxxx");
		if (i != 1) {		/* row 1 stops after A: its A cell may spill */
			out_uint(o, B, (uint64_t)i * 7);
			out_str(o, C, i == 2 ? "q\"\\\n\x01" : "c");
		}
		out_xid(o, J, 0xab);
		out_row_end(o);
	}
	if (abort_it)
		out_table_abort(o);
	else
		out_table_end(o);
	return out_captured(&m, o);
}

/* smc-tools' printf layout: "%-6s %3d  %-4s " with headers printed as they are */
enum { F_NAME, F_NUM, F_NOTE, F_CODE, F_LAST, F_NCOLS };

static const struct out_col fixed_cols[F_NCOLS] = {
	[F_NAME] = OUT_FIXED("name", "Name   ", OUT_LEFT, 0, 6, 0, 1),
	[F_NUM]	 = OUT_FIXED("num", "Num  ", OUT_RIGHT, 0, 3, 0, 2),
	[F_NOTE] = { "note", "", OUT_LEFT, 0, 0, 0, 0, OUT_COL_SKIP_UNSET | OUT_COL_OMIT_EMPTY },
	[F_CODE] = OUT_FIXED("code", "Code ", OUT_LEFT, 0, 4, 0, 1),
	[F_LAST] = OUT_FIXED("last", "Last", OUT_LEFT, 0, 0, 0, 0),
};

static const struct out_table fixed_table = {
	.name = "rows", .cols = fixed_cols, .ncols = F_NCOLS,
	.flags = OUT_TABLE_FIXED | OUT_TABLE_LAZY_HEADER,
};

/* @nrows rows: row 0 whole, row 1 stops after the number, row 2 has a note and a name
 * longer than its width; @want: out_table_want_header() without rows
 */
static char *render_fixed(bool json, int nrows, bool want)
{
	struct memout m;
	struct out *o = out_capture(&m, (struct out_opts){ .json = json });

	out_table_begin(o, &fixed_table, 0);
	if (want)
		out_table_want_header(o);
	for (int i = 0; i < nrows; i++) {
		out_row_begin(o);
		out_str(o, F_NAME, i == 2 ? "longname" : "ab");
		out_uint(o, F_NUM, (uint64_t)i + 5);
		if (i == 2)
			out_str(o, F_NOTE, "!");
		else
			out_str(o, F_NOTE, "");
		if (i != 1) {
			out_str(o, F_CODE, "x");
			out_str(o, F_LAST, "z");
		}
		out_row_end(o);
	}
	out_table_end(o);
	return out_captured(&m, o);
}

/* the rows of render_fixed(), their cells set in a scrambled order (a duplicate too) */
static char *render_fixed_scrambled(void)
{
	struct memout m;
	struct out *o = out_capture(&m, (struct out_opts){ 0 });

	out_table_begin(o, &fixed_table, 0);
	for (int i = 0; i < 3; i++) {
		out_row_begin(o);
		if (i != 1) {
			out_str(o, F_LAST, "z");
			out_str(o, F_CODE, "wider than its column");
		}
		out_uint(o, F_NUM, (uint64_t)i + 5);
		if (i == 2)
			out_str(o, F_NOTE, "!");
		else
			out_str(o, F_NOTE, "");
		out_str(o, F_NAME, i == 2 ? "longname" : "ab");
		if (i != 1)
			out_str(o, F_CODE, "x");
		out_row_end(o);
	}
	out_table_end(o);
	return out_captured(&m, o);
}

/* A failure in the first chunk of a fixed table prints nothing of it: the rows so far
 * wait for the chunk, and out_table_abort() drops them.
 */
static char *render_fixed_aborted(unsigned int flush_rows, int nrows)
{
	struct memout m;
	struct out *o = out_capture(&m, (struct out_opts){ .flush_rows = flush_rows });

	out_table_begin(o, &fixed_table, 0);
	for (int i = 0; i < nrows; i++) {
		out_row_begin(o);
		out_str(o, F_NAME, "ab");
		out_row_end(o);
	}
	out_row_begin(o);
	out_str(o, F_NAME, "cut");	/* a row the failure cuts short */
	out_table_abort(o);
	return out_captured(&m, o);
}

/* OUT_COL_OWN_LINE: a cell on a line of its own after its row, in no place of the row */
enum { O_A, O_OWN, O_B, O_NCOLS };

static const struct out_col own_cols[O_NCOLS] = {
	[O_A]	= OUT_FIXED("a", "A    ", OUT_LEFT, 0, 4, 0, 1),
	[O_OWN]	= { "own", "", OUT_LEFT, 0, 0, 0, 0, OUT_COL_OWN_LINE },
	[O_B]	= OUT_FIXED("b", "B", OUT_LEFT, 0, 0, 0, 0),
};

static const struct out_table own_table = {
	.name = "rows", .cols = own_cols, .ncols = O_NCOLS, .flags = OUT_TABLE_FIXED,
};

/* row 0 whole; row 1 ends after A but has its own line; row 2 sets the own line first;
 * row 3 has none
 */
static char *render_own_line(bool json)
{
	struct memout m;
	struct out *o = out_capture(&m, (struct out_opts){ .json = json, .flush_rows = 2 });

	out_table_begin(o, &own_table, 0);
	for (int i = 0; i < 4; i++) {
		out_row_begin(o);
		if (i == 2)
			out_str(o, O_OWN, "w");
		out_str(o, O_A, "x");
		if (i == 0)
			out_str(o, O_OWN, "u\x01");
		if (i == 1)
			out_str(o, O_OWN, "v");
		if (i != 1)
			out_str(o, O_B, "y");
		out_row_end(o);
	}
	out_table_end(o);
	return out_captured(&m, o);
}

int main(void)
{
	char *s;

	s = render_own_line(false);
	is_str(s, "A    B\n"
		  "x    y\n  u\\001\n"
		  "x    \n  v\n"
		  "x    y\n  w\n"
		  "x    y\n",
	       "own line: after its row, indented, escaped; a row that ends early gets no \"-\" "
	       "for it, and rows flushed in chunks keep their lines");
	free(s);
	s = render_own_line(true);
	is_str(s, "[{\"a\":\"x\",\"own\":\"u\\u0001\",\"b\":\"y\"},{\"a\":\"x\",\"own\":\"v\"},"
		  "{\"own\":\"w\",\"a\":\"x\",\"b\":\"y\"},{\"a\":\"x\",\"b\":\"y\"}]\n",
	       "own line: in JSON a member like any other");
	free(s);

	s = render_fixed(false, 3, false);
	is_str(s, "Name   Num  Code Last\n"
		  "ab       5  x    z\n"
		  "ab       6  \n"
		  "longname   7  !x    z\n",
	       "fixed: headers as given, cells padded and followed by their gaps, trailing "
	       "blanks kept, a long cell pushes its row, an unset SKIP_UNSET cell prints nothing");
	free(s);
	{
		char *in_order = render_fixed(false, 3, false);

		s = render_fixed_scrambled();
		is_str(s, in_order, "fixed: cells set out of order (and one twice, the last "
		       "set winning) land in their columns, as if set in order");
		free(s);
		free(in_order);
	}
	s = render_fixed_aborted(0, 3);
	is_str(s, "", "fixed: a table aborted within its first chunk prints nothing");
	free(s);
	s = render_fixed_aborted(2, 3);
	is_str(s, "Name   Num  Code Last\nab     \nab     \nab     \n",
	       "fixed: aborted after a chunk went out: the complete rows, not the cut one");
	free(s);
	s = render_fixed(false, 0, false);
	is_str(s, "", "fixed, lazy header: an empty dump prints nothing");
	free(s);
	s = render_fixed(false, 0, true);
	is_str(s, "Name   Num  Code Last\n", "fixed, lazy header: the kernel replied, no row");
	free(s);
	s = render_fixed(true, 2, false);
	is_str(s, "[{\"name\":\"ab\",\"num\":5,\"code\":\"x\",\"last\":\"z\"},"
		  "{\"name\":\"ab\",\"num\":6}]\n",
	       "fixed, JSON: an empty OMIT_EMPTY string is left out");
	free(s);
	for (int json = 0; json <= 1; json++) {
		static const struct out_col strv_cols[1] = { OUT_ALIGNED("list", "List", OUT_LEFT,
									 0, 0, 0) };
		static const struct out_table strv_table = { .name = "rows", .cols = strv_cols,
							     .ncols = 1 };
		static const char *const items[] = { "one", "two", NULL };
		struct memout m;
		struct out *o = out_capture(&m, (struct out_opts){ .json = json });

		out_table_begin(o, &strv_table, 0);
		out_row_begin(o);
		out_strv(o, 0, items);
		out_row_end(o);
		out_table_end(o);
		s = out_captured(&m, o);
		is_str(s, json ? "[{\"list\":[\"one\",\"two\"]}]\n" : "List\none; two\n",
		       "strv: a JSON array, a table cell joined by \"; \"");
		free(s);
	}
	{
		struct memout m;
		struct out *o = out_capture(&m, (struct out_opts){ 0 });

		out_record_begin(o, NULL, 6);
		out_kv_padded(o, "eid", "EID:", "AB", 8);
		out_kv_str(o, "pnet", "PNET:", "");
		out_kv_padded(o, "none", "None:", NULL, 8);
		out_kv_padded(o, "esc", "Esc:", "A\001", 8);
		out_record_end(o);
		s = out_captured(&m, o);
		is_str(s, "EID:  AB      \nPNET: \nNone: n/a\nEsc:  A\\001   \n",
		       "records: a padded value keeps its width (escaped, as shown), an empty one "
		       "its label padding");
		free(s);
	}

	s = render(false, false, 0, 1, 3, false);
	is_str(s, "Alpha   B Gamma\n"
		  "x     000 c\n"
		  "xx\n"
		  "xxx   014 q\"\\\\\\012\\001\n",
	       "table: aligned, zero-padded, row 1 ends early, escaped");
	free(s);

	s = render(false, false, 0, 0, 2, false);
	is_str(s, "Alpha   B\nx     000\nxx\n", "table: group 1 column hidden");
	free(s);

	s = render(false, false, 0, 0, 0, false);
	is_str(s, "Alpha B\n", "table: empty result still prints the header");
	free(s);

	s = render(false, false, 2, 0, 5, false);
	is_str(s, "Alpha   B\nx     000\nxx\nxxx   014\nxxxx  021\nxxxxx 028\n",
	       "table: flushed in chunks of 2, widths only grow");
	free(s);

	s = render(false, false, 0, 1, 2, true);
	is_str(s, "", "table: aborted before any flush prints nothing");
	free(s);

	table.flags = OUT_TABLE_UNALIGNED | OUT_TABLE_NO_HEADER;
	s = render(false, false, 0, 1, 3, false);
	is_str(s, "x 000 c\nxx\nxxx 014 q\"\\\\\\012\\001\n", "table: unaligned, no header");
	free(s);
	table.flags = 0;

	s = render(true, false, 0, 1, 3, false);
	is_str(s, "[{\"a\":\"x\",\"b\":0,\"c\":\"c\",\"j\":\"0x00ab\"},{\"a\":\"xx\",\"j\":\"0x00ab\"},"
		  "{\"a\":\"xxx\",\"b\":14,\"c\":\"q\\\"\\\\\\n\\u0001\",\"j\":\"0x00ab\"}]\n",
	       "json: typed members, escaping, absent cells omitted");
	free(s);

	s = render(true, false, 0, 0, 1, false);
	is_str(s, "[{\"a\":\"x\",\"b\":0,\"j\":\"0x00ab\"}]\n", "json: hidden group omitted");
	free(s);

	s = render(true, false, 0, 0, 0, false);
	is_str(s, "[]\n", "json: empty array");
	free(s);

	s = render(true, false, 0, 0, 0, true);
	is_str(s, "", "json: aborted before any row prints nothing");
	free(s);

	s = render(true, true, 0, 0, 1, false);
	is_str(s, "[\n  {\n    \"a\": \"x\",\n    \"b\": 0,\n    \"j\": \"0x00ab\"\n  }\n]\n",
	       "json: pretty indentation");
	free(s);
	return tap_done();
}
