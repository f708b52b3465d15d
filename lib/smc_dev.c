// SPDX-License-Identifier: GPL-2.0
/* smc_dev.c - decode SMC_GEN_DEV_SMCR / SMC_GEN_DEV_SMCD */
#include <errno.h>
#include <string.h>

#include <linux/smc.h>
#include <netlink/attr.h>

#include "smc_dev.h"

static int port_parse(struct nlattr *nest, struct smc_dev_port *p)
{
	struct nlattr *tb[SMC_NLA_DEV_PORT_MAX + 1];

	if (nla_parse_nested(tb, SMC_NLA_DEV_PORT_MAX, nest, NULL) < 0)
		return -EPROTO;
	p->present = true;
	if (tb[SMC_NLA_DEV_PORT_PNET_USR]) {
		p->pnet_by_user = smc_nla_get_uint(tb[SMC_NLA_DEV_PORT_PNET_USR]) != 0;
		p->has |= SMC_PORT_HAS_PNET_USR;
	}
	if (tb[SMC_NLA_DEV_PORT_PNETID]) {
		smc_nla_copy_str(p->pnetid, sizeof(p->pnetid), tb[SMC_NLA_DEV_PORT_PNETID]);
		p->has |= SMC_PORT_HAS_PNETID;
	}
	if (tb[SMC_NLA_DEV_PORT_NETDEV]) {
		p->netdev = (uint32_t)smc_nla_get_uint(tb[SMC_NLA_DEV_PORT_NETDEV]);
		p->has |= SMC_PORT_HAS_NETDEV;
	}
	if (tb[SMC_NLA_DEV_PORT_STATE]) {
		p->state = (uint8_t)smc_nla_get_uint(tb[SMC_NLA_DEV_PORT_STATE]);
		p->has |= SMC_PORT_HAS_STATE;
	}
	if (tb[SMC_NLA_DEV_PORT_LNK_CNT]) {
		p->links = (uint32_t)smc_nla_get_uint(tb[SMC_NLA_DEV_PORT_LNK_CNT]);
		p->has |= SMC_PORT_HAS_LNK_CNT;
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
	struct nlattr *tb[SMC_NLA_DEV_MAX + 1];
	struct dev_walk *w = arg;
	struct smc_dev d = { .smcd = w->smcd };
	int rc;

	rc = smc_genl_parse_nest(msg, w->smcd ? SMC_GEN_DEV_SMCD : SMC_GEN_DEV_SMCR, tb,
				 SMC_NLA_DEV_MAX);
	if (rc)
		return rc == -ENODATA ? 0 : rc;
	if (tb[SMC_NLA_DEV_USE_CNT]) {
		d.use_cnt = (uint32_t)smc_nla_get_uint(tb[SMC_NLA_DEV_USE_CNT]);
		d.has |= SMC_DEV_HAS_USE_CNT;
	}
	if (tb[SMC_NLA_DEV_IS_CRIT]) {
		d.critical = smc_nla_get_uint(tb[SMC_NLA_DEV_IS_CRIT]) != 0;
		d.has |= SMC_DEV_HAS_IS_CRIT;
	}
	/* the kernel sends the PCI attributes as a group or not at all */
	if (tb[SMC_NLA_DEV_PCI_ID]) {
		if (tb[SMC_NLA_DEV_PCI_FID])
			d.pci_fid = (uint32_t)smc_nla_get_uint(tb[SMC_NLA_DEV_PCI_FID]);
		if (tb[SMC_NLA_DEV_PCI_CHID])
			d.pci_chid = (uint16_t)smc_nla_get_uint(tb[SMC_NLA_DEV_PCI_CHID]);
		if (tb[SMC_NLA_DEV_PCI_VENDOR])
			d.pci_vendor = (uint16_t)smc_nla_get_uint(tb[SMC_NLA_DEV_PCI_VENDOR]);
		if (tb[SMC_NLA_DEV_PCI_DEVICE])
			d.pci_device = (uint16_t)smc_nla_get_uint(tb[SMC_NLA_DEV_PCI_DEVICE]);
		smc_nla_copy_str(d.pci_id, sizeof(d.pci_id), tb[SMC_NLA_DEV_PCI_ID]);
		d.has |= SMC_DEV_HAS_PCI;
	}
	if (tb[SMC_NLA_DEV_IB_NAME]) {
		smc_nla_copy_str(d.ib_name, sizeof(d.ib_name), tb[SMC_NLA_DEV_IB_NAME]);
		d.has |= SMC_DEV_HAS_IB_NAME;
	}
	for (int i = 0; i < SMC_DEV_MAX_PORTS; i++) {
		if (tb[SMC_NLA_DEV_PORT + i] && port_parse(tb[SMC_NLA_DEV_PORT + i], &d.port[i]))
			return -EPROTO;
	}
	return w->cb(&d, w->arg);
}

int smc_dev_dump(struct smc_nl *nl, bool smcd, smc_dev_cb cb, void *arg)
{
	struct dev_walk w = { .smcd = smcd, .cb = cb, .arg = arg };

	return smc_genl_dump(nl, SMC_GENL_GEN,
			     smcd ? SMC_NETLINK_GET_DEV_SMCD : SMC_NETLINK_GET_DEV_SMCR, dev_msg, &w);
}
