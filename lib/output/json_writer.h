/* SPDX-License-Identifier: GPL-2.0 */
/* json_writer.h - minimal streaming JSON writer (nothing is buffered but the nesting state) */
#ifndef SMC_JSON_WRITER_H
#define SMC_JSON_WRITER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct json_writer;

/**
 * jw_new() - start a writer on @fp
 * @pretty: indent nested values and put each member on a line of its own
 *
 * Return: the writer, or NULL when out of memory.
 */
struct json_writer *jw_new(FILE *fp, bool pretty);

/**
 * jw_free() - close every container still open, end the document with a newline, free @jw
 *
 * Return: 0, or the -errno of the first write that failed (see jw_error()).
 */
int jw_free(struct json_writer *jw);

/* 0, or the -errno of the first write that failed; nothing is written after it. */
int jw_error(const struct json_writer *jw);

void jw_obj_begin(struct json_writer *jw);
void jw_obj_end(struct json_writer *jw);
void jw_arr_begin(struct json_writer *jw);
void jw_arr_end(struct json_writer *jw);
/* Names the next value; only valid directly inside an object. @key is ours (a
 * snake_case name from the code, never data): it is written as it is.
 */
void jw_key(struct json_writer *jw, const char *key);
/* jw_key() of a @key whose length is known: a table's column names, measured once */
void jw_key_len(struct json_writer *jw, const char *key, size_t klen);
/* Any bytes: control characters are escaped, ill-formed UTF-8 becomes \ufffd. */
void jw_str(struct json_writer *jw, const char *s);
/* A string we made ourselves that needs no escape (digits, our own names): as it is */
void jw_own_str(struct json_writer *jw, const char *s);
void jw_u64(struct json_writer *jw, uint64_t v);
void jw_bool(struct json_writer *jw, bool v);
void jw_null(struct json_writer *jw);
/* Hand what is buffered to the stream now (see jw_error() for how it went). */
void jw_sync(struct json_writer *jw);
unsigned int jw_depth(const struct json_writer *jw);
/* Is the innermost open container an object (so a member needs a key)? */
bool jw_in_object(const struct json_writer *jw);

#endif
