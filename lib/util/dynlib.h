/* SPDX-License-Identifier: GPL-2.0 */
/* dynlib.h - libraries opened when they are needed, not linked
 *
 * The dynamic loader maps every linked library for every run; libibverbs (with
 * libnl-route-3 behind it) and zlib serve one command or one diagnosis each, so they are
 * opened by the code that uses them.
 */
#ifndef SMC_DYNLIB_H
#define SMC_DYNLIB_H

#include <stddef.h>

/* a function of the library and where its address goes (a function pointer) */
struct dynlib_sym {
	const char	*name;
	void		*fn;
};

/**
 * dynlib_open() - open library @soname and set the function pointer of each of @syms
 *
 * Return: the handle (for dlclose()), or NULL if the library is not installed or lacks
 * one of the functions; then it is closed again and the pointers mean nothing.
 */
void *dynlib_open(const char *soname, const struct dynlib_sym *syms, size_t n);

#endif
