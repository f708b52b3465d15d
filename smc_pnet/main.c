// SPDX-License-Identifier: GPL-2.0
/* smc_pnet - show and change the SMC PNET table (generic-netlink family SMC_PNETID) */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <linux/smc.h>

#include "cli.h"
#include "err.h"
#include "host_probe.h"
#include "out.h"
#include "parse_num.h"
#include "smc_pnet.h"
#include "tool.h"

enum pnet_cmd { CMD_NONE, CMD_ADD, CMD_DELETE, CMD_SHOW, CMD_FLUSH };

struct pnet_opts {
	enum pnet_cmd	cmd;
	const char	*pnetid;	/* as given */
	const char	*netdev;	/* -I */
	const char	*ibdev;		/* -D */
	unsigned long	ib_port;	/* -P, 0 if not given */
	struct tool_common_opts	common;		/* -j, -p */
};

static const char usage_text[] =
	"Usage: smc_pnet [OPTIONS] [PNETID]\n"
	"Show or change the PNET table, which ties network interfaces to the RDMA or ISM\n"
	"devices on the same physical network.\n"
	"  (no command)        show the table, or the entries of PNETID\n"
	"  -s, --show          the same\n"
	"  -a, --add           add PNETID with --interface and/or --ibdevice\n"
	"  -d, --delete        delete every entry of PNETID\n"
	"  -f, --flush         delete all entries\n"
	"  -I, --interface IF  network interface (entries are per network namespace)\n"
	"  -D, --ibdevice DEV  RDMA or ISM device (initial network namespace only)\n"
	"  -P, --ibport PORT   port of the RDMA device, 1 or 2 (default 1)\n"
	"  -j, --json          JSON output\n"
	"  -p, --pretty        indented JSON output (implies -j)\n"
	"  -v, --version       show the version\n"
	"  -h, --help          show this help";

