/* SPDX-License-Identifier: GPL-2.0 */
/* fact_codec.h - the byte layout of recorded facts (nltrace.h): one writer, one reader
 *
 * A fact is a sequence of native-endian integers, raw bytes and NUL-terminated strings,
 * as the tool that records it lays them out. The reader is strict: the first read past
 * the end, a result that is neither 0 nor an errno, or a string that does not fit marks
 * the whole fact malformed, and so do bytes left over at the end.
 */
#ifndef SMC_FACT_CODEC_H
#define SMC_FACT_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The largest errno a fact may hold (as the kernel's MAX_ERRNO) */
#define FACT_MAX_ERRNO 4095

/* A growing buffer; a failed allocation sticks and fails fact_writer_finish() */
struct fact_writer {
	uint8_t	*buf;
	size_t	len, cap;
	bool	failed;
};

void fact_put(struct fact_writer *w, const void *v, size_t len);
void fact_put_u32(struct fact_writer *w, uint32_t v);
void fact_put_s32(struct fact_writer *w, int32_t v);
void fact_put_u64(struct fact_writer *w, uint64_t v);
void fact_put_str(struct fact_writer *w, const char *s);	/* with its NUL */
/* The bytes written (to free()), or -ENOMEM (nothing to free) */
int fact_writer_finish(struct fact_writer *w, uint8_t **buf, size_t *len);

struct fact_reader {
	const uint8_t	*p;
	size_t		left;
	bool		bad;
};

static inline struct fact_reader fact_reader(const void *buf, size_t len)
{
	return (struct fact_reader){ .p = buf, .left = len };
}

/* @len bytes into @v; zeroes if they are not there */
void fact_get(struct fact_reader *r, void *v, size_t len);
uint32_t fact_get_u32(struct fact_reader *r);
uint64_t fact_get_u64(struct fact_reader *r);
/* An s32 that is 0 or -errno; @max_ok: also 1..max_ok (a yes/no answer is 1 or 0) */
int fact_get_result(struct fact_reader *r, int max_ok);
/* A string that fits @size bytes with its NUL; "" if not */
void fact_get_str(struct fact_reader *r, char *out, size_t size);
/* 0 if every read was good and nothing is left over, else -EBADMSG */
int fact_reader_end(const struct fact_reader *r);

#endif
