// SPDX-License-Identifier: GPL-2.0
/* rnics.c - RDMA and ISM devices and their PCI functions, from sysfs and SMC (rnics.h) */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "host_probe.h"
#include "parse_num.h"
#include "rdma_nl.h"
#include "rnics.h"
#include "smc_dev.h"
#include "smc_pnet.h"

/* IBM's ISM: PCI vendor 0x1014, device 0x04ed (drivers/s390/net/ism.h) */
#define ISM_VENDOR	0x1014
#define ISM_DEVICE	0x04ed
/* PCI base class 0x02: network controllers (Ethernet, InfiniBand, ...) */
#define PCI_CLASS_NETWORK	0x02
/* the longest sysfs attribute we read as text ("4: ACTIVE", "0x0000001a", names) */
#define ATTR_MAX	(RNIC_NAME_MAX + 2)

static int open_dir(int at, const char *path)
{
	return openat(at, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

/*
 * Read attribute @name of directory @dir whole into @buf (up to @len bytes). Only a
 * regular file is read, so a fixture's FIFO cannot block us; a file longer than @len is
 * refused, never cut. Return: the bytes read, or -errno (-EFBIG: too long).
 */
static ssize_t read_attr(int dir, const char *name, void *buf, size_t len)
{
	int fd = openat(dir, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	size_t got = 0;
	struct stat st;
	char extra;
	ssize_t n;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return -EINVAL;
	}
	while (got < len && (n = read(fd, (char *)buf + got, len - got)) > 0)
		got += (size_t)n;
	/* one byte more than the buffer holds: the attribute is too long */
	n = got == len ? read(fd, &extra, 1) : 0;
	close(fd);
	return n > 0 ? -EFBIG : (ssize_t)got;
}

/* A text attribute: one line, its newline removed, no NUL inside. Return: 0 or -errno. */
static int read_text(int dir, const char *name, char *buf, size_t len)
{
	ssize_t n = read_attr(dir, name, buf, len - 1);

	if (n < 0)
		return (int)n;
	buf[n] = '\0';
	if (n && buf[n - 1] == '\n')
		buf[--n] = '\0';
	if (strlen(buf) != (size_t)n || strchr(buf, '\n'))
		return -EINVAL;
	return 0;
}

/* A hexadecimal attribute as the kernel writes them ("0x15b3", "0x0000001a") */
static bool read_hex(int dir, const char *name, uint64_t max, uint64_t *v)
{
	char buf[32];

	return !read_text(dir, name, buf, sizeof(buf)) && !strncmp(buf, "0x", 2) &&
	       !parse_hex(buf, max, v);
}

static bool read_dec(int dir, const char *name, uint64_t max, uint64_t *v)
{
	char buf[32];

	return !read_text(dir, name, buf, sizeof(buf)) && !parse_dec(buf, max, v);
}

/* The last part of symbolic link @name in @dir ("../../0000:3b:00.0" -> "0000:3b:00.0") */
static int link_base(int dir, const char *name, char *out, size_t len)
{
	char target[4096];
	ssize_t n = readlinkat(dir, name, target, sizeof(target) - 1);
	const char *base;

	if (n < 0)
		return -errno;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (!*base || strlen(base) >= len)
		return -EINVAL;
	memcpy(out, base, strlen(base) + 1);
	return 0;
}

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* A PCI address as sysfs names functions: DOMAIN:BUS:DEVICE.FUNCTION in lower-case hex */
static bool pci_addr_ok(const char *s)
{
	size_t i = 0, dom = 0;

	while (is_hex(s[i]))
		i++, dom++;
	if (!dom || dom > 8 || s[i++] != ':' || !is_hex(s[i]) || !is_hex(s[i + 1]) ||
	    s[i + 2] != ':' || !is_hex(s[i + 3]) || !is_hex(s[i + 4]) || s[i + 5] != '.')
		return false;
	return s[i + 6] >= '0' && s[i + 6] <= '7' && !s[i + 7];
}

/* Code page 1047 (EBCDIC) to ASCII for what a PNET ID may hold: letters, digits, blank */
static char ebcdic_char(unsigned char c)
{
	static const struct { unsigned char first; char ascii; } runs[] = {
		{ 0xc1, 'A' }, { 0xd1, 'J' }, { 0xe2, 'S' }, { 0x81, 'a' }, { 0x91, 'j' },
		{ 0xa2, 's' }, { 0xf0, '0' },
	};
	static const unsigned char run_len[] = { 9, 9, 8, 9, 9, 8, 10 };

	if (c == 0x40 || c == 0x00)
		return ' ';
	for (size_t i = 0; i < ARRAY_LEN(runs); i++)
		if (c >= runs[i].first && c < runs[i].first + run_len[i])
			return (char)(runs[i].ascii + (c - runs[i].first));
	return '?';
}

void rnics_pnetid_from_util(const unsigned char *util, size_t len, unsigned int index,
			    char out[RNIC_PNETID_LEN + 1])
{
	size_t at = (size_t)index * RNIC_PNETID_LEN, n = 0;

	out[0] = '\0';
	if (index >= RNIC_UTIL_STR_LEN / RNIC_PNETID_LEN || at + RNIC_PNETID_LEN > len)
		return;
	for (size_t i = 0; i < RNIC_PNETID_LEN; i++)
		out[i] = ebcdic_char(util[at + i]);
	/* blank-padded to 16: the ID ends with its last character that is not blank */
	for (size_t i = 0; i < RNIC_PNETID_LEN; i++)
		if (out[i] != ' ')
			n = i + 1;
	out[n] = '\0';
}

static int push_name(char ***v, size_t *n, const char *name)
{
	char **slot = array_push(v, n, sizeof(*slot));

	if (!slot)
		return -ENOMEM;
	*slot = strdup(name);
	return *slot ? 0 : -ENOMEM;	/* a NULL slot is freed harmlessly with the rest */
}

static void free_names(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int name_cmp(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;

	return strcmp(*x ? *x : "", *y ? *y : "");
}

/* The entries of directory @path in @at, sorted, without "." and ".." */
static int list_dir(int at, const char *path, char ***v, size_t *n)
{
	int fd = open_dir(at, path);
	struct dirent *e;
	DIR *d;
	int rc = 0;

	*v = NULL;
	*n = 0;
	if (fd < 0)
		return 0;	/* no such class or bus here: nothing of it */
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return 0;
	}
	while (!rc && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			rc = push_name(v, n, e->d_name);
	closedir(d);
	if (rc) {
		free_names(*v, *n);
		*v = NULL;
		*n = 0;
		return rc;
	}
	if (*n)		/* an empty directory has no array: qsort() may not get NULL */
		qsort(*v, *n, sizeof(**v), name_cmp);
	return 0;
}

/* What a PCI function's directory says: the fields its rows share, and util_string */
struct pci_fn {
	struct rnic		base;		/* the fields of every row of the function */
	unsigned char		util[RNIC_UTIL_STR_LEN];
	size_t			util_len;
};

static void read_pci(int fn, struct pci_fn *p)
{
	struct rnic *r = &p->base;
	uint64_t v;
	ssize_t n;

	if ((r->vendor.has = read_hex(fn, "vendor", UINT16_MAX, &v)))
		r->vendor.v = (uint16_t)v;
	if ((r->device.has = read_hex(fn, "device", UINT16_MAX, &v)))
		r->device.v = (uint16_t)v;
	if ((r->pci_class.has = read_hex(fn, "class", 0xffffff, &v)))
		r->pci_class.v = (uint32_t)v;
	if (link_base(fn, "driver", r->driver, sizeof(r->driver)))
		r->driver[0] = '\0';
	/* s390: arch/s390/pci/pci_sysfs.c writes them in these formats */
	if ((r->fid.has = read_hex(fn, "function_id", UINT32_MAX, &v)))
		r->fid.v = (uint32_t)v;
	if ((r->pchid.has = read_hex(fn, "pchid", UINT16_MAX, &v)))
		r->pchid.v = (uint16_t)v;
	if ((r->pft.has = read_hex(fn, "pft", UINT8_MAX, &v)))
		r->pft.v = (uint8_t)v;
	if ((r->vfn.has = read_hex(fn, "vfn", UINT16_MAX, &v)))
		r->vfn.v = (uint16_t)v;
	if ((r->pport.has = read_dec(fn, "port", UINT8_MAX, &v)))
		r->pport.v = (uint8_t)v;
	if ((r->uid.has = read_hex(fn, "uid", UINT32_MAX, &v)))
		r->uid.v = (uint32_t)v;
	/* a virtual function: s390 numbers them (vfn 0 is none), elsewhere the PF link */
	r->vf.has = true;
	if (r->vfn.has) {
		r->vf.v = r->vfn.v != 0;
	} else {
		struct stat st;

		r->vf.v = !fstatat(fn, "physfn", &st, AT_SYMLINK_NOFOLLOW);
	}
	n = read_attr(fn, "util_string", p->util, sizeof(p->util));
	p->util_len = n > 0 ? (size_t)n : 0;
}

/* The network interfaces of a PCI function (its net/ directory) */
static int pci_netdevs(int fn, struct rnic *r)
{
	return list_dir(fn, "net", &r->netdevs, &r->nnetdevs);
}

static void rnic_clear(struct rnic *r)
{
	free_names(r->netdevs, r->nnetdevs);
	r->netdevs = NULL;
	r->nnetdevs = 0;
}

/* A new row, a copy of @tmpl without its interfaces. Return: it, or NULL. */
static struct rnic *add_row(struct rnic_list *l, const struct rnic *tmpl)
{
	struct rnic *r = array_push(&l->v, &l->n, sizeof(*r));

	if (r && tmpl) {
		*r = *tmpl;
		r->netdevs = NULL;
		r->nnetdevs = 0;
	}
	return r;
}

static int copy_names(struct rnic *r, char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] && push_name(&r->netdevs, &r->nnetdevs, v[i]))
			return -ENOMEM;
	return 0;
}

static struct rnic *find_pci(struct rnic_list *l, const char *addr)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].pci_id, addr))
			return &l->v[i];
	return NULL;
}

