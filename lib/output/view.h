/* SPDX-License-Identifier: GPL-2.0 */
/* view.h - views that describe each field once
 *
 * A struct view_field names a field of a kernel object (the struct smc_nla_field rows of
 * its parser fill it) and says how it is shown: its table column and JSON member
 * (.col), its "Label:  value" line in a -d record (.label) and the format of both
 * (.fmt). view_cells() fills a table row or JSON object from it, view_record() prints the
 * record, so a new attribute is one row here, whatever the output.
 *
 * A row may show values from several objects (a link and its link group): .obj picks
 * one of the objects the caller passes. The order of the rows is that of the table's
 * columns, the JSON members and the record's lines; a value that smc-tools shows at
 * different places in its table and record gets a record-only row (.col all 0).
 */
#ifndef SMC_VIEW_H
#define SMC_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "out.h"

enum view_fmt {
	VIEW_UINT,	/* decimal; JSON number */
	VIEW_HEX,	/* hex, zero-padded to .col.zpad digits; JSON number */
	VIEW_HEX_0X,	/* table "0x1f", record "1f"; JSON number (smc-tools' VLAN) */
	VIEW_XID,	/* record "0x1f"; JSON "0x..." string of .col.zpad digits */
	VIEW_STR,	/* a string field */
	VIEW_PADDED,	/* a string the kernel pads with blanks: records show it padded */
	VIEW_YESNO,	/* JSON true/false; table and record Yes/No */
	VIEW_IFINDEX,	/* an interface index: a number, 0 (none) left out */
	VIEW_BYTES,	/* JSON number; record "N B" */
	VIEW_NAME,	/* .name(value), or "0x1f?" for a value it does not know */
	VIEW_NAME_ONLY,	/* .name(value), or nothing (records: "n/a") */
	VIEW_CUSTOM,	/* .show() */
};

enum {
	VIEW_F_OWN	= 1u << 0,	/* VIEW_NAME*: the names are our own text (out_own_str) */
	VIEW_F_NONZERO	= 1u << 1,	/* a value of 0 counts as absent */
};

/* view_cells_upto(): every stage */
#define VIEW_STAGE_ALL 0xff

struct view_field;

/* @record: print @f's record line (text); else set table/JSON column @col */
typedef void (*view_show_fn)(struct out *o, unsigned int col, const struct view_field *f,
			     const void *const *objs, bool record);

struct view_field {
	struct out_col	col;		/* table column and JSON member; all 0: record only */
	const char	*label;		/* the record line's label, as printed; NULL: none */
	uint8_t		fmt;		/* enum view_fmt */
	uint8_t		obj;		/* index of the object in the row's objs[] */
	uint8_t		size;		/* bytes of an integer value (1, 2, 4, 8) */
	uint16_t	off;		/* of the value in its object */
	uint16_t	has_off;	/* of an SMC_OPT's .has (nla.h), or of the bits
					 * .has_mask tests; 0: always there */
	uint8_t		has_mask;	/* 0: has_off is a bool; else an unsigned int of
					 * bits, the value is there if one of these is set */
	uint8_t		flags;		/* VIEW_F_* */
	uint8_t		stage;		/* table rows may end early: view_cells_upto();
					 * never less than the stage of the row before */
	const char	*(*name)(unsigned int v);	/* VIEW_NAME, VIEW_NAME_ONLY */
	view_show_fn	show;				/* VIEW_CUSTOM */
	/* a condition no single field says; NULL: none */
	bool		(*shown)(const void *const *objs);
};

/* the value part of a row: plain field @m of @S, or SMC_OPT field @m */
#define VIEW_FIELD(fmt_, S, m)							\
	.fmt = (fmt_), .size = sizeof(((S *)0)->m), .off = offsetof(S, m)
#define VIEW_OPT(fmt_, S, m)							\
	.fmt = (fmt_), .size = sizeof(((S *)0)->m.v), .off = offsetof(S, m.v),	\
	.has_off = offsetof(S, m.has)

/* the value is there if bit(s) @bits of the unsigned int @m of @S are set */
#define VIEW_BITS(S, m, bits)	.has_off = offsetof(S, m), .has_mask = (bits)

/* The out_table of an array of view_field rows */
#define VIEW_TABLE(name_, rows, flags_)						\
	{ .name = (name_), .cols = &(rows)[0].col,				\
	  .ncols = sizeof(rows) / sizeof((rows)[0]), .flags = (flags_),		\
	  .col_size = sizeof((rows)[0]) }

/* Is @f's value there in @objs (an SMC_OPT the kernel sent, its bit set, .shown)? */
bool view_has(const struct view_field *f, const void *const *objs);
/* @f's integer value */
uint64_t view_uint(const struct view_field *f, const void *const *objs);
/* @f's string value */
const char *view_str(const struct view_field *f, const void *const *objs);

/* Set every cell of the current row of table @t (made by VIEW_TABLE) from @objs. */
void view_cells(struct out *o, const struct out_table *t, const void *const *objs);
/* view_cells() of the rows whose .stage is at most @stage: a table row that ends early
 * (smcss ends a LISTEN row after its local address) leaves the later stages out
 */
void view_cells_upto(struct out *o, const struct out_table *t, const void *const *objs,
		     unsigned int stage);
/* Print the record of @objs: every row of @t with a label whose column groups are in
 * @active (or has none), padded to @label_width (text output only).
 */
void view_record(struct out *o, const struct out_table *t, unsigned int active,
		 const void *const *objs, unsigned int label_width);

#endif
