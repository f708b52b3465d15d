/* SPDX-License-Identifier: GPL-2.0 */
/* netns.h - run in another network namespace (-n), and name the current one */
#ifndef SMC_NETNS_H
#define SMC_NETNS_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

/* netns_enter()'s errno for a file that exists but is no network namespace */
#define NETNS_ENOTNET EMEDIUMTYPE

/**
 * netns_enter() - switch this process into a network namespace
 * @spec: a name (/run/netns/NAME, as "ip netns add" makes), an absolute path, or a PID
 *
 * Must run before any netlink socket is opened: sockets stay in the namespace that
 * made them. The file is opened without blocking (a FIFO cannot hang the tool) and must
 * be a network namespace; a path too long for the system is refused, never cut.
 * Return: 0 or -errno: -ENOENT no such namespace, -EPERM not allowed, -EINVAL @spec is no
 * name, path or PID, -ENAMETOOLONG too long, -NETNS_ENOTNET not a network namespace.
 */
int netns_enter(const char *spec);

/* Is @rc of netns_enter() the user's mistake (a usage error, exit 2)? */
static inline bool netns_err_is_usage(int rc)
{
	return rc == -EINVAL || rc == -ENAMETOOLONG || rc == -NETNS_ENOTNET;
}

/**
 * netns_each_other() - call @fn inside each other network namespace that has a name
 * @fn: called with the namespace's name ("initial" for PID 1's, else the "ip netns"
 *	name) and the path it was entered by (what -n takes to reach it); sockets it
 *	opens stay in that namespace; a non-zero return stops the walk
 *
 * Visits the initial namespace and those under /run/netns, skipping the current one,
 * and always returns to the current one. Needs CAP_SYS_ADMIN.
 * Return: 0, @fn's non-zero return, or -errno (-EPERM: not allowed).
 */
int netns_each_other(int (*fn)(const char *name, const char *path, void *arg), void *arg);

/* The cookie of the current network namespace (SO_NETNS_COOKIE, Linux 5.14+), the value
 * SMC-R link groups carry in SMC_NLA_LGR_R_NET_COOKIE. Return: 0 or -errno.
 */
int netns_cookie(uint64_t *cookie);

#endif