/* A port's state and link layer from its directory ports/N: "4: ACTIVE" is ACTIVE */
static void read_port(int pd, struct rnic *r)
{
	char buf[ATTR_MAX];
	const char *s;

	if (!read_text(pd, "state", buf, sizeof(buf))) {
		s = strstr(buf, ": ");
		s = s ? s + 2 : buf;
		if (strlen(s) < sizeof(r->state))
			memcpy(r->state, s, strlen(s) + 1);
	}
	if (read_text(pd, "link_layer", r->link_layer, sizeof(r->link_layer)))
		r->link_layer[0] = '\0';
}

/* What a walk over a sysfs directory adds rows to */
struct scan {
	struct rnic_list	*l;
	bool			all;	/* the PCI bus: the other network functions too */
};

typedef int (*scan_entry_fn)(int dir, const char *name, struct scan *s);

/*
 * Call @fn for each entry of directory @path under @root, in name order. A directory that
 * is not there has no entries; @found (may be NULL) says whether it was there.
 * Return: 0, -ENOMEM, or @fn's first non-zero return, which ends the walk.
 */
static int scan_dir(int root, const char *path, scan_entry_fn fn, struct scan *s, bool *found)
{
	int dir = open_dir(root, path);
	char **names = NULL;
	size_t n = 0;
	int rc;

	if (found)
		*found = dir >= 0;
	if (dir < 0)
		return 0;
	rc = list_dir(dir, ".", &names, &n);
	for (size_t i = 0; !rc && i < n; i++)
		rc = fn(dir, names[i], s);
	free_names(names, n);
	close(dir);
	return rc;
}

