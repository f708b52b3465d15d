// SPDX-License-Identifier: GPL-2.0
/* sock_owners.c - socket inodes to processes, from /proc/PID/fd (see sock_owners.h) */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "array.h"
#include "parse_num.h"
#include "sock_owners.h"

/* A directory entry that is a decimal number (a PID, a descriptor) within @max */
static bool number_name(const char *name, uint64_t max, uint32_t *v)
{
	uint64_t n;

	if (name[0] < '0' || name[0] > '9' || parse_dec(name, max, &n))
		return false;
	*v = (uint32_t)n;
	return true;
}

/* The inode of a descriptor's link "socket:[INODE]"; false for anything else */
static bool socket_inode(const char *link, uint64_t *inode)
{
	static const char prefix[] = "socket:[";
	char digits[24];
	size_t len = strlen(link), n;

	if (len <= sizeof(prefix) || strncmp(link, prefix, sizeof(prefix) - 1) ||
	    link[len - 1] != ']')
		return false;
	n = len - (sizeof(prefix) - 1) - 1;
	if (n >= sizeof(digits))
		return false;
	memcpy(digits, link + sizeof(prefix) - 1, n);
	digits[n] = '\0';
	return parse_dec(digits, UINT64_MAX, inode) == 0;
}

/* The process's name from PID/comm, without its newline; "" if it cannot be read */
static void read_comm(int pid_dir, char comm[SOCK_OWNER_COMM])
{
	int fd = openat(pid_dir, "comm", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, comm, SOCK_OWNER_COMM - 1);

	if (fd >= 0)
		close(fd);
	if (n < 0)
		n = 0;
	comm[n] = '\0';
	comm[strcspn(comm, "\n")] = '\0';
}

/* The socket descriptors of the process in @pid_dir. Return: 0 or -ENOMEM. */
static int process_sockets(struct sock_owners *t, int pid_dir, uint32_t pid)
{
	int fd_dir = openat(pid_dir, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char comm[SOCK_OWNER_COMM];
	bool have_comm = false;
	struct dirent *e;
	DIR *d;

	if (fd_dir < 0)
		return 0;	/* not ours to look into, or gone */
	d = fdopendir(fd_dir);
	if (!d) {
		close(fd_dir);
		return 0;
	}
	while ((e = readdir(d))) {
		char link[64];
		struct sock_owner *o;
		uint64_t inode;
		uint32_t fd;
		ssize_t n;

		if (!number_name(e->d_name, INT32_MAX, &fd))
			continue;
		n = readlinkat(dirfd(d), e->d_name, link, sizeof(link) - 1);
		if (n <= 0)
			continue;
		link[n] = '\0';
		if (!socket_inode(link, &inode))
			continue;
		if (!have_comm) {
			read_comm(pid_dir, comm);
			have_comm = true;
		}
		o = array_push(&t->v, &t->n, sizeof(*o));
		if (!o) {
			closedir(d);
			return -ENOMEM;
		}
		*o = (struct sock_owner){ .inode = inode, .pid = pid, .fd = fd };
		memcpy(o->comm, comm, sizeof(o->comm));
	}
	closedir(d);
	return 0;
}

static int owner_cmp(const void *a, const void *b)
{
	const struct sock_owner *x = a, *y = b;

	if (x->inode != y->inode)
		return x->inode < y->inode ? -1 : 1;
	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return x->fd < y->fd ? -1 : x->fd > y->fd;
}

int sock_owners_load(int proc, struct sock_owners *t)
{
	int dup_fd = fcntl(proc, F_DUPFD_CLOEXEC, 0);
	struct dirent *e;
	DIR *d;
	int rc = 0;

	*t = (struct sock_owners){ 0 };
	if (dup_fd < 0)
		return -errno;
	d = fdopendir(dup_fd);
	if (!d) {
		rc = -errno;
		close(dup_fd);
		return rc;
	}
	while (!rc && (e = readdir(d))) {
		uint32_t pid;
		int pid_dir;

		if (!number_name(e->d_name, INT32_MAX, &pid))
			continue;
		pid_dir = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (pid_dir < 0)
			continue;
		rc = process_sockets(t, pid_dir, pid);
		close(pid_dir);
	}
	closedir(d);
	if (rc) {
		sock_owners_free(t);
		return rc;
	}
	if (t->n)
		qsort(t->v, t->n, sizeof(*t->v), owner_cmp);
	return 0;
}

size_t sock_owners_of(const struct sock_owners *t, uint64_t inode,
		      const struct sock_owner **first)
{
	size_t lo = 0, hi = t->n, n = 0;

	*first = NULL;
	/* the first entry with this inode or a greater one */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->v[mid].inode < inode)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo + n < t->n && t->v[lo + n].inode == inode)
		n++;
	if (n)
		*first = &t->v[lo];
	return n;
}

void sock_owners_free(struct sock_owners *t)
{
	free(t->v);
	*t = (struct sock_owners){ 0 };
}
