// SPDX-License-Identifier: GPL-2.0
/* tool.c - option parsing, object dispatch and help text of smcr and smcd */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "cli.h"
#include "err.h"
#include "host_probe.h"
#include "netns.h"
#include "nltrace.h"
#include "tool.h"
#include "version.h"

static const struct option long_opts[] = {
	{ "json",	no_argument, NULL, 'j' },
	{ "pretty",	no_argument, NULL, 'p' },
	{ "details",	no_argument, NULL, 'd' },
	{ "absolute",	no_argument, NULL, 'a' },
	{ "netns",	required_argument, NULL, 'n' },
	{ "net",	required_argument, NULL, 'n' },	/* as smcss, smc_chk and ip -net */
	{ "version",	no_argument, NULL, 'v' },
	{ "help",	no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void print_usage(const struct smc_ctx *ctx, const struct smc_tool *tool)
{
	out_note(ctx->out, "Usage: %s [OPTIONS] OBJECT [COMMAND [ARGS]]", tool->prog);
	out_note(ctx->out, "Objects:");
	for (const struct smc_cmd *c = tool->objects; c->name; c++)
		out_note(ctx->out, "  %-11s %s", c->name, c->help);
	out_note(ctx->out, "Options:");
	out_note(ctx->out, "  -j, --json      JSON output");
	out_note(ctx->out, "  -p, --pretty    indented JSON output (implies -j)");
	out_note(ctx->out, "  -d, --details   more details (-dd: even more)");
	out_note(ctx->out, "  -a, --absolute  statistics since the SMC module was loaded");
	out_note(ctx->out, "  -n, --netns NS  run in network namespace NS (name, path or PID)");
	out_note(ctx->out, "  -v, --version   show the version");
	out_note(ctx->out, "  -h, --help      show this help");
	out_note(ctx->out, "Run \"%s OBJECT help\" for the commands of an object.", tool->prog);
}

/* The family is there, command @cmd is not: a release older than the one that brought it
 * says "needs"; a newer one must not (a vendor kernel, a backport, an SMC built without it).
 */
static void report_missing_cmd(const struct ks_host *host, uint8_t cmd, const char *what)
{
	const char *since = smc_genl_cmd_since(cmd);
	int older = ks_older_than(host, since);

	if (older == 1 || !host->probed)
		pr_err("%s: not supported by this kernel (needs Linux %s or later)", what, since);
	else if (older == 0)
		pr_err("%s: not supported by this kernel (Linux %s brought it, but the SMC module "
		       "of this %s kernel lacks it)", what, since, host->release);
	else
		pr_err("%s: not supported by this kernel (it came with Linux %s)", what, since);
}

/* No SMC_GEN_NETLINK family, though SMC is there: the module predates it (Linux 5.11) */
static void report_no_genl(const struct ks_host *host, const char *what)
{
	int older = ks_older_than(host, "5.11");

	if (older == 1)
		pr_err("%s: not supported by this kernel (the SMC module has no generic netlink "
		       "interface; needs Linux 5.11 or later)", what);
	else
		pr_err("%s: not supported by this kernel (its SMC module has no generic netlink "
		       "interface, which came with Linux 5.11)", what);
}

int genl_require_host(struct smc_nl *nl, enum smc_genl_family fam, uint8_t cmd,
		      const char *what, const struct ks_host *host)
{
	int rc = smc_genl_check(nl, fam, cmd);
	struct ks_host probed;
	struct ks_text t;

	if (!rc)
		return 0;
	/* the host's files are read only now that something is missing */
	if (!host && (rc == -ENOENT || rc == -EOPNOTSUPP)) {
		smc_host_kernel_support(nl, &probed);
		host = &probed;
	}
	if (rc == -ENOENT) {
		enum ks_verdict v = ks_verdict(host, KS_SMC);

		if (fam == SMC_GENL_GEN && (v == KS_LOADED || v == KS_BUILT_IN)) {
			report_no_genl(host, what);
		} else {
			ks_explain(host, KS_SMC, &t);
			pr_err("%s", t.line);
		}
	} else if (rc == -EOPNOTSUPP && fam == SMC_GENL_GEN) {
		report_missing_cmd(host, cmd, what);
	} else if (rc == -EOPNOTSUPP) {
		pr_err("%s: not supported by this kernel", what);
	} else {
		pr_err_nl(nl, rc, "cannot reach the SMC generic netlink family");
	}
	return EXIT_RUNTIME;
}

void tool_report_sock_dump_error(struct smc_nl *nl, int rc)
{
	struct ks_host host;
	struct ks_text t;

	if (rc == -ENOENT) {
		/* no smc_diag: not loaded, or not in this kernel at all; the host's files tell */
		smc_host_kernel_support(nl, &host);
		ks_explain(&host, KS_SMC_DIAG, &t);
		pr_err("SMC socket diagnostics unavailable: %s", t.line);
	} else if (rc == -EINVAL && !smc_nl_status(nl)->extack[0])
		pr_err("this kernel does not support SMC sockets (AF_SMC); "
		       "it needs CONFIG_SMC and CONFIG_SMC_DIAG");
	else
		pr_err_nl(nl, rc, "cannot list SMC sockets");
}

int genl_require(struct smc_nl *nl, enum smc_genl_family fam, uint8_t cmd, const char *what)
{
	return genl_require_host(nl, fam, cmd, what, NULL);
}

int tool_require(struct smc_ctx *ctx, uint8_t cmd, const char *what)
{
	return genl_require(ctx->nl, SMC_GENL_GEN, cmd, what);
}

int tool_no_more_args(struct smc_ctx *ctx, const char *what, int argc, char **argv)
{
	if (argc <= 0)
		return 0;
	pr_err("%s: unexpected argument \"%s\" (try: %s %s help)", what, argv[0], ctx->prog,
	       what);
	return EXIT_USAGE;
}

static void print_commands(const struct smc_ctx *ctx, const char *object,
			   const struct smc_cmd *cmds, const struct smc_cmd *dflt)
{
	bool first = true;

	for (const struct smc_cmd *c = cmds; c->name; c++) {
		bool optional = c == dflt;

		out_note(ctx->out, "%s %s %s %s%s%s%s%s", first ? "Usage:" : "      ",
			 ctx->prog, object, optional ? "[" : "", c->name, optional ? "]" : "",
			 c->args ? " " : "", c->args ? c->args : "");
		first = false;
	}
	out_note(ctx->out, "Commands:");
	for (const struct smc_cmd *c = cmds; c->name; c++)
		out_note(ctx->out, "  %-11s %s", c->name, c->help);
}

int tool_help_begin(struct smc_ctx *ctx, struct out **data_out)
{
	struct out_opts text_opts = { 0 };

	*data_out = ctx->out;
	if (out_new(&ctx->out, &text_opts)) {
		ctx->out = *data_out;
		pr_err("%s", strerror(ENOMEM));
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

int tool_help_end(struct smc_ctx *ctx, struct out *data_out)
{
	int rc = tool_finish_output(ctx->out, EXIT_OK);

	/* the data writer has written nothing: at its end it adds nothing either */
	ctx->out = data_out;
	return rc;
}

int tool_subcommand(struct smc_ctx *ctx, const char *object, const struct smc_cmd *cmds,
		    const struct smc_cmd *dflt, int argc, char **argv)
{
	const struct smc_cmd *c = dflt;

	if (argc > 0) {
		char hint[64];

		if (!strcmp(argv[0], "help")) {
			struct out *data_out;
			int rc = tool_help_begin(ctx, &data_out);

			if (rc)
				return rc;
			print_commands(ctx, object, cmds, dflt);
			return tool_help_end(ctx, data_out);
		}
		snprintf(hint, sizeof(hint), "%s %s help", ctx->prog, object);
		c = cmd_find(cmds, "command", argv[0], hint);
		if (!c)
			return EXIT_USAGE;
		argc--;
		argv++;
	}
	return c->fn(ctx, argc, argv);
}

/* '+': stop at the first word; options after the object are handed back here */
static const char short_opts[] = "+:jpdan:vh";

static enum parse_result parse_opts(struct smc_ctx *ctx, const struct smc_tool *tool,
				    struct smc_tool_opts *o, int argc, char **argv)
{
	char hint[32];
	int c;

	snprintf(hint, sizeof(hint), "%s help", tool->prog);
	optind = 0;	/* GNU getopt: start afresh, this runs twice */
	while ((c = cli_getopt(argc, argv, short_opts, long_opts, hint)) != -1) {
		enum parse_result pr = tool_common_opt(c, 'p', &o->common, tool->prog, ctx->out,
						       NULL);

		if (pr == PARSE_RUN)
			continue;
		if (pr != PARSE_NOT_COMMON)
			return pr;
		switch (c) {
		case 'd': o->details++; break;
		case 'a': o->absolute = true; break;
		case 'h':
			print_usage(ctx, tool);
			return PARSE_DONE;
		default:	/* cli_getopt() knows no other */
			return PARSE_USAGE_ERROR;
		}
	}
	return PARSE_RUN;
}

enum parse_result tool_common_opt(int c, int pretty_opt, struct tool_common_opts *co,
				  const char *prog, struct out *help_out, const char *usage)
{
	if (c == pretty_opt) {
		co->pretty = co->json = true;
		return PARSE_RUN;
	}
	switch (c) {
	case 'j':
		co->json = true;
		return PARSE_RUN;
	case 'n':
		co->netns = optarg;
		return PARSE_RUN;
	case 'v':
		out_note(help_out, "%s (smc-utils) %s", prog, SMC_UTILS_VERSION);
		return PARSE_DONE;
	case 'h':
		if (!usage)
			return PARSE_NOT_COMMON;
		out_help(help_out, usage);
		return PARSE_DONE;
	case CLI_OPT_ERROR:	/* reported */
		return PARSE_USAGE_ERROR;
	}
	return PARSE_NOT_COMMON;
}

struct out_opts tool_out_opts(const struct tool_common_opts *co)
{
	return (struct out_opts){ .json = co->json, .pretty = co->pretty };
}

int tool_parse(int argc, char **argv, tool_parse_fn parse, void *opts)
{
	struct out_opts help_opts = { 0 };
	enum parse_result pr;
	struct out *help_out;
	int rc;

	if (out_new(&help_out, &help_opts)) {
		pr_err("%s", strerror(ENOMEM));
		return EXIT_RUNTIME;
	}
	pr = parse(argc, argv, opts, help_out);
	/* help or version into /dev/full is a failure like any other write */
	rc = tool_finish_output(help_out, pr == PARSE_USAGE_ERROR ? EXIT_USAGE : EXIT_OK);
	return pr == PARSE_RUN && rc == EXIT_OK ? -1 : rc;
}

int tool_open(const char *netns, const struct out_opts *oo, struct smc_nl **nl,
	      struct out **out)
{
	int rc;

	*nl = NULL;
	*out = NULL;
	rc = smc_nl_open(nl);
	if (!rc && netns) {
		rc = smc_nl_enter_netns(*nl, netns);
		if (rc) {
			pr_err_netns(netns, rc);
			smc_nl_close(*nl);
			*nl = NULL;
			return netns_err_is_usage(rc) ? EXIT_USAGE : EXIT_RUNTIME;
		}
	}
	if (!rc)
		rc = out_new(out, oo);
	if (rc) {
		pr_err("%s", strerror(-rc));
		smc_nl_close(*nl);
		*nl = NULL;
		return EXIT_RUNTIME;
	}
	return 0;
}

/*
 * The reader of our output went away (smcss | head -1): nothing is wrong that the user
 * needs to hear about. End the way ss, cat or git end then, killed by SIGPIPE (a shell
 * shows status 141), only now that the dump has stopped and the output is closed.
 * The default action is set and the signal unblocked first, as our parent may have
 * ignored or blocked it; 128 + SIGPIPE is only returned should we still be alive.
 */
static int end_like_sigpipe(void)
{
	sigset_t set;

	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGPIPE);
	return 128 + SIGPIPE;
}

int tool_finish_output(struct out *o, int rc)
{
	int orc = out_free(o);

	if (!orc)
		return rc;
	if (orc == -EPIPE)
		return end_like_sigpipe();
	/* a view that stopped because of this failure has said nothing yet */
	pr_err("cannot write output: %s", strerror(-orc));
	return rc ? rc : EXIT_RUNTIME;
}

/* Move @argv[@from] to @argv[@to] (@to < @from), the words in between one up. */
static void move_word(char **argv, int to, int from)
{
	char *w = argv[from];

	memmove(&argv[to + 1], &argv[to], (size_t)(from - to) * sizeof(*argv));
	argv[to] = w;
}

/*
 * Options may also follow the object ("smcr linkgroup show -d"): each word after the
 * object that is one of our options is moved, with its value, to the front of @argv
 * (after @argv[0]), to be parsed with the others. Words that start with '-' but are none
 * of our options stay where they are, for the object to judge ("-ABC" is no valid EID).
 * "--" ends the options here too: it is taken out, and every word after it stays an
 * argument ("smcd ueid add -- -d" gives the EID "-d", which is then refused as invalid).
 * Return: how many words were moved; *@argc shrinks by the "--" taken out.
 */
static int hoist_options(int *argc, char **argv, int first_word)
{
	int nopts = 0;

	for (int i = first_word; i < *argc; i++) {
		enum cli_word kind = cli_classify(argv[i], short_opts, long_opts);

		if (kind == CLI_WORD_END) {
			/* (argv[*argc], the terminating NULL, moves along) */
			memmove(&argv[i], &argv[i + 1], (size_t)(*argc - i) * sizeof(*argv));
			(*argc)--;
			break;
		}
		if (kind != CLI_WORD_OPTION && kind != CLI_WORD_OPTION_VALUE)
			continue;
		move_word(argv, 1 + nopts++, i);
		/* the value of an option that takes one goes with it, whatever it looks like */
		if (kind == CLI_WORD_OPTION_VALUE && i + 1 < *argc)
			move_word(argv, 1 + nopts++, ++i);
	}
	return nopts;
}

static int enter_netns(struct smc_ctx *ctx, const char *spec)
{
	int rc = smc_nl_enter_netns(ctx->nl, spec);

	if (rc) {
		pr_err_netns(spec, rc);
		return netns_err_is_usage(rc) ? EXIT_USAGE : EXIT_RUNTIME;
	}
	if (smc_nl_netns_cookie(ctx->nl, &ctx->netns_cookie) == 0)
		ctx->filter_netns = true;
	else
		pr_warn("this kernel cannot name network namespaces (SO_NETNS_COOKIE, Linux 5.14):"
			" link groups are not filtered by namespace");
	return EXIT_OK;
}

int smc_tool_main(const struct smc_tool *tool, int argc, char **argv)
{
	struct smc_tool_opts opts = { 0 };
	struct out_opts oo = { 0 };
	struct smc_ctx ctx = {
		.opts = &opts, .prog = tool->prog, .variant = tool->variant,
	};
	const struct smc_cmd *obj;
	enum parse_result pr;
	char hint[32];
	int rc, obj_idx;

	/* help and version are text whatever the options say, so open a plain writer first */
	if (out_new(&ctx.out, &oo)) {
		pr_err("%s", strerror(ENOMEM));
		return EXIT_RUNTIME;
	}
	pr = parse_opts(&ctx, tool, &opts, argc, argv);
	obj_idx = optind;
	if (pr == PARSE_RUN && obj_idx < argc) {
		/* options after the object: parse them as if they came first */
		int nopts = hoist_options(&argc, argv, obj_idx + 1);

		if (nopts) {
			/* all options now stand before the object: parse them all again */
			opts = (struct smc_tool_opts){ 0 };
			pr = parse_opts(&ctx, tool, &opts, obj_idx + nopts, argv);
			obj_idx += nopts;
		}
	}
	/* "help" or any prefix of it (smc-tools' "h"), before objects that start alike */
	if (pr != PARSE_RUN || obj_idx >= argc ||
	    (argv[obj_idx][0] && !strncmp(argv[obj_idx], "help", strlen(argv[obj_idx])))) {
		if (pr == PARSE_RUN)
			print_usage(&ctx, tool);
		return tool_finish_output(ctx.out, pr == PARSE_USAGE_ERROR ? EXIT_USAGE : EXIT_OK);
	}
	snprintf(hint, sizeof(hint), "%s help", tool->prog);
	obj = cmd_find(tool->objects, "object", argv[obj_idx], hint);
	out_free(ctx.out);
	if (!obj)
		return EXIT_USAGE;
	if (smc_nl_open(&ctx.nl)) {
		pr_err("%s", strerror(ENOMEM));
		return EXIT_RUNTIME;
	}
	if (opts.common.netns) {
		rc = enter_netns(&ctx, opts.common.netns);
		if (rc) {
			smc_nl_close(ctx.nl);
			return rc;
		}
	}

	oo = tool_out_opts(&opts.common);
	if (out_new(&ctx.out, &oo)) {
		pr_err("%s", strerror(ENOMEM));
		smc_nl_close(ctx.nl);
		return EXIT_RUNTIME;
	}
	rc = obj->fn(&ctx, argc - obj_idx - 1, argv + obj_idx + 1);
	rc = tool_finish_output(ctx.out, rc);
	netdev_names_free(&ctx.netdevs);
	free(ctx.ports);
	if (!rc && smc_nl_status(ctx.nl)->dump_intr)
		pr_warn("the kernel's data changed while it was read; it may be inconsistent");
	smc_nl_close(ctx.nl);
	return rc;
}

void tool_load_netdev_names(struct smc_ctx *ctx)
{
	/* a failure leaves the table empty: every interface shows by its number */
	if (!ctx->netdevs_loaded)
		netdev_names_load(ctx->nl, &ctx->netdevs);
	ctx->netdevs_loaded = true;
}

const char *tool_netdev_name(const struct smc_ctx *ctx, uint32_t ifindex)
{
	return netdev_names_find(&ctx->netdevs, ifindex);
}

static int keep_port(const struct rdma_nl_port *p, void *arg)
{
	struct smc_ctx *ctx = arg;
	struct rdma_nl_port *slot = array_push(&ctx->ports, &ctx->nports, sizeof(*slot));

	if (!slot)
		return -ENOMEM;
	*slot = *p;
	return 0;
}

void tool_load_port_netdevs(struct smc_ctx *ctx)
{
	if (ctx->ports_loaded)
		return;
	ctx->ports_loaded = true;
	/* SMC uses ports 1 and 2 of a device */
	ctx->ports_known = rdma_nl_ports(ctx->nl, 2, keep_port, ctx) == 0;
	if (!ctx->ports_known) {
		free(ctx->ports);
		ctx->ports = NULL;
		ctx->nports = 0;
	}
}

const char *tool_port_netdev(const struct smc_ctx *ctx, const char *ibdev, uint32_t port,
			     uint32_t ifindex)
{
	if (!ctx->ports_known)
		return ctx->filter_netns ? NULL : tool_netdev_name(ctx, ifindex);
	for (size_t i = 0; i < ctx->nports; i++) {
		const struct rdma_nl_port *p = &ctx->ports[i];

		if (p->port == port && !strcmp(p->dev, ibdev))
			return p->netdev_here && p->netdev_ifindex == ifindex && p->netdev[0] ?
			       p->netdev : NULL;
	}
	return NULL;
}

void tool_out_port_netdev(struct out *o, unsigned int json_col, unsigned int text_col,
			  const char *name, uint32_t ifindex)
{
	if (name && name[0]) {
		out_str(o, json_col, name);
		if (text_col != json_col)
			out_str(o, text_col, name);
	} else if (ifindex && !out_is_json(o)) {
		out_fmt(o, text_col, "if#%u", ifindex);
	}
}