/* An RDMA device of /sys/class/infiniband: a row per port. Return: 0 or -ENOMEM. */
static int scan_rdma_dev(int class_fd, const char *name, struct scan *s)
{
	struct rnic_list *l = s->l;
	int dev = open_dir(class_fd, name), fn = -1, ports_fd;
	struct pci_fn pci = { .base = { .kind = RNIC_RDMA } };
	char **ports = NULL, parent[ATTR_MAX] = "";
	size_t nports = 0;
	int rc = 0;

	if (dev < 0 || strlen(name) > RNIC_NAME_MAX) {
		if (dev >= 0)
			close(dev);
		return 0;
	}
	memcpy(pci.base.name, name, strlen(name) + 1);
	pci.base.is_virtual = faccessat(dev, "device", F_OK, AT_SYMLINK_NOFOLLOW) != 0;
	if (!pci.base.is_virtual) {
		char addr[ATTR_MAX];

		fn = open_dir(dev, "device");
		if (fn >= 0 && !link_base(dev, "device", addr, sizeof(addr)) &&
		    pci_addr_ok(addr)) {
			memcpy(pci.base.pci_id, addr, strlen(addr) + 1);
			read_pci(fn, &pci);
			rc = pci_netdevs(fn, &pci.base);
		}
	}
	/* soft-RoCE and siw name the interface they run on */
	if (read_text(dev, "parent", parent, sizeof(parent)))
		parent[0] = '\0';
	ports_fd = open_dir(dev, "ports");
	if (!rc && ports_fd >= 0)
		rc = list_dir(ports_fd, ".", &ports, &nports);
	for (size_t i = 0; !rc && i < nports; i++) {
		char ndev[ATTR_MAX];
		uint64_t num;
		struct rnic *r;
		int pd;

		if (parse_dec(ports[i], UINT32_MAX, &num) || !num)
			continue;
		pd = open_dir(ports_fd, ports[i]);
		if (pd < 0)
			continue;
		r = add_row(l, &pci.base);
		if (!r) {
			close(pd);
			rc = -ENOMEM;
			break;
		}
		r->port = (uint32_t)num;
		read_port(pd, r);
		/* SMC reads the PNET ID of RDMA port N from slot N-1 (smc_ib_setup_per_ibdev()) */
		rnics_pnetid_from_util(pci.util, pci.util_len, r->port - 1, r->pnetid);
		/* the port's own interface (RoCE: GID 0's), else the function's, else the parent */
		if (!read_text(pd, "gid_attrs/ndevs/0", ndev, sizeof(ndev)) && ndev[0])
			rc = push_name(&r->netdevs, &r->nnetdevs, ndev);
		else if (pci.base.nnetdevs)
			rc = copy_names(r, pci.base.netdevs, pci.base.nnetdevs);
		else if (parent[0])
			rc = push_name(&r->netdevs, &r->nnetdevs, parent);
		close(pd);
	}
	free_names(ports, nports);
	rnic_clear(&pci.base);
	if (ports_fd >= 0)
		close(ports_fd);
	if (fn >= 0)
		close(fn);
	close(dev);
	return rc;
}

