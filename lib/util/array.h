/* SPDX-License-Identifier: GPL-2.0 */
/* array.h - growing arrays for lists the kernel decides the length of */
#ifndef SMC_ARRAY_H
#define SMC_ARRAY_H

#include <stddef.h>

/* the number of elements of array @a (an array, not a pointer) */
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/**
 * array_push() - make room for one more element at the end of an array
 * @arrp: the address of the array pointer (NULL while *@n is 0); it moves as it grows
 * @n: its number of elements, incremented
 * @size: the size of one element
 *
 * The capacity doubles whenever *@n reaches a power of two, so the count alone tells
 * when to grow: no capacity field to keep in step.
 * Return: the new element, zeroed; NULL (nothing changed) if memory ran out.
 */
void *array_push(void *arrp, size_t *n, size_t size);

#endif
