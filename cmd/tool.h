/* SPDX-License-Identifier: GPL-2.0 */
/* tool.h - what smcr and smcd share: options, context, object dispatch, help */
#ifndef SMC_TOOL_H
#define SMC_TOOL_H

#include <stdbool.h>
#include <stdint.h>

#include "cmd.h"
#include "kernel_support.h"
#include "netdev_names.h"
#include "nl.h"
#include "out.h"
#include "rdma_nl.h"

enum smc_variant { SMC_VARIANT_R, SMC_VARIANT_D };

/* The options every tool that has them reads alike; the tool's getopt string and long
 * options say which it has (tool_common_opt()).
 */
struct tool_common_opts {
	bool		json;		/* -j, --json */
	bool		pretty;		/* -p or --pretty: indented JSON, implies json */
	const char	*netns;		/* -n, --netns NS: the namespace to run in, or NULL */
};

struct smc_tool_opts {
	struct tool_common_opts	common;
	unsigned int		details;	/* -d, -dd */
	bool			absolute;	/* -a: stats since module load */
};

struct smc_ctx {
	const struct smc_tool_opts	*opts;
	struct smc_nl			*nl;
	struct out			*out;
	const char			*prog;		/* "smcr" or "smcd" */
	enum smc_variant		variant;
	/* with -n: the namespace's cookie, to pick its link groups out of the
	 * host-wide dumps (the kernel does not filter them by namespace)
	 */
	bool				filter_netns;
	uint64_t			netns_cookie;
	/* interface names of our namespace, read at the first tool_netdev_name() */
	bool				netdevs_loaded;
	struct netdev_names		netdevs;
	/* RDMA ports and their netdevs as our namespace sees them (tool_port_netdev()) */
	bool				ports_loaded;
	bool				ports_known;	/* RDMA netlink answered */
	struct rdma_nl_port		*ports;
	size_t				nports;
};

/* Read the interface names of the tool's namespace, before a dump that needs them
 * (the handle serves one request at a time). Without them interfaces show by number.
 */
void tool_load_netdev_names(struct smc_ctx *ctx);
/* The name of interface @ifindex in the tool's namespace, or NULL if there is none. */
const char *tool_netdev_name(const struct smc_ctx *ctx, uint32_t ifindex);

/* Ask RDMA netlink for the ports of the RDMA devices and their netdevs, before a dump that
 * needs tool_port_netdev() (the handle serves one request at a time).
 */
void tool_load_port_netdevs(struct smc_ctx *ctx);
/**
 * tool_port_netdev() - the name of netdev @ifindex of RDMA port @ibdev/@port, or NULL
 *
 * SMC reports a port's netdev by its index in the netdev's own network namespace, which
 * need not be ours (ip netns exec, -n). RDMA netlink names a port's netdev only to a
 * requester in that namespace: so a name comes only from it, and only for the same
 * index. Where RDMA netlink cannot be asked, the index is looked up among our own
 * interfaces (as smc-tools does), except under -n.
 */
const char *tool_port_netdev(const struct smc_ctx *ctx, const char *ibdev, uint32_t port,
			     uint32_t ifindex);
/* A port's netdev as tool_port_netdev() found it (@name, NULL or "" if not): the name in
 * @json_col and @text_col (which may be one column), else in text "if#N" by its index
 * @ifindex (0: none), which JSON carries in a column of its own anyway.
 */
void tool_out_port_netdev(struct out *o, unsigned int json_col, unsigned int text_col,
			  const char *name, uint32_t ifindex);

struct smc_tool {
	const char		*prog;
	enum smc_variant	variant;
	const struct smc_cmd	*objects;	/* NULL-terminated */
};

enum parse_result {
	PARSE_RUN,		/* go on */
	PARSE_DONE,		/* help or version printed: exit 0 */
	PARSE_USAGE_ERROR,	/* reported: exit 2 */
	PARSE_NOT_COMMON,	/* tool_common_opt(): an option of the tool's own */
};

/**
 * tool_common_opt() - apply option @c (cli_getopt()'s return) if every tool reads it alike
 * @pretty_opt: the code of --pretty: 'p', a long-only code where -p means else, or 0
 *	        for a tool without it
 * @prog: the tool's name, for --version
 * @usage: the help text for -h, or NULL where the tool prints its own
 *
 * Return: PARSE_RUN if @c was -j, --pretty or -n (stored in @co); PARSE_DONE after -v or
 * -h (printed to @help_out); PARSE_USAGE_ERROR for CLI_OPT_ERROR (already reported);
 * PARSE_NOT_COMMON for any other option.
 */