/* A function of /sys/bus/pci/devices: an ISM one, and with s->all the other network
 * functions without a row yet
 */
static int scan_pci_fn(int bus, const char *name, struct scan *s)
{
	struct pci_fn pci = { .base = { .kind = RNIC_ISM } };
	int fn, rc = 0;
	bool ism, net;

	if (!pci_addr_ok(name) || find_pci(s->l, name))
		return 0;
	fn = open_dir(bus, name);
	if (fn < 0)
		return 0;
	read_pci(fn, &pci);
	ism = pci.base.vendor.v == ISM_VENDOR && pci.base.device.v == ISM_DEVICE &&
	      pci.base.vendor.has && pci.base.device.has;
	net = pci.base.pci_class.has && pci.base.pci_class.v >> 16 == PCI_CLASS_NETWORK;
	if (ism || (s->all && net)) {
		struct rnic *r;

		memcpy(pci.base.pci_id, name, strlen(name) + 1);
		if (ism)	/* SMC names an ISM device by its PCI address */
			memcpy(pci.base.name, name, strlen(name) + 1);
		else
			pci.base.kind = RNIC_OTHER;
		r = add_row(s->l, &pci.base);
		if (!r)
			rc = -ENOMEM;
		else if (ism)
			rnics_pnetid_from_util(pci.util, pci.util_len, 0, r->pnetid);
		else
			rc = pci_netdevs(fn, r);
	}
	close(fn);
	return rc;
}

/* Linux 7.x: SMC-D devices are DIBS devices; one without a parent is the loopback */
static int scan_dibs_dev(int cls, const char *name, struct scan *s)
{
	struct rnic tmpl = { .kind = RNIC_ISM, .is_virtual = true };
	char path[RNIC_NAME_MAX + sizeof("/device")];

	/* one with a parent is an ISM function: listed from the PCI bus */
	snprintf(path, sizeof(path), "%s/device", name);
	if (strlen(name) > RNIC_NAME_MAX || !faccessat(cls, path, F_OK, AT_SYMLINK_NOFOLLOW))
		return 0;
	memcpy(tmpl.name, name, strlen(name) + 1);
	return add_row(s->l, &tmpl) ? 0 : -ENOMEM;
}

/* s390 functions in standby: their slot is there, powered off, the function is not */
static int scan_standby_slot(int slots, const char *name, struct scan *s)
{
	struct rnic tmpl = { .kind = RNIC_STANDBY };
	char path[RNIC_NAME_MAX + sizeof("/power")];
	uint64_t fid, power;

	/* zPCI names a slot by its FID, 8 hex digits (arch/s390/pci/pci.c) */
	if (strlen(name) != 8 || parse_hex(name, UINT32_MAX, &fid))
		return 0;
	snprintf(path, sizeof(path), "%s/power", name);
	if (!read_dec(slots, path, 1, &power) || power)
		return 0;
	tmpl.fid.has = tmpl.power.has = true;
	tmpl.fid.v = (uint32_t)fid;
	return add_row(s->l, &tmpl) ? 0 : -ENOMEM;
}

