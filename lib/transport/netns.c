// SPDX-License-Identifier: GPL-2.0
/* netns.c - setns() into a named, pathed or PID's network namespace */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <linux/magic.h>
#include <linux/nsfs.h>

#include "netns.h"
#include "parse_num.h"

#ifndef SO_NETNS_COOKIE
#define SO_NETNS_COOKIE 71
#endif
#ifndef NSFS_MAGIC
#define NSFS_MAGIC 0x6e736673	/* linux/magic.h of Linux 3.19 and later */
#endif

/* A namespace of another kind (/proc/PID/ns/mnt) is no network namespace either. Kernels
 * before 4.11 cannot tell (ENOTTY): setns() then refuses it with EINVAL.
 */
static int netns_check_type(int fd)
{
	int type = ioctl(fd, NS_GET_NSTYPE);

	return type >= 0 && type != CLONE_NEWNET ? -NETNS_ENOTNET : 0;
}

/*
 * Open @path for setns() without being fooled by what it is: O_NONBLOCK so that a FIFO
 * (or a device) cannot make open() wait for ever, O_NOCTTY so that a terminal does not
 * become ours. What was opened is then checked, not what the name pointed to a moment
 * before (no window for a swap): it must be a network namespace file.
 * Return: the descriptor, or -errno (-NETNS_ENOTNET: some other file).
 */
static int open_netns(const char *path)
{
	struct statfs sfs;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	int rc = 0;

	if (fd < 0)
		return -errno;
	if (fstatfs(fd, &sfs) < 0)
		rc = -errno;
	else if (sfs.f_type != NSFS_MAGIC)
		rc = -NETNS_ENOTNET;
	else
		rc = netns_check_type(fd);
	if (rc) {
		close(fd);
		return rc;
	}
	return fd;
}

int netns_enter(const char *spec)
{
	char path[PATH_MAX];
	uint64_t pid;
	int fd, n, rc = 0;

	if (!spec[0])
		return -EINVAL;
	if (spec[0] == '/') {
		n = snprintf(path, sizeof(path), "%s", spec);
	} else if (strspn(spec, "0123456789") == strlen(spec)) {
		/* a PID: decimal, and no more than a pid_t holds */
		if (parse_dec(spec, INT_MAX, &pid))
			return -ENOENT;
		n = snprintf(path, sizeof(path), "/proc/%" PRIu64 "/ns/net", pid);
	} else if (strchr(spec, '/') || !strcmp(spec, ".") || !strcmp(spec, "..")) {
		return -EINVAL;
	} else if (strlen(spec) > NAME_MAX) {
		return -ENAMETOOLONG;	/* no file name is that long */
	} else {
		n = snprintf(path, sizeof(path), "/run/netns/%s", spec);
	}
	/* never a cut path: it could name another namespace */
	if (n < 0 || (size_t)n >= sizeof(path))
		return -ENAMETOOLONG;
	fd = open_netns(path);
	if (fd < 0)
		return fd;
	if (setns(fd, CLONE_NEWNET) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

int netns_cookie(uint64_t *cookie)
{
	socklen_t len = sizeof(*cookie);
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int rc = 0;

	if (fd < 0)
		return -errno;
	if (getsockopt(fd, SOL_SOCKET, SO_NETNS_COOKIE, cookie, &len) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* setns() into @path unless it is @home; run @fn there; come back to @home_fd. */
static int visit(const char *path, const char *name, const struct stat *home, int home_fd,
		 int (*fn)(const char *name, const char *path, void *arg), void *arg)
{
	struct stat st;
	int fd = open_netns(path);
	int rc;

	if (fd < 0)
		return 0;	/* gone meanwhile, a stale mount point, or no namespace */
	if (fstat(fd, &st) < 0 || same_file(&st, home)) {
		close(fd);
		return 0;
	}
	rc = setns(fd, CLONE_NEWNET) < 0 ? -errno : 0;
	close(fd);
	if (rc)
		return rc;
	rc = fn(name, path, arg);
	/* coming back cannot fail for a namespace we were in a moment ago; if it did, the
	 * caller would go on in the wrong one: stop everything instead
	 */
	if (setns(home_fd, CLONE_NEWNET) < 0)
		abort();
	return rc;
}

int netns_each_other(int (*fn)(const char *name, const char *path, void *arg), void *arg)
{
	struct stat home;
	struct dirent *e;
	DIR *dir;
	int home_fd, rc;

	home_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (home_fd < 0)
		return -errno;
	if (fstat(home_fd, &home) < 0) {
		rc = -errno;
		close(home_fd);
		return rc;
	}
	rc = visit("/proc/1/ns/net", "initial", &home, home_fd, fn, arg);
	dir = rc ? NULL : opendir("/run/netns");
	while (dir && !rc && (e = readdir(dir))) {
		char path[sizeof("/run/netns/") + sizeof(e->d_name)];

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/run/netns/%s", e->d_name);
		rc = visit(path, e->d_name, &home, home_fd, fn, arg);
	}
	if (dir)
		closedir(dir);
	close(home_fd);
	return rc;
}
