/* SPDX-License-Identifier: GPL-2.0 */
/* dynlib.h - libraries opened when they are needed, not linked
 *
 * The dynamic loader maps every linked library for every run; libibverbs (with
 * libnl-route-3 behind it) and zlib serve one command or one diagnosis each, so they are
 * opened by the code that uses them.
 */
#ifndef SMC_DYNLIB_H
#define SMC_DYNLIB_H

#include <stdbool.h>

/* dlsym() of @name in @lib into the function pointer at @fn, the way POSIX shows it (no
 * object-to-function cast). Return: whether the library has it.
 */
bool dynlib_sym(void *lib, const char *name, void *fn);

#endif
