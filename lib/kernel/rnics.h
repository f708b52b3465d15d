/* SPDX-License-Identifier: GPL-2.0 */
/* rnics.h - the RDMA and ISM devices of a host and their PCI functions, for smc_rnics
 *
 * Read from sysfs: /sys/class/infiniband/DEV (ports, states, the "device" link to the
 * PCI function), /sys/bus/pci/devices/ADDR (vendor, device, class, driver, netdevs and,
 * on s390, the zPCI attributes function_id, pchid, pft, vfn, port, uid, util_string),
 * /sys/bus/pci/slots/FID/power (s390) and /sys/class/dibs (Linux 7.x). Then what SMC
 * itself knows over netlink: its ISM devices (lib/kernel/smc_dev.c), its PNET table
 * (smc_pnet.c), the verbs driver of each RDMA device (rdma_nl.c) and whether its
 * loopback-ism exists (host_probe.h).
 *
 * Every byte read from sysfs is untrusted: each attribute is read with a size limit,
 * numbers are taken only in the kernel's exact format, names only as long as a
 * directory entry can be. Nothing here prints. The number of devices has no limit.
 */
#ifndef SMC_RNICS_H
#define SMC_RNICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nl.h"
#include "nla.h"

#define RNIC_NAME_MAX		255	/* NAME_MAX: a sysfs directory entry */
#define RNIC_PNETID_LEN		16	/* SMC_MAX_PNETID_LEN */
#define RNIC_UTIL_STR_LEN	64	/* CLP_UTIL_STR_LEN: 4 PNET IDs of 16 EBCDIC bytes */

enum rnic_kind {
	RNIC_RDMA,	/* a port of an RDMA device */
	RNIC_ISM,	/* an ISM device (PCI, or SMC-D's loopback) */
	RNIC_OTHER,	/* listed with all only: a network PCI function without either */
	RNIC_STANDBY,	/* listed with all only: an s390 function whose slot is powered off */
};

/* One row: an RDMA device port, an ISM device, or (all) another PCI function */
struct rnic {
	enum rnic_kind		kind;
	/* the RDMA device; for ISM the name SMC gives it (its PCI address, "loopback-ism",
	 * or the DIBS device's name); "" for the others
	 */
	char			name[RNIC_NAME_MAX + 1];
	uint32_t		port;		/* RDMA port, 1-based; 0 for the others */
	char			state[32];	/* port state ("ACTIVE"), "" if unknown */
	char			link_layer[32];	/* "Ethernet", "InfiniBand", "" */
	bool			is_virtual;	/* no parent device at all (rxe, loopback) */
	/* the PCI function: "" if there is none */
	char			pci_id[RNIC_NAME_MAX + 1];
	SMC_OPT(uint16_t)	vendor;
	SMC_OPT(uint16_t)	device;
	SMC_OPT(uint32_t)	pci_class;
	SMC_OPT(bool)		vf;		/* a virtual function */
	char			driver[RNIC_NAME_MAX + 1];	/* the PCI driver, "" if none */
	/* the verbs driver as RDMA netlink tells it (enum rdma_driver_id) */
	SMC_OPT(uint32_t)	verbs_driver;
	/* s390 zPCI */
	SMC_OPT(uint32_t)	fid;
	SMC_OPT(uint16_t)	pchid;
	SMC_OPT(uint8_t)	pft;
	SMC_OPT(uint16_t)	vfn;
	SMC_OPT(uint8_t)	pport;		/* physical port (sysfs "port") */
	SMC_OPT(uint32_t)	uid;
	SMC_OPT(bool)		power;		/* slots/FID/power */
	/* the PNET ID: from the hardware (util_string) or else from SMC's PNET table */
	char			pnetid[RNIC_PNETID_LEN + 1];
	bool			pnetid_by_user;
	/* the port's network interfaces: malloc'ed names */
	char			**netdevs;
	size_t			nnetdevs;
};

struct rnic_list {
	struct rnic	*v;
	size_t		n;
	/* what SMC's netlink said, 0 or -errno: the PNET table, the ISM device list */
	int		pnet_rc;
	int		ism_rc;
};

/**
 * rnics_load() - every RDMA port and ISM device of the host, sorted
 * @root: the directory the host's sysfs is under: "" (or NULL) for this host, a
 *	  fixture tree in the tests (@root/sys/class/infiniband ...)
 * @nl: SMC's netlink, for its ISM devices, PNET table and driver names; NULL: none
 * @all: also the network PCI functions without an RDMA or ISM device, and the s390
 *	 functions in standby
 *
 * Rows come sorted by PCI address, those without one after them by name, then by
 * port. A source that cannot be read leaves its part out: a missing sysfs class is no
 * device, and SMC's answers are kept in pnet_rc and ism_rc.
 * Return: 0, or -ENOMEM (then @l is empty).
 */
int rnics_load(const char *root, struct smc_nl *nl, bool all, struct rnic_list *l);
void rnics_free(struct rnic_list *l);

/**
 * rnics_pnetid_from_util() - the PNET ID of port @index (0-based) in an s390 util_string
 * @util: the attribute's bytes, EBCDIC (code page 1047), 16 per port
 * @out: receives it in ASCII, trailing blanks and NULs removed ("" if none); a byte
 *	 that no PNET ID character encodes becomes '?'
 */
void rnics_pnetid_from_util(const unsigned char *util, size_t len, unsigned int index,
			    char out[RNIC_PNETID_LEN + 1]);

/**
 * rnics_power() - read or set the power of the s390 PCI slot of function @fid
 * @on: -1 to read only; 0 or 1 to set
 *
 * Return: the state before (0 or 1), or -errno: -ENOENT if there is no slot of that FID
 * with power control (not s390, or no such function), -EPROTO if its power file holds
 * something else than 0 or 1, a write's -errno (-EACCES ...).
 */
int rnics_power(const char *root, uint32_t fid, int on);

#endif