static const struct option long_opts[] = {
	{ "add",	no_argument,	   NULL, 'a' },
	{ "delete",	no_argument,	   NULL, 'd' },
	{ "show",	no_argument,	   NULL, 's' },
	{ "flush",	no_argument,	   NULL, 'f' },
	{ "interface",	required_argument, NULL, 'I' },
	{ "ibdevice",	required_argument, NULL, 'D' },
	{ "ibport",	required_argument, NULL, 'P' },
	{ "json",	no_argument,	   NULL, 'j' },
	{ "pretty",	no_argument,	   NULL, 'p' },
	{ "version",	no_argument,	   NULL, 'v' },
	{ "help",	no_argument,	   NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const char *const cmd_names[] = {
	[CMD_ADD] = "--add", [CMD_DELETE] = "--delete", [CMD_SHOW] = "--show",
	[CMD_FLUSH] = "--flush",
};

static bool set_cmd(struct pnet_opts *o, enum pnet_cmd cmd)
{
	if (o->cmd != CMD_NONE && o->cmd != cmd) {
		pr_err("%s and %s cannot be combined", cmd_names[o->cmd], cmd_names[cmd]);
		return false;
	}
	o->cmd = cmd;
	return true;
}

static bool valid_ifname(const char *s)
{
	size_t len = strlen(s);

	/* the kernel's dev_valid_name() rules */
	if (len == 0 || len > SMC_PNET_IFNAME_MAXLEN || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	return strcspn(s, "/: \t\n") == len;
}

/* Checks that need all options; usage errors only. */
static bool check_opts(struct pnet_opts *o)
{
	bool add = o->cmd == CMD_ADD;

	if (!add && (o->netdev || o->ibdev || o->ib_port)) {
		pr_err("%s only goes with --add", o->netdev ? "--interface" :
		       o->ibdev ? "--ibdevice" : "--ibport");
		return false;
	}
	if ((add || o->cmd == CMD_DELETE) && !o->pnetid) {
		pr_err("%s needs a PNETID (try: smc_pnet --help)", cmd_names[o->cmd]);
		return false;
	}
	if (o->cmd == CMD_FLUSH && o->pnetid) {
		pr_err("--flush takes no PNETID; to delete one: smc_pnet --delete %s", o->pnetid);
		return false;
	}
	if (add && !o->netdev && !o->ibdev) {
		pr_err("--add needs --interface and/or --ibdevice");
		return false;
	}
	if (o->ib_port && !o->ibdev) {
		pr_err("--ibport needs --ibdevice");
		return false;
	}
	if (o->netdev && !valid_ifname(o->netdev)) {
		pr_err("invalid interface name \"%s\" (1-%d characters, no '/', ':' or blanks)",
		       o->netdev, SMC_PNET_IFNAME_MAXLEN);
		return false;
	}
	if (o->ibdev && (!o->ibdev[0] || strlen(o->ibdev) > SMC_PNET_IBNAME_MAXLEN ||
			 strcspn(o->ibdev, " \t\n") != strlen(o->ibdev))) {
		pr_err("invalid device name \"%s\" (1-%d characters, no blanks)", o->ibdev,
		       SMC_PNET_IBNAME_MAXLEN);
		return false;
	}
	return true;
}

static enum parse_result parse_opts(int argc, char **argv, void *opts, struct out *help_out)
{
	struct pnet_opts *o = opts;
	uint64_t port;
	int c;

	while ((c = cli_getopt(argc, argv, ":adsfI:D:P:jpvh", long_opts,
			       "smc_pnet --help")) != -1) {
		switch (c) {
		case 'a': if (!set_cmd(o, CMD_ADD)) return PARSE_USAGE_ERROR; break;
		case 'd': if (!set_cmd(o, CMD_DELETE)) return PARSE_USAGE_ERROR; break;
		case 's': if (!set_cmd(o, CMD_SHOW)) return PARSE_USAGE_ERROR; break;
		case 'f': if (!set_cmd(o, CMD_FLUSH)) return PARSE_USAGE_ERROR; break;
		case 'I': o->netdev = optarg; break;
		case 'D': o->ibdev = optarg; break;
		case 'P':
			if (parse_dec(optarg, SMC_PNET_MAX_PORT, &port) || port < 1) {
				pr_err("invalid port \"%s\" (1 or 2)", optarg);
				return PARSE_USAGE_ERROR;
			}
			o->ib_port = (unsigned long)port;
			break;
		default: {
			enum parse_result pr = tool_common_opt(c, 'p', &o->common, "smc_pnet",
							       help_out, usage_text);

			if (pr != PARSE_RUN)
				return pr == PARSE_NOT_COMMON ? PARSE_USAGE_ERROR : pr;
		}
		}
	}
	if (optind < argc)
		o->pnetid = argv[optind++];
	if (optind < argc) {
		pr_err("unexpected argument \"%s\" (one PNETID at most)", argv[optind]);
		return PARSE_USAGE_ERROR;
	}
	if (o->cmd == CMD_NONE)
		o->cmd = CMD_SHOW;
	return check_opts(o) ? PARSE_RUN : PARSE_USAGE_ERROR;
}

enum { C_PNETID, C_NETDEV_TEXT, C_NETDEV, C_IBDEV_TEXT, C_IBDEV, C_PORT_TEXT, C_PORT, C_NCOLS };

/* smc-tools prints "PNETID ETHNAME IBNAME PORT" lines, "n/a" and port 255 for what an
 * entry lacks; scripts parse that. JSON leaves absent parts out instead.
 */
static const struct out_col pnet_cols[C_NCOLS] = {
	[C_PNETID]	= OUT_ALIGNED("pnetid", "PNETID", OUT_LEFT, 0, 0, 0),
	[C_NETDEV_TEXT]	= OUT_ALIGNED(NULL, "Interface", OUT_LEFT, 0, 0, 0),
	[C_NETDEV]	= OUT_ALIGNED("netdev", NULL, OUT_LEFT, 0, 0, 0),
	[C_IBDEV_TEXT]	= OUT_ALIGNED(NULL, "Device", OUT_LEFT, 0, 0, 0),
	[C_IBDEV]	= OUT_ALIGNED("ib_device", NULL, OUT_LEFT, 0, 0, 0),
	[C_PORT_TEXT]	= OUT_ALIGNED(NULL, "Port", OUT_LEFT, 0, 0, 0),
	[C_PORT]	= OUT_ALIGNED("ib_port", NULL, OUT_LEFT, 0, 0, 0),
};

static const struct out_table pnet_table = {
	.name = "pnet", .cols = pnet_cols, .ncols = C_NCOLS,
	.flags = OUT_TABLE_NO_HEADER | OUT_TABLE_UNALIGNED,
};

static int pnet_row(const struct smc_pnet_entry *e, void *arg)
{
	struct out *o = arg;

	out_row_begin(o);
	out_str(o, C_PNETID, e->pnetid);
	out_str(o, C_NETDEV_TEXT, e->netdev[0] ? e->netdev : "n/a");
	out_str(o, C_NETDEV, e->netdev[0] ? e->netdev : NULL);
	out_str(o, C_IBDEV_TEXT, e->ibdev[0] ? e->ibdev : "n/a");
	out_str(o, C_IBDEV, e->ibdev[0] ? e->ibdev : NULL);
	out_uint(o, C_PORT_TEXT, e->ibdev[0] ? e->ib_port : 255);
	if (e->ibdev[0])
		out_uint(o, C_PORT, e->ib_port);
	out_row_end(o);
	return out_error(o);	/* a failed write stops the dump */
}

static int report(const struct smc_nl *nl, int rc, const char *what)
{
	pr_err_nl(nl, rc, what);
	return EXIT_RUNTIME;
}

static int pnet_show(struct smc_nl *nl, struct out *out, const char *pnetid)
{
	int rc;

	out_table_begin(out, &pnet_table, 0);
	rc = smc_pnet_dump(nl, pnetid, pnet_row, out);
	if (rc) {
		out_table_abort(out);
		/* a failed write stopped the dump: tool_finish_output() reports it */
		if (out_error(out))
			return EXIT_RUNTIME;
		return report(nl, rc, "cannot read the PNET table");
	}
	out_table_end(out);
	return EXIT_OK;
}

/* SMC-D's loopback device is "loopback-ism" before the DIBS layer (Linux 7.x) and "lo"
 * with it. The kernel keeps an entry for a device that does not exist (it applies once
 * one by that name appears), so an entry made with the other kernel's name would do
 * nothing without a word.
 */
static void warn_loopback_name(struct smc_nl *nl, const char *ibdev)
{
	int dibs;

	if (strcmp(ibdev, "loopback-ism") && strcmp(ibdev, "lo"))
		return;
	dibs = smc_host_path_exists(nl, SMC_DIBS_CLASS_PATH);
	if (dibs == 1 && !strcmp(ibdev, "loopback-ism"))
		pr_warn("this kernel runs SMC-D over DIBS, where loopback-ism is the device lo: "
			"the entry names no device (use --ibdevice lo)");
	else if (dibs == 0 && !strcmp(ibdev, "lo") &&
		 smc_host_path_exists(nl, "/sys/class/infiniband/lo") == 0)
		pr_warn("this kernel has no DIBS layer, where lo would be SMC-D's loopback: the "
			"entry names no device (SMC-D's loopback here, if the kernel has one, is "
			"loopback-ism)");
}

static int pnet_add(struct smc_nl *nl, const struct pnet_opts *o, const char *pnetid)
{
	struct smc_pnet_entry e = { 0 };
	int rc;

	if (o->ibdev && smc_netns_is_initial() == 0) {
		pr_err("cannot add %s: RDMA/ISM device entries can only be set in the initial "
		       "network namespace (add --interface entries here, --ibdevice ones from "
		       "the host)", pnetid);
		return EXIT_RUNTIME;
	}
	snprintf(e.pnetid, sizeof(e.pnetid), "%s", pnetid);
	if (o->netdev)
		snprintf(e.netdev, sizeof(e.netdev), "%s", o->netdev);
	if (o->ibdev) {
		snprintf(e.ibdev, sizeof(e.ibdev), "%s", o->ibdev);
		e.ib_port = o->ib_port ? (uint8_t)o->ib_port : 1;
	}
	rc = smc_pnet_add(nl, &e);
	if (rc == -EEXIST) {
		pr_err("nothing added for %s: the entries exist already, or the device has a "
		       "PNET ID from the hardware (see: smc_pnet --show)", pnetid);
		return EXIT_RUNTIME;
	}
	if (rc) {
		char what[64];

		snprintf(what, sizeof(what), "cannot add %s", pnetid);
		return report(nl, rc, what);
	}
	if (o->ibdev)
		warn_loopback_name(nl, o->ibdev);
	return EXIT_OK;
}

static int pnet_delete(struct smc_nl *nl, const char *pnetid)
{
	char what[64];
	int rc = smc_pnet_del(nl, pnetid);

	if (rc == -ENOENT) {
		pr_err("PNET ID %s is not defined (see: smc_pnet --show)", pnetid);
		return EXIT_RUNTIME;
	}
	snprintf(what, sizeof(what), "cannot delete %s", pnetid);
	return rc ? report(nl, rc, what) : EXIT_OK;
}

static int pnet_run(const struct pnet_opts *o)
{
	struct out_opts oo = tool_out_opts(&o->common);
	char pnetid[SMC_PNETID_MAXLEN + 1];
	struct smc_nl *nl = NULL;
	struct out *out = NULL;
	int rc;

	if (o->pnetid && !smc_pnetid_normalize(o->pnetid, pnetid)) {
		pr_err("invalid PNET ID \"%s\" (1-%d letters and digits)", o->pnetid,
		       SMC_PNETID_MAXLEN);
		return EXIT_USAGE;
	}
	if (smc_nl_open(&nl) || out_new(&out, &oo)) {
		pr_err("%s", strerror(ENOMEM));
		smc_nl_close(nl);
		return EXIT_RUNTIME;
	}
	static const uint8_t cmd_ops[] = {
		[CMD_NONE] = SMC_PNETID_GET, [CMD_SHOW] = SMC_PNETID_GET,
		[CMD_ADD] = SMC_PNETID_ADD, [CMD_DELETE] = SMC_PNETID_DEL,
		[CMD_FLUSH] = SMC_PNETID_FLUSH,
	};

	if (genl_require(nl, SMC_GENL_PNETID, cmd_ops[o->cmd], "smc_pnet")) {
		rc = EXIT_RUNTIME;
		goto out;
	}
	switch (o->cmd) {
	case CMD_ADD:		rc = pnet_add(nl, o, pnetid); break;
	case CMD_DELETE:	rc = pnet_delete(nl, pnetid); break;
	case CMD_FLUSH:
		rc = smc_pnet_flush(nl);
		rc = rc ? report(nl, rc, "cannot flush the PNET table") : EXIT_OK;
		break;
	default:		rc = pnet_show(nl, out, o->pnetid ? pnetid : NULL); break;
	}
out:
	smc_nl_close(nl);
	return tool_finish_output(out, rc);
}

int main(int argc, char **argv)
{
	struct pnet_opts opts = { 0 };
	int rc = tool_parse(argc, argv, parse_opts, &opts);

	return rc >= 0 ? rc : pnet_run(&opts);
}
