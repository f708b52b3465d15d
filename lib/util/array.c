// SPDX-License-Identifier: GPL-2.0
/* array.c - growing arrays (see array.h) */
#include <stdlib.h>
#include <string.h>

#include "array.h"

void *array_push(void *arrp, size_t *n, size_t size)
{
	char *base;

	/* *arrp is a pointer of the caller's element type: copied, not cast, so the
	 * access stays within the aliasing rules
	 */
	memcpy(&base, arrp, sizeof(base));
	if ((*n & (*n - 1)) == 0) {
		char *grown = realloc(base, (*n ? 2 * *n : 1) * size);

		if (!grown)
			return NULL;	/* the caller still holds the old array */
		base = grown;
		memcpy(arrp, &base, sizeof(base));
	}
	memset(base + *n * size, 0, size);
	return base + (*n)++ * size;
}
