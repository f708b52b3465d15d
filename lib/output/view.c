// SPDX-License-Identifier: GPL-2.0
/* view.c - render the rows of view.h: table cells, JSON members, record lines */
#include <string.h>

#include "view.h"

static const struct view_field *row_at(const struct out_table *t, unsigned int i)
{
	return (const struct view_field *)(const void *)table_col(t, i);
}

static const char *value_at(const struct view_field *f, const void *const *objs)
{
	return (const char *)objs[f->obj] + f->off;
}

/* inline: read for every cell of every row */
static inline uint64_t uint_at(const struct view_field *f, const void *const *objs)
{
	const char *p = value_at(f, objs);
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	switch (f->size) {
	case 1:
		memcpy(&u8, p, 1);
		return u8;
	case 2:
		memcpy(&u16, p, 2);
		return u16;
	case 4:
		memcpy(&u32, p, 4);
		return u32;
	case 8:
		memcpy(&u64, p, 8);
		return u64;
	}
	return 0;
}

uint64_t view_uint(const struct view_field *f, const void *const *objs)
{
	return uint_at(f, objs);
}

const char *view_str(const struct view_field *f, const void *const *objs)
{
	return value_at(f, objs);
}

/* @f's value for the integer formats, 0 for the others (strings, callbacks) */
static uint64_t int_value(const struct view_field *f, const void *const *objs)
{
	return f->fmt == VIEW_STR || f->fmt == VIEW_PADDED || f->fmt == VIEW_CUSTOM ?
	       0 : uint_at(f, objs);
}

/* inline: asked for every cell of every row */
static inline bool present(const struct view_field *f, const void *const *objs)
{
	const char *has_at;

	if (!f->has_off && !(f->flags & VIEW_F_NONZERO) && !f->shown)
		return true;	/* most fields: always there */
	has_at = (const char *)objs[f->obj] + f->has_off;
	if (f->has_mask) {
		unsigned int bits;

		memcpy(&bits, has_at, sizeof(bits));
		if (!(bits & f->has_mask))
			return false;
	} else if (f->has_off) {
		bool has;

		memcpy(&has, has_at, sizeof(has));
		if (!has)
			return false;
	}
	if (f->flags & VIEW_F_NONZERO && !int_value(f, objs))
		return false;
	return !f->shown || f->shown(objs);
}

bool view_has(const struct view_field *f, const void *const *objs)
{
	return present(f, objs);
}

/* VIEW_NAME and VIEW_NAME_ONLY: .name() of @v; a value past its unsigned int is none */
static const char *name_of(const struct view_field *f, uint64_t v)
{
	return f->name(v > UINT32_MAX ? UINT32_MAX : (unsigned int)v);
}

static void cell(struct out *o, unsigned int col, const struct view_field *f,
		 const void *const *objs)
{
	const char *name;
	uint64_t v;

	switch (f->fmt) {
	case VIEW_UINT:
	case VIEW_BYTES:
		out_uint(o, col, uint_at(f, objs));
		break;
	case VIEW_HEX:
		out_xint(o, col, uint_at(f, objs));
		break;
	case VIEW_HEX_0X:
		v = uint_at(f, objs);
		if (out_is_json(o))
			out_uint(o, col, v);
		else
			out_fmt(o, col, "%#llx", (unsigned long long)v);
		break;
	case VIEW_XID:
		out_xid(o, col, uint_at(f, objs));
		break;
	case VIEW_STR:
	case VIEW_PADDED:
		out_str(o, col, view_str(f, objs));
		break;
	case VIEW_YESNO:
		v = uint_at(f, objs);
		if (out_is_json(o))
			out_bool(o, col, v != 0);
		else
			out_str(o, col, v ? "Yes" : "No");
		break;
	case VIEW_IFINDEX:
		v = uint_at(f, objs);
		if (v)
			out_uint(o, col, v);
		break;
	case VIEW_NAME:
	case VIEW_NAME_ONLY:
		v = uint_at(f, objs);
		name = name_of(f, v);
		if (name && f->flags & VIEW_F_OWN)
			out_own_str(o, col, name);
		else if (name)
			out_str(o, col, name);
		else if (f->fmt == VIEW_NAME)
			out_fmt(o, col, "%#llx?", (unsigned long long)v);
		break;
	case VIEW_CUSTOM:
		f->show(o, col, f, objs, false);
		break;
	}
}

void view_cells_upto(struct out *o, const struct out_table *t, const void *const *objs,
		     unsigned int stage)
{
	const unsigned int *next = out_wanted_index(o);
	const struct view_field *rows = row_at(t, 0);

	if (!next)		/* the output failed: nothing is written any more */
		return;
	/* only the columns this output shows: an smcss text row sets 8 of its 66 */
	for (unsigned int i = next[0]; i < t->ncols; i = next[i + 1]) {
		const struct view_field *f = &rows[i];

		if (f->stage > stage)
			break;		/* the rows' stages only grow (view.h) */
		if (present(f, objs))
			cell(o, i, f, objs);
	}
}

void view_cells(struct out *o, const struct out_table *t, const void *const *objs)
{
	view_cells_upto(o, t, objs, VIEW_STAGE_ALL);
}

static void record_line(struct out *o, const struct view_field *f, const void *const *objs)
{
	uint64_t v = int_value(f, objs);

	switch (f->fmt) {
	case VIEW_UINT:
	case VIEW_IFINDEX:
		out_kv_uint(o, NULL, f->label, v);
		break;
	case VIEW_HEX:
		out_kv_fmt(o, NULL, f->label, "%0*llx", f->col.zpad, (unsigned long long)v);
		break;
	case VIEW_HEX_0X:
		out_kv_fmt(o, NULL, f->label, "%llx", (unsigned long long)v);
		break;
	case VIEW_XID:
		out_kv_fmt(o, NULL, f->label, "%#llx", (unsigned long long)v);
		break;
	case VIEW_STR:
		out_kv_str(o, NULL, f->label, view_str(f, objs));
		break;
	case VIEW_PADDED:
		out_kv_padded(o, NULL, f->label, view_str(f, objs), f->size - 1u);
		break;
	case VIEW_YESNO:
		out_kv_str(o, NULL, f->label, v ? "Yes" : "No");
		break;
	case VIEW_BYTES:
		out_kv_fmt(o, NULL, f->label, "%llu B", (unsigned long long)v);
		break;
	case VIEW_NAME:
	case VIEW_NAME_ONLY:
		out_kv_str(o, NULL, f->label, name_of(f, v));
		break;
	case VIEW_CUSTOM:
		f->show(o, 0, f, objs, true);
		break;
	}
}

void view_record(struct out *o, const struct out_table *t, unsigned int active,
		 const void *const *objs, unsigned int label_width)
{
	out_record_begin(o, NULL, label_width);
	for (unsigned int i = 0; i < t->ncols; i++) {
		const struct view_field *f = row_at(t, i);

		if (!f->label || (f->col.groups && !(f->col.groups & active)) ||
		    !view_has(f, objs))
			continue;
		record_line(o, f, objs);
	}
	out_record_end(o);
}
