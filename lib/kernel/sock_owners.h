/* SPDX-License-Identifier: GPL-2.0 */
/* sock_owners.h - which processes hold which sockets: /proc/PID/fd, read once per run
 *
 * For smcss -P, as ss -p: a socket's inode (sock_diag's diag_inode) is the number in the
 * "socket:[INODE]" link of each descriptor that refers to it. A process we may not look
 * into (another user's, without CAP_SYS_PTRACE) is simply not in the table; one that
 * ends while it is read is skipped. Pure: no printing, no global state.
 */
#ifndef SMC_SOCK_OWNERS_H
#define SMC_SOCK_OWNERS_H

#include <stddef.h>
#include <stdint.h>

/* the kernel's TASK_COMM_LEN: 15 bytes of name and its terminator */
#define SOCK_OWNER_COMM 16

struct sock_owner {
	uint64_t	inode;
	uint32_t	pid;
	uint32_t	fd;
	char		comm[SOCK_OWNER_COMM];	/* as the kernel has it: untrusted bytes */
};

/* Every socket descriptor found, sorted by inode, then pid and fd; no limit on how many */
struct sock_owners {
	struct sock_owner	*v;
	size_t			n;
};

/**
 * sock_owners_load() - read the socket descriptors of every process
 * @proc: a descriptor of the proc file system's root (a directory of the same layout,
 *	  for tests)
 *
 * Return: 0, or -errno if @proc cannot be read at all (-ENOMEM too). A process or a
 * descriptor that cannot be read is left out, not an error.
 */
int sock_owners_load(int proc, struct sock_owners *t);

/* The owners of @inode: how many, and *@first the first of them (NULL if none). */
size_t sock_owners_of(const struct sock_owners *t, uint64_t inode,
		      const struct sock_owner **first);

void sock_owners_free(struct sock_owners *t);

#endif
