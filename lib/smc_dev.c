// SPDX-License-Identifier: GPL-2.0
/* smc_dev.c - decode SMC_GEN_DEV_SMCR / SMC_GEN_DEV_SMCD */
#include <errno.h>
#include <string.h>

#include <linux/smc.h>
#include <netlink/attr.h>

#include "nla.h"
#include "smc_dev.h"

/* Attributes are read through nla.h: one that is absent or malformed leaves its field
 * 0 and its HAS_* bit unset.
 */

static int port_parse(struct nlattr *nest, struct smc_dev_port *p)
{
	struct nlattr *tb[SMC_NLA_DEV_PORT_MAX + 1];

	if (nla_parse_nested(tb, SMC_NLA_DEV_PORT_MAX, nest, NULL) < 0)
		return -EPROTO;
	p->present = true;
	if (smc_nla_bool(tb[SMC_NLA_DEV_PORT_PNET_USR], &p->pnet_by_user))
		p->has |= SMC_PORT_HAS_PNET_USR;
	if (smc_nla_padded_str(tb[SMC_NLA_DEV_PORT_PNETID], p->pnetid, sizeof(p->pnetid)))
		p->has |= SMC_PORT_HAS_PNETID;
	if (smc_nla_u32(tb[SMC_NLA_DEV_PORT_NETDEV], &p->netdev))
		p->has |= SMC_PORT_HAS_NETDEV;
	if (smc_nla_u8(tb[SMC_NLA_DEV_PORT_STATE], &p->state))
		p->has |= SMC_PORT_HAS_STATE;
	if (smc_nla_u32(tb[SMC_NLA_DEV_PORT_LNK_CNT], &p->links))
		p->has |= SMC_PORT_HAS_LNK_CNT;
	return 0;
}

int smc_dev_parse(struct nl_msg *msg, bool smcd, struct smc_dev *d)
{
	struct nlattr *tb[SMC_NLA_DEV_MAX + 1];
	int rc;

	memset(d, 0, sizeof(*d));
	d->smcd = smcd;
	rc = smc_genl_parse_nest(msg, smcd ? SMC_GEN_DEV_SMCD : SMC_GEN_DEV_SMCR, tb,
				 SMC_NLA_DEV_MAX);
	if (rc)
		return rc;
	if (smc_nla_u32(tb[SMC_NLA_DEV_USE_CNT], &d->use_cnt))
		d->has |= SMC_DEV_HAS_USE_CNT;
	if (smc_nla_bool(tb[SMC_NLA_DEV_IS_CRIT], &d->critical))
		d->has |= SMC_DEV_HAS_IS_CRIT;
	/* the kernel sends the PCI attributes as a group or not at all; the PCI ID string
	 * stands for the group
	 */
	if (smc_nla_padded_str(tb[SMC_NLA_DEV_PCI_ID], d->pci_id, sizeof(d->pci_id))) {
		smc_nla_u32(tb[SMC_NLA_DEV_PCI_FID], &d->pci_fid);
		smc_nla_u16(tb[SMC_NLA_DEV_PCI_CHID], &d->pci_chid);
		smc_nla_u16(tb[SMC_NLA_DEV_PCI_VENDOR], &d->pci_vendor);
		smc_nla_u16(tb[SMC_NLA_DEV_PCI_DEVICE], &d->pci_device);
		d->has |= SMC_DEV_HAS_PCI;
	}
	if (smc_nla_padded_str(tb[SMC_NLA_DEV_IB_NAME], d->ib_name, sizeof(d->ib_name)))
		d->has |= SMC_DEV_HAS_IB_NAME;
	for (int i = 0; i < SMC_DEV_MAX_PORTS; i++) {
		if (tb[SMC_NLA_DEV_PORT + i] && port_parse(tb[SMC_NLA_DEV_PORT + i], &d->port[i]))
			return -EPROTO;
	}
	return 0;
}

struct dev_walk {
	bool		smcd;
	smc_dev_cb	cb;
	void		*arg;
};

static int dev_msg(struct nl_msg *msg, void *arg)
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