enum parse_result tool_common_opt(int c, int pretty_opt, struct tool_common_opts *co,
				  const char *prog, struct out *help_out, const char *usage);
/* The output options @co chose */
struct out_opts tool_out_opts(const struct tool_common_opts *co);

/* A tool's option parser: fills @opts; help and version go to @help_out. */
typedef enum parse_result (*tool_parse_fn)(int argc, char **argv, void *opts,
					   struct out *help_out);

/**
 * tool_parse() - run @parse with a plain-text writer for help and version text
 *
 * Return: -1 if the tool should go on and run, else the exit status to end with.
 */
int tool_parse(int argc, char **argv, tool_parse_fn parse, void *opts);

/**
 * tool_finish_output() - free @o and fold a failed write into the exit status
 * @rc: the exit status so far
 *
 * A write that failed with EPIPE (the reader went away) ends the process quietly, killed
 * by SIGPIPE as ss would be (status 141 in a shell). Any other failure is reported in
 * one line naming its errno ("cannot write output: No space left on device").
 * Return: @rc, or EXIT_RUNTIME if @rc was 0 but writing failed.
 */
int tool_finish_output(struct out *o, int rc);

/**
 * tool_open() - what a one-shot tool needs before it asks the kernel anything
 * @netns: the -n namespace to enter first (sockets stay in the namespace that made
 *	   them), or NULL
 *
 * Return: 0 with *@nl and *@out set, or the exit status to end with (the error is
 * printed).
 */
int tool_open(const char *netns, const struct out_opts *oo, struct smc_nl **nl,
	      struct out **out);

/* main() of smcr and smcd. Return: the exit status. */
int smc_tool_main(const struct smc_tool *tool, int argc, char **argv);

/**
 * genl_require() - make sure the kernel can serve command @cmd of family @fam
 * @what: the user's words for the request, e.g. "ueid add"
 *
 * Prints the reason if not: what the host says of SMC (ks_explain(): the module is not
 * loaded, or the kernel was built without it, or it cannot be told), or that @cmd came
 * with a later release than the running one. Return: 0, or EXIT_RUNTIME.
 */
int genl_require(struct smc_nl *nl, enum smc_genl_family fam, uint8_t cmd, const char *what);
/* Say why a dump of AF_SMC sockets (smc_sock_dump()) failed with @rc: smc_diag not loaded,
 * not built, or what the kernel said.
 */
void tool_report_sock_dump_error(struct smc_nl *nl, int rc);
/* genl_require() judged against the facts of @host (tests), not this host's */
int genl_require_host(struct smc_nl *nl, enum smc_genl_family fam, uint8_t cmd,
		      const char *what, const struct ks_host *host);

/* tool_require() - genl_require() for an SMC_GEN_NETLINK command of smcr/smcd */
int tool_require(struct smc_ctx *ctx, uint8_t cmd, const char *what);

/**
 * tool_subcommand() - dispatch an object's command word
 * @cmds: the object's commands, NULL-terminated; @dflt runs when no word is given
 * @argc/@argv: the words after the object name
 *
 * "help" lists the commands. Return: the exit status.
 */
int tool_subcommand(struct smc_ctx *ctx, const char *object, const struct smc_cmd *cmds,
		    const struct smc_cmd *dflt, int argc, char **argv);

/**
 * tool_help_begin() - help is text whatever -j says, as -h is: until tool_help_end(),
 * ctx->out is a plain text writer (the data writer, which has written nothing, is kept
 * in *@data_out)
 *
 * Return: EXIT_OK, or EXIT_RUNTIME (reported) without memory for it.
 */
int tool_help_begin(struct smc_ctx *ctx, struct out **data_out);
/* Finish the help text and give ctx->out back. Return: the exit status of writing it. */
int tool_help_end(struct smc_ctx *ctx, struct out *data_out);

/* Complain about words left over after a command. Return: EXIT_USAGE, or 0 if none. */
int tool_no_more_args(struct smc_ctx *ctx, const char *what, int argc, char **argv);

/* Objects; each the same code for smcr and smcd, parametrised by ctx->variant */
int obj_ueid(struct smc_ctx *ctx, int argc, char **argv);
int obj_info(struct smc_ctx *ctx, int argc, char **argv);
int obj_linkgroup(struct smc_ctx *ctx, int argc, char **argv);
int obj_device(struct smc_ctx *ctx, int argc, char **argv);
int obj_seid(struct smc_ctx *ctx, int argc, char **argv);
int obj_hslimit(struct smc_ctx *ctx, int argc, char **argv);
int obj_stats(struct smc_ctx *ctx, int argc, char **argv);
int obj_explain(struct smc_ctx *ctx, int argc, char **argv);	/* needs no kernel */

#endif