/* The power of each function with a FID, from its slot */
static void read_power(int root, struct rnic_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct rnic *r = &l->v[i];
		char path[64];
		uint64_t v;

		if (!r->fid.has || r->kind == RNIC_STANDBY)
			continue;
		snprintf(path, sizeof(path), "sys/bus/pci/slots/%08x/power", (unsigned int)r->fid.v);
		if ((r->power.has = read_dec(root, path, 1, &v)))
			r->power.v = v != 0;
	}
}

/* ---- what SMC knows: netlink -------------------------------------------------- */

static int ism_cb(const struct smc_dev *d, void *arg)
{
	struct rnic_list *l = arg;
	char addr[sizeof(d->pci_id.v)];
	struct rnic *r;

	if (!d->pci_id.has || !d->pci_id.v[0])
		return 0;
	snprintf(addr, sizeof(addr), "%s", d->pci_id.v);
	r = find_pci(l, addr);
	if (!r) {
		struct rnic tmpl = { .kind = RNIC_ISM };

		memcpy(tmpl.pci_id, addr, strlen(addr) + 1);
		memcpy(tmpl.name, addr, strlen(addr) + 1);
		r = add_row(l, &tmpl);
		if (!r)
			return -ENOMEM;
	}
	/* sysfs said it first; SMC fills what sysfs did not show */
#define FILL(field, opt)						\
	do {								\
		if (!r->field.has && d->opt.has) {			\
			r->field.has = true;				\
			r->field.v = d->opt.v;				\
		}							\
	} while (0)
	FILL(fid, pci_fid);
	FILL(pchid, pci_chid);
	FILL(vendor, pci_vendor);
	FILL(device, pci_device);
#undef FILL
	if (!r->pnetid[0] && d->port[0].pnetid[0]) {
		snprintf(r->pnetid, sizeof(r->pnetid), "%s", d->port[0].pnetid);
		r->pnetid_by_user = d->port[0].pnet_by_user.has && d->port[0].pnet_by_user.v;
	}
	return 0;
}

struct pnet_entries {
	struct smc_pnet_entry	*v;
	size_t			n;
};

static int pnet_cb(const struct smc_pnet_entry *e, void *arg)
{
	struct pnet_entries *t = arg;
	struct smc_pnet_entry *slot;

	if (!e->ibdev[0])
		return 0;	/* an interface's entry */
	slot = array_push(&t->v, &t->n, sizeof(*slot));
	if (!slot)
		return -ENOMEM;
	*slot = *e;
	return 0;
}

/* The PNET ID the table gives a row without one from the hardware */
static void pnet_from_table(struct rnic_list *l, const struct pnet_entries *t)
{
	for (size_t i = 0; i < l->n; i++) {
		struct rnic *r = &l->v[i];

		if (r->pnetid[0] || !r->name[0])
			continue;
		for (size_t k = 0; k < t->n; k++) {
			/* SMC-D devices have one port; the table's port means nothing there */
			if (strcmp(t->v[k].ibdev, r->name) ||
			    (r->kind == RNIC_RDMA && t->v[k].ib_port != r->port))
				continue;
			snprintf(r->pnetid, sizeof(r->pnetid), "%s", t->v[k].pnetid);
			r->pnetid_by_user = true;
			break;
		}
	}
}

static bool has_name(const struct rnic_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return true;
	return false;
}

/* Before Linux 7.x, SMC's loopback-ism is no sysfs device and SMC does not list it
 * (net/smc/smc_ism.c leaves it out since 6.10): it exists when the smc module was built
 * with it, which its init function in the kernel's symbols tells.
 */
#define SMC_LOOPBACK_SYMBOL	"smc_loopback_init"
#define SMC_LOOPBACK_NAME	"loopback-ism"

