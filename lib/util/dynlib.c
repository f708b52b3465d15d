// SPDX-License-Identifier: GPL-2.0
/* dynlib.c - libraries opened when they are needed (see dynlib.h) */
#include <dlfcn.h>
#include <string.h>

#include "dynlib.h"

void *dynlib_open(const char *soname, const struct dynlib_sym *syms, size_t n)
{
	void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

	if (!lib)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		void *p = dlsym(lib, syms[i].name);

		if (!p) {
			dlclose(lib);
			return NULL;
		}
		/* into the function pointer the way POSIX shows it: no object-to-function
		 * pointer cast
		 */
		memcpy(syms[i].fn, &p, sizeof(p));
	}
	return lib;
}
