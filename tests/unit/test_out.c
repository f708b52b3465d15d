// SPDX-License-Identifier: GPL-2.0
/* test_out.c - the output layer against open_memstream(): alignment, early row ends,
 * chunked flushing, column groups, JSON escaping and typing, aborted tables
 */
#include <stdlib.h>

#include "out.h"
#include "tap.h"

enum { A, B, C, J, NCOLS };

static const struct out_col cols[NCOLS] = {
	[A] = { "a", "Alpha", OUT_LEFT, 0, 0, 0 },
	[B] = { "b", "B", OUT_RIGHT, 0, 0, 3 },
	[C] = { "c", "Gamma", OUT_LEFT, 1, 0, 0 },
	[J] = { "j", NULL, OUT_LEFT, 0, 0, 4 },
};

static struct out_table table = { .name = "rows", .cols = cols, .ncols = NCOLS };

static char *render(bool json, bool pretty, unsigned int flush, unsigned int active,
		    int nrows, bool abort_it)
{
	struct out_opts oo = { .json = json, .pretty = pretty, .flush_rows = flush };
	struct memout m;
	struct out *o;

	oo.fp = memout_open(&m);
	if (out_new(&o, &oo))
		abort();
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
	out_free(o);
	return memout_close(&m);
}

int main(void)
{
	char *s;

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
