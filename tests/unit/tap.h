/* SPDX-License-Identifier: GPL-2.0 */
/* tap.h - a few macros that print TAP, so tests/check.sh counts C tests like bats ones */
#ifndef SMC_TAP_H
#define SMC_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

/* @cond is evaluated once: it may have side effects (open, parse, ...) */
#define ok(cond, ...) do {						\
	int pass_ = !!(cond);						\
	tap_count++;							\
	if (!pass_)							\
		tap_failed++;						\
	printf("%sok %d - ", pass_ ? "" : "not ", tap_count);		\
	printf(__VA_ARGS__);						\
	printf("\n");							\
	if (!pass_)							\
		printf("#   failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
} while (0)

#define is_str(got, want, ...) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int same_ = (g_ && w_) ? !strcmp(g_, w_) : g_ == w_;		\
	ok(same_, __VA_ARGS__);						\
	if (!same_)							\
		printf("#   got:  '%s'\n#   want: '%s'\n", g_ ? g_ : "(null)", \
		       w_ ? w_ : "(null)");				\
} while (0)

/* Capture what the output layer writes: memout_open() gives the FILE to hand over,
 * memout_close() the text (caller frees).
 */
struct memout {
	FILE	*fp;
	char	*buf;
	size_t	len;
};

static inline FILE *memout_open(struct memout *m)
{
	m->buf = NULL;
	m->len = 0;
	m->fp = open_memstream(&m->buf, &m->len);
	return m->fp;
}

static inline char *memout_close(struct memout *m)
{
	fclose(m->fp);
	return m->buf;
}

static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
