/* SPDX-License-Identifier: GPL-2.0 */
/* inet_text.h - IPv4 and IPv6 addresses as text, without printf
 *
 * The same text as glibc's inet_ntop() (RFC 5952 style: lower-case hex, the first
 * longest run of two or more zero groups as "::", v4-mapped and v4-compatible
 * addresses with a dotted quad), which smc-tools and ss print: a listing formats two
 * addresses per socket, and inet_ntop() does it through sprintf().
 */
#ifndef SMC_INET_TEXT_H
#define SMC_INET_TEXT_H

#include <stddef.h>
#include <netinet/in.h>

/* @family AF_INET (4 bytes at @addr) or AF_INET6 (16); @buf holds INET6_ADDRSTRLEN.
 * Return: the length written (NUL-terminated), or 0 for another family.
 */
size_t inet_text(int family, const void *addr, char buf[static INET6_ADDRSTRLEN]);

#endif
