// SPDX-License-Identifier: GPL-2.0
/* test_sock_owners.c - socket inodes to processes: this process's own socket in the real
 * /proc, and a directory of /proc's layout with the links a hostile or racing /proc could
 * hold (they are only symlinks: the reader never follows them)
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sock_owners.h"
#include "tap.h"

static void real_proc(void)
{
	struct sock_owners t;
	const struct sock_owner *o;
	int sv[2], proc = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct stat st;
	size_t n;
	bool mine = false;

	ok(proc >= 0 && socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0 && fstat(sv[0], &st) == 0,
	   "a socket of our own");
	ok(sock_owners_load(proc, &t) == 0, "/proc read");
	n = sock_owners_of(&t, st.st_ino, &o);
	for (size_t i = 0; i < n; i++)
		mine |= o[i].pid == (uint32_t)getpid() && o[i].fd == (uint32_t)sv[0];
	ok(n >= 1 && mine, "its inode leads to this process and descriptor (%zu owner(s))", n);
	ok(n >= 1 && !strcmp(o[0].comm, "test_sock_owner"),
	   "with the name the kernel keeps, cut to 15 bytes: '%s'", n ? o[0].comm : "");
	ok(sock_owners_of(&t, 0, &o) == 0 && !o, "inode 0 has no owner");
	sock_owners_free(&t);
	close(sv[0]);
	close(sv[1]);
	close(proc);
}

static int put_link(const char *dir, const char *name, const char *target)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return symlink(target, path);
}

static int put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

static void fixture(void)
{
	char root[] = "/tmp/test_sock_owners.XXXXXX", dir[600];
	struct sock_owners t;
	const struct sock_owner *o;
	int proc, bad = 0;
	size_t n;

	ok(mkdtemp(root) != NULL, "a directory of /proc's layout");
	/* 7: two sockets, one of them twice; a pipe; links that only look like sockets */
	snprintf(dir, sizeof(dir), "%s/7", root);
	bad |= mkdir(dir, 0700);
	snprintf(dir, sizeof(dir), "%s/7/comm", root);
	bad |= put_file(dir, "srv\033[31m\n");
	snprintf(dir, sizeof(dir), "%s/7/fd", root);
	bad |= mkdir(dir, 0700);
	bad |= put_link(dir, "3", "socket:[100]");
	bad |= put_link(dir, "4", "socket:[100]");
	bad |= put_link(dir, "5", "pipe:[100]");
	bad |= put_link(dir, "6", "socket:[200]");
	bad |= put_link(dir, "7", "socket:[]");
	bad |= put_link(dir, "8", "socket:[12");
	bad |= put_link(dir, "9", "socket:[+300]");
	bad |= put_link(dir, "10", "socket:[18446744073709551616]");
	bad |= put_link(dir, "11", "socket:[300] ");
	bad |= put_link(dir, "x", "socket:[400]");
	bad |= put_link(dir, "012", "socket:[500]");
	/* 5: no comm, one socket; "self" and "net" are no processes; 9: no fd directory */
	snprintf(dir, sizeof(dir), "%s/5", root);
	bad |= mkdir(dir, 0700);
	snprintf(dir, sizeof(dir), "%s/5/fd", root);
	bad |= mkdir(dir, 0700);
	bad |= put_link(dir, "0", "socket:[100]");
	snprintf(dir, sizeof(dir), "%s/self", root);
	bad |= mkdir(dir, 0700);
	snprintf(dir, sizeof(dir), "%s/9", root);
	bad |= mkdir(dir, 0700);
	ok(!bad, "fixture written");

	proc = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ok(proc >= 0 && sock_owners_load(proc, &t) == 0, "fixture read");
	n = sock_owners_of(&t, 100, &o);
	ok(n == 3 && o[0].pid == 5 && o[0].fd == 0 && o[1].pid == 7 && o[1].fd == 3 &&
	   o[2].pid == 7 && o[2].fd == 4, "inode 100: by pid, then descriptor");
	ok(n == 3 && !strcmp(o[0].comm, "") && !strcmp(o[1].comm, "srv\033[31m"),
	   "names as the files hold them (escaping is the output's), none where unreadable");
	ok(sock_owners_of(&t, 200, &o) == 1 && o[0].fd == 6, "inode 200");
	ok(sock_owners_of(&t, 300, &o) == 0, "'+300', a blank after ']': not sockets");
	ok(sock_owners_of(&t, 400, &o) == 0, "a descriptor named 'x' is none");
	ok(sock_owners_of(&t, 500, &o) == 1 && o[0].fd == 12,
	   "'012' is descriptor 12, read as decimal");
	ok(t.n == 5, "nothing else was taken for a socket (%zu)", t.n);
	sock_owners_free(&t);
	ok(sock_owners_load(-1, &t) < 0 && t.n == 0, "no proc directory: an error, no table");
	close(proc);
	snprintf(dir, sizeof(dir), "rm -rf '%s'", root);
	ok(system(dir) == 0, "fixture removed");
}

int main(void)
{
	real_proc();
	fixture();
	return tap_done();
}
