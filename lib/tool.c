// SPDX-License-Identifier: GPL-2.0
/* tool.c - option parsing, object dispatch and help text of smcr and smcd */
#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "netns.h"
#include "tool.h"
#include "version.h"

static const struct option long_opts[] = {
	{ "json",	no_argument, NULL, 'j' },
	{ "pretty",	no_argument, NULL, 'p' },
	{ "details",	no_argument, NULL, 'd' },
	{ "absolute",	no_argument, NULL, 'a' },
	{ "netns",	required_argument, NULL, 'n' },
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

int genl_require(struct smc_nl *nl, enum smc_genl_family fam, uint8_t cmd, const char *what)
{
	int rc = smc_genl_check(nl, fam, cmd);

	if (!rc)
		return 0;
	/* before Linux 5.11 the module had no SMC_GEN_NETLINK family at all */
	if (rc == -ENOENT && fam == SMC_GENL_GEN && access("/sys/module/smc", F_OK) == 0)
		pr_err("%s: not supported by this kernel (the SMC module has no generic netlink "
		       "interface; needs Linux 5.11 or later)", what);
	else if (rc == -ENOENT)
		pr_err("SMC module not loaded (try: modprobe smc)");
	else if (rc == -EOPNOTSUPP && fam == SMC_GENL_GEN)
		pr_err("%s: not supported by this kernel (needs Linux %s or later)", what,
		       smc_genl_cmd_since(cmd));
	else if (rc == -EOPNOTSUPP)
		pr_err("%s: not supported by this kernel", what);
	else
		pr_err_nl(nl, rc, "cannot reach the SMC generic netlink family");
	return EXIT_RUNTIME;
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

int tool_subcommand(struct smc_ctx *ctx, const char *object, const struct smc_cmd *cmds,
		    const struct smc_cmd *dflt, int argc, char **argv)
{
	const struct smc_cmd *c = dflt;

	if (argc > 0) {
		char hint[64];

		if (!strcmp(argv[0], "help")) {
			print_commands(ctx, object, cmds, dflt);
			return EXIT_OK;
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

static enum parse_result parse_opts(struct smc_ctx *ctx, const struct smc_tool *tool,
				    struct smc_tool_opts *o, int argc, char **argv)
{
	int c;

	opterr = 0;
	optind = 0;	/* GNU getopt: start afresh, this runs twice */
	/* '+': stop at the first word; options after the object are handed back here */
	while ((c = getopt_long(argc, argv, "+:jpdan:vh", long_opts, NULL)) != -1) {
		switch (c) {
		case 'j': o->json = true; break;
		case 'p': o->pretty = o->json = true; break;
		case 'd': o->details++; break;
		case 'a': o->absolute = true; break;
		case 'n': o->netns = optarg; break;
		case ':':
			pr_err("option '%s' needs a value (try: %s help)", argv[optind - 1],
			       tool->prog);
			return PARSE_USAGE_ERROR;
		case 'v':
			out_note(ctx->out, "%s (smc-utils) %s", tool->prog, SMC_UTILS_VERSION);
			return PARSE_DONE;
		case 'h':
			print_usage(ctx, tool);
			return PARSE_DONE;
		default: {
			char hint[32];

			snprintf(hint, sizeof(hint), "%s help", tool->prog);
			pr_bad_option(argv[optind - 1], optopt, hint);
			return PARSE_USAGE_ERROR;
		}
		}
	}
	return PARSE_RUN;
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
	rc = out_free(help_out);
	if (pr == PARSE_USAGE_ERROR)
		return EXIT_USAGE;
	if (pr == PARSE_DONE)
		return rc ? EXIT_RUNTIME : EXIT_OK;
	return -1;
}

int tool_open(const char *netns, const struct out_opts *oo, struct smc_nl **nl,
	      struct out **out)
{
	int rc;

	*nl = NULL;
	*out = NULL;
	if (netns) {
		rc = netns_enter(netns);
		if (rc) {
			pr_err_netns(netns, rc);
			return rc == -EINVAL ? EXIT_USAGE : EXIT_RUNTIME;
		}
	}
	rc = smc_nl_open(nl);
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

int tool_finish_output(struct out *o, int rc)
{
	int orc = out_free(o);

	if (!rc && orc) {
		pr_err("cannot write output: %s", strerror(-orc));
		return EXIT_RUNTIME;
	}
	return rc;
}

/* A word that is one of our options: "--json", "--netns=X", or a cluster like "-dd". */
static bool is_global_option(const char *w)
{
	if (!strncmp(w, "--", 2)) {
		size_t len = strcspn(w + 2, "=");

		for (const struct option *o = long_opts; o->name; o++)
			if (len && strlen(o->name) == len && !strncmp(o->name, w + 2, len))
				return true;
		return false;
	}
	if (w[0] != '-' || !w[1])
		return false;
	/* "-n" may only close a cluster: its value follows */
	return strspn(w + 1, "jpdavh") == strlen(w + 1) ||
	       (strspn(w + 1, "jpdavh") == strlen(w + 1) - 1 && w[strlen(w) - 1] == 'n');
}

/*
 * Options may also follow the object ("smcr linkgroup show -d"): object arguments never
 * start with '-', so every such word after the object is parsed as a global option.
 * Moves them to the front of @argv (after @argv[0]) and returns how many there were.
 */
static int hoist_options(int argc, char **argv, int first_word)
{
	int nopts = 0;

	for (int i = first_word; i < argc; i++) {
		char *w = argv[i];

		if (!is_global_option(w))
			continue;
		/* the value of an option that takes one goes with it */
		bool takes_value = !strcmp(w, "--netns") || (w[1] != '-' && w[strlen(w) - 1] == 'n');

		memmove(&argv[1 + nopts + 1], &argv[1 + nopts], (size_t)(i - 1 - nopts) *
			sizeof(*argv));
		argv[1 + nopts++] = w;
		if (takes_value && i + 1 < argc) {
			char *v = argv[++i];

			memmove(&argv[1 + nopts + 1], &argv[1 + nopts], (size_t)(i - 1 - nopts) *
				sizeof(*argv));
			argv[1 + nopts++] = v;
		}
	}
	return nopts;
}

static int enter_netns(struct smc_ctx *ctx, const char *spec)
{
	int rc = netns_enter(spec);

	if (rc) {
		pr_err_netns(spec, rc);
		return rc == -EINVAL ? EXIT_USAGE : EXIT_RUNTIME;
	}
	if (netns_cookie(&ctx->netns_cookie) == 0)
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
		int nopts = hoist_options(argc, argv, obj_idx + 1);

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
		int orc;

		if (pr == PARSE_RUN)
			print_usage(&ctx, tool);
		orc = out_free(ctx.out);
		if (pr == PARSE_USAGE_ERROR)
			return EXIT_USAGE;
		return orc ? EXIT_RUNTIME : EXIT_OK;
	}
	snprintf(hint, sizeof(hint), "%s help", tool->prog);
	obj = cmd_find(tool->objects, "object", argv[obj_idx], hint);
	out_free(ctx.out);
	if (!obj)
		return EXIT_USAGE;
	if (opts.netns) {
		rc = enter_netns(&ctx, opts.netns);
		if (rc)
			return rc;
	}

	oo.json = opts.json;
	oo.pretty = opts.pretty;
	if (out_new(&ctx.out, &oo) || smc_nl_open(&ctx.nl)) {
		pr_err("%s", strerror(ENOMEM));
		out_free(ctx.out);
		return EXIT_RUNTIME;
	}
	rc = obj->fn(&ctx, argc - obj_idx - 1, argv + obj_idx + 1);
	rc = tool_finish_output(ctx.out, rc);
	if (!rc && smc_nl_status(ctx.nl)->dump_intr)
		pr_warn("the kernel's data changed while it was read; it may be inconsistent");
	smc_nl_close(ctx.nl);
	return rc;
}
