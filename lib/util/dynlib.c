// SPDX-License-Identifier: GPL-2.0
/* dynlib.c - libraries opened when they are needed (see dynlib.h) */
#include <dlfcn.h>
#include <string.h>

#include "dynlib.h"

bool dynlib_sym(void *lib, const char *name, void *fn)
{
	void *p = dlsym(lib, name);

	memcpy(fn, &p, sizeof(p));
	return p != NULL;
}
