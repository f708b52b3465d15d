// SPDX-License-Identifier: GPL-2.0
/* smc_dev.c - decode SMC_GEN_DEV_SMCR / SMC_GEN_DEV_SMCD */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include <linux/smc.h>

#include "nla.h"
#include "smc_dev.h"

/* Attributes are read through nla.h's parse tables: one that is absent or malformed
 * leaves its field 0 (an SMC_OPT's .has false); only a malformed nest rejects the message.
 */

#define PORT(type_, K, m)	SMC_NLA_FIELD(type_, K, struct smc_dev_port, m)
#define PORT_OPT(type_, K, m)	SMC_NLA_OPT(type_, K, struct smc_dev_port, m)

static const struct smc_nla_field port_rows[] = {
	PORT_OPT(SMC_NLA_DEV_PORT_PNET_USR, BOOL, pnet_by_user),
	PORT(SMC_NLA_DEV_PORT_PNETID, PADDED, pnetid),
	PORT(SMC_NLA_DEV_PORT_NETDEV, U32, netdev),
	PORT_OPT(SMC_NLA_DEV_PORT_STATE, U8, state),
	PORT_OPT(SMC_NLA_DEV_PORT_LNK_CNT, U32, links),
	PORT_OPT(SMC_NLA_DEV_PORT_VALID, BOOL, valid),
};
static const struct smc_nla_table port_table = SMC_NLA_TABLE(port_rows, SMC_NLA_DEV_PORT_MAX);

#define DEV(type_, K, m)	SMC_NLA_FIELD(type_, K, struct smc_dev, m)
#define DEV_OPT(type_, K, m)	SMC_NLA_OPT(type_, K, struct smc_dev, m)

static const struct smc_nla_field dev_rows[] = {
	DEV_OPT(SMC_NLA_DEV_USE_CNT, U32, use_cnt),
	DEV_OPT(SMC_NLA_DEV_IS_CRIT, BOOL, critical),
	DEV_OPT(SMC_NLA_DEV_PCI_FID, U32, pci_fid),
	DEV_OPT(SMC_NLA_DEV_PCI_CHID, U16, pci_chid),
	DEV_OPT(SMC_NLA_DEV_PCI_VENDOR, U16, pci_vendor),
	DEV_OPT(SMC_NLA_DEV_PCI_DEVICE, U16, pci_device),
	DEV_OPT(SMC_NLA_DEV_PCI_ID, PADDED, pci_id),
	DEV(SMC_NLA_DEV_IB_NAME, PADDED, ib_name),
	SMC_NLA_NEST_AT(SMC_NLA_DEV_PORT, &port_table, struct smc_dev, port[0]),
	SMC_NLA_NEST_AT(SMC_NLA_DEV_PORT2, &port_table, struct smc_dev, port[1]),
};
static const struct smc_nla_table dev_table = SMC_NLA_TABLE(dev_rows, SMC_NLA_DEV_MAX);

int smc_dev_parse(struct nlmsghdr *msg, bool smcd, struct smc_dev *d)
{
	struct nlattr *tb[SMC_NLA_DEV_MAX + 1];
	int rc;

	memset(d, 0, sizeof(*d));
	d->smcd = smcd;
	rc = smc_genl_parse_nest(msg, smcd ? SMC_GEN_DEV_SMCD : SMC_GEN_DEV_SMCR, tb,
				 SMC_NLA_DEV_MAX);
	return rc ? rc : smc_nla_fields(tb, &dev_table, d);
}

struct dev_walk {
	bool		smcd;
	smc_dev_cb	cb;
	void		*arg;
};

static int dev_msg(struct nlmsghdr *msg, void *arg)
{
	struct dev_walk *w = arg;
	struct smc_dev d;
	int rc = smc_dev_parse(msg, w->smcd, &d);

	if (rc)
		return rc == -ENODATA ? 0 : rc;
	return w->cb(&d, w->arg);
}

int smc_dev_dump(struct smc_nl *nl, bool smcd, smc_dev_cb cb, void *arg)
{
	struct dev_walk w = { .smcd = smcd, .cb = cb, .arg = arg };

	return smc_genl_dump(nl, SMC_GENL_GEN,
			     smcd ? SMC_NETLINK_GET_DEV_SMCD : SMC_NETLINK_GET_DEV_SMCR, dev_msg, &w);
}