static int smc_sources(struct smc_nl *nl, bool have_dibs, struct rnic_list *l)
{
	struct pnet_entries table = { 0 };
	struct rdma_nl_dev *rdma = NULL;
	size_t nrdma = 0;
	int rc;

	l->ism_rc = smc_dev_dump(nl, true, ism_cb, l);
	if (l->ism_rc == -ENOMEM)
		return -ENOMEM;
	if (!have_dibs && l->ism_rc != -ENOENT && !has_name(l, SMC_LOOPBACK_NAME) &&
	    smc_host_kernel_has_symbol(nl, SMC_LOOPBACK_SYMBOL) == 1) {
		struct rnic tmpl = { .kind = RNIC_ISM, .is_virtual = true,
				     .name = SMC_LOOPBACK_NAME };

		if (!add_row(l, &tmpl))
			return -ENOMEM;
	}
	l->pnet_rc = smc_pnet_dump(nl, NULL, pnet_cb, &table);
	if (!l->pnet_rc)
		pnet_from_table(l, &table);
	free(table.v);
	if (l->pnet_rc == -ENOMEM)
		return -ENOMEM;
	/* the verbs driver of each RDMA device, for those sysfs shows no driver of */
	rc = rdma_nl_devices(nl, &rdma, &nrdma);
	for (size_t i = 0; !rc && i < l->n; i++) {
		struct rnic *r = &l->v[i];

		for (size_t k = 0; r->kind == RNIC_RDMA && k < nrdma; k++) {
			if (rdma[k].has_driver && !strcmp(rdma[k].name, r->name)) {
				r->verbs_driver.has = true;
				r->verbs_driver.v = rdma[k].driver_id;
			}
		}
	}
	free(rdma);
	return rc == -ENOMEM ? rc : 0;
}

/* PCI functions by address, then those without one by name; ports in order */
static int row_cmp(const void *a, const void *b)
{
	const struct rnic *x = a, *y = b;
	int c;

	if (!x->pci_id[0] != !y->pci_id[0])
		return x->pci_id[0] ? -1 : 1;
	c = strcmp(x->pci_id, y->pci_id);
	if (!c && x->kind != y->kind)
		c = x->kind < y->kind ? -1 : 1;
	if (!c && x->kind == RNIC_STANDBY)
		c = x->fid.v < y->fid.v ? -1 : x->fid.v > y->fid.v;
	if (!c)
		c = strcmp(x->name, y->name);
	if (!c)
		c = x->port < y->port ? -1 : x->port > y->port;
	return c;
}

int rnics_load(const char *root, struct smc_nl *nl, bool all, struct rnic_list *l)
{
	int rfd = open(root && *root ? root : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct scan s = { .l = l, .all = all };
	bool have_dibs = false;
	int rc;

	memset(l, 0, sizeof(*l));
	l->pnet_rc = l->ism_rc = -ENODATA;
	if (rfd < 0)
		return -errno;
	rc = scan_dir(rfd, "sys/class/infiniband", scan_rdma_dev, &s, NULL);
	if (!rc)
		rc = scan_dir(rfd, "sys/bus/pci/devices", scan_pci_fn, &s, NULL);
	if (!rc)
		rc = scan_dir(rfd, "sys/class/dibs", scan_dibs_dev, &s, &have_dibs);
	if (!rc && all)
		rc = scan_dir(rfd, "sys/bus/pci/slots", scan_standby_slot, &s, NULL);
	if (!rc)
		read_power(rfd, l);
	close(rfd);
	if (!rc && nl)
		rc = smc_sources(nl, have_dibs, l);
	if (rc) {
		rnics_free(l);
		return rc;
	}
	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), row_cmp);
	return 0;
}

void rnics_free(struct rnic_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		rnic_clear(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int rnics_power(const char *root, uint32_t fid, int on)
{
	int rfd = open(root && *root ? root : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char path[64];
	uint64_t was;
	int fd, rc;

	if (rfd < 0)
		return -errno;
	snprintf(path, sizeof(path), "sys/bus/pci/slots/%08x/power", (unsigned int)fid);
	if (!read_dec(rfd, path, 1, &was)) {
		rc = faccessat(rfd, path, F_OK, 0) ? -ENOENT : -EPROTO;
		close(rfd);
		return rc;
	}
	if (on < 0 || (uint64_t)on == was) {
		close(rfd);
		return (int)was;
	}
	fd = openat(rfd, path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
	close(rfd);
	if (fd < 0)
		return -errno;
	rc = write(fd, on ? "1\n" : "0\n", 2) == 2 ? (int)was : -errno;
	if (close(fd) && rc >= 0)
		rc = -errno;
	return rc;
}
