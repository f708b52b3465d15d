/* SPDX-License-Identifier: GPL-2.0 */
/* out_capture.h - an output layer writing into memory, for the unit tests */
#ifndef SMC_OUT_CAPTURE_H
#define SMC_OUT_CAPTURE_H

#include <stdlib.h>

#include "out.h"
#include "tap.h"

/* An output layer with options @oo writing into @m; a test cannot go on without it. */
static inline struct out *out_capture(struct memout *m, struct out_opts oo)
{
	struct out *o;

	oo.fp = memout_open(m);
	if (out_new(&o, &oo))
		abort();
	return o;
}

/* Finish @o and return what it wrote (the caller frees it). */
static inline char *out_captured(struct memout *m, struct out *o)
{
	out_free(o);
	return memout_close(m);
}

#endif
