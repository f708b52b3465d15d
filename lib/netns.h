/* SPDX-License-Identifier: GPL-2.0 */
/* netns.h - run in another network namespace (-n), and name the current one */
#ifndef SMC_NETNS_H
#define SMC_NETNS_H

#include <stdint.h>

/**
 * netns_enter() - switch this process into a network namespace
 * @spec: a name (/run/netns/NAME, as "ip netns add" makes), an absolute path, or a PID
 *
 * Must run before any netlink socket is opened: sockets stay in the namespace that
 * made them. Return: 0 or -errno (-ENOENT: no such namespace, -EPERM: not allowed).
 */
int netns_enter(const char *spec);

/* The cookie of the current network namespace (SO_NETNS_COOKIE, Linux 5.14+), the value
 * SMC-R link groups carry in SMC_NLA_LGR_R_NET_COOKIE. Return: 0 or -errno.
 */
int netns_cookie(uint64_t *cookie);

#endif
