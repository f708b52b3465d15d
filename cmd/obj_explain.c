// SPDX-License-Identifier: GPL-2.0
/* obj_explain.c - "smcr|smcd explain [all | CODE...]": what a fallback / decline code
 * means, who decides it, why it happens and what to do
 *
 * Reads only the knowledge base (fallback_kb.h): it works on hosts without SMC, so it
 * never touches ctx->nl.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fallback_kb.h"
#include "parse_num.h"
#include "tool.h"
#include "view_fallback.h"

enum { C_CODE_TEXT, C_CODE, C_NAME, C_STATUS, C_MEANING, C_CLASS, C_ORIGIN, C_VENDOR,
       C_UNUSED, C_NCOLS };

/* The list: code, name, whose code it is and meaning in text; JSON rows carry the short
 * facts of each entry (the same keys as an explained entry).
 */
static const struct out_col list_cols[C_NCOLS] = {
	[C_CODE_TEXT]	= OUT_ALIGNED(NULL, "Code", OUT_LEFT, 0, 10, 0),
	[C_CODE]	= OUT_ALIGNED("code", NULL, OUT_LEFT, 0, 0, 0),
	[C_NAME]	= OUT_ALIGNED("name", "Name", OUT_LEFT, 0, 0, 0),
	[C_STATUS]	= OUT_ALIGNED(NULL, "Source", OUT_LEFT, 0, 0, 0),
	[C_MEANING]	= OUT_ALIGNED("text", "Meaning", OUT_LEFT, 0, 0, 0),
	[C_CLASS]	= OUT_ALIGNED("class", NULL, OUT_LEFT, 0, 0, 0),
	[C_ORIGIN]	= OUT_ALIGNED("origin", NULL, OUT_LEFT, 0, 0, 0),
	[C_VENDOR]	= OUT_ALIGNED("vendor", NULL, OUT_LEFT, 0, 0, 0),
	[C_UNUSED]	= OUT_ALIGNED("unused", NULL, OUT_LEFT, 0, 0, 0),
};

static int explain_list(struct smc_ctx *ctx)
{
	static const struct out_table table = { .cols = list_cols, .ncols = C_NCOLS };
	size_t n;
	const struct smc_fallback_entry *e = smc_fallback_entries(&n);

	out_table_begin(ctx->out, &table, 0);
	for (size_t i = 0; i < n; i++, e++) {
		out_row_begin(ctx->out);
		out_fmt(ctx->out, C_CODE_TEXT, "0x%08" PRIx32, e->code);
		out_uint(ctx->out, C_CODE, e->code);
		out_str(ctx->out, C_NAME, e->name);
		out_str(ctx->out, C_STATUS, e->vendor ? "vendor" : e->unused ? "unused" : "Linux");
		out_str(ctx->out, C_MEANING, e->meaning);
		out_str(ctx->out, C_CLASS, smc_fallback_class(e->code));
		out_str(ctx->out, C_ORIGIN, smc_fb_origin_name(e->origin));
		out_bool(ctx->out, C_VENDOR, e->vendor);
		out_bool(ctx->out, C_UNUSED, e->unused);
		out_row_end(ctx->out);
	}
	out_table_end(ctx->out);
	return EXIT_OK;
}

static void explain_usage(struct smc_ctx *ctx)
{
	out_note(ctx->out, "Usage: %s explain [all]", ctx->prog);
	out_note(ctx->out, "       %s explain CODE...", ctx->prog);
	out_note(ctx->out, "CODE is a fallback or decline code: 0x03030000, 03030000, NOSMCDEV "
		 "or SMC_CLC_DECL_NOSMCDEV;");
	out_note(ctx->out, "numbers are hexadecimal (8 decimal digits need 0x unless the "
		 "first is 0);");
	out_note(ctx->out, "a pair as smcss shows it, 0x05000000/0x03030008, is two codes.");
	out_note(ctx->out, "Without a code, or with \"all\", every known code is listed.");
}

/*
 * @part of @word is no code. A number of 8 or more decimal digits is most likely a code
 * copied from JSON output, which gives codes as decimal numbers: it is refused (it could
 * be either base), and the error names the code the decimal number stands for.
 */
static void report_bad_code(const struct smc_ctx *ctx, const char *word, const char *part)
{
	uint64_t dec;

	if (part[0] != '0' && strlen(part) >= 8 && !parse_dec(part, UINT32_MAX, &dec))
		pr_err("explain: \"%s\" looks decimal, but codes are hexadecimal: write 0x%08"
		       PRIx64 " for the decimal number (as JSON output gives codes)%s%s",
		       part, dec, strlen(part) == 8 ? " or 0x" : "",
		       strlen(part) == 8 ? part : "");
	else
		pr_err("explain: \"%s\" is not a code (write 0x03030000, 03030000, NOSMCDEV or "
		       "SMC_CLC_DECL_NOSMCDEV; try: %s explain all)", word, ctx->prog);
}

/*
 * Every code of the words: a word may be a pair as smcss prints a peer's decline,
 * "0x05000000/0x03030008" (or with -d "PEERDECL/NOUEID"). All are read before anything is
 * printed, so a typo in the last one leaves stdout empty.
 * Return: 0, EXIT_USAGE or EXIT_RUNTIME (reported).
 */
static int parse_codes(struct smc_ctx *ctx, int argc, char **argv, uint32_t **codesp,
		       size_t *np)
{
	size_t n = 0, max = 0;
	uint32_t *codes;

	/* a code per word and one more per '/' in it (searched from the '/' on, never past
	 * the end of an empty word)
	 */
	for (int i = 0; i < argc; i++) {
		max++;
		for (const char *p = strchr(argv[i], '/'); p; p = strchr(p + 1, '/'))
			max++;
	}
	codes = calloc(max, sizeof(*codes));
	if (!codes) {
		pr_err("cannot explain: %s", strerror(ENOMEM));
		return EXIT_RUNTIME;
	}
	for (int i = 0; i < argc; i++) {
		const char *word = argv[i];

		do {
			size_t len = strcspn(word, "/");
			char *part = strndup(word, len);
			int rc;

			if (!part) {
				pr_err("cannot explain: %s", strerror(ENOMEM));
				free(codes);
				return EXIT_RUNTIME;
			}
			rc = smc_fallback_parse(part, &codes[n]);
			if (rc)
				report_bad_code(ctx, argv[i], part);
			free(part);
			if (rc) {
				free(codes);
				return EXIT_USAGE;
			}
			n++;
			word += len;
		} while (*word++ == '/');
	}
	*codesp = codes;
	*np = n;
	return 0;
}

int obj_explain(struct smc_ctx *ctx, int argc, char **argv)
{
	uint32_t *codes;
	size_t n;
	int rc;

	if (argc == 0 || (argc == 1 && !strcmp(argv[0], "all")))
		return explain_list(ctx);
	if (argc == 1 && !strcmp(argv[0], "help")) {
		struct out *data_out;

		rc = tool_help_begin(ctx, &data_out);
		if (rc)
			return rc;
		explain_usage(ctx);
		return tool_help_end(ctx, data_out);
	}
	rc = parse_codes(ctx, argc, argv, &codes, &n);
	if (rc)
		return rc;
	out_list_begin(ctx->out, NULL);
	for (size_t i = 0; i < n; i++)
		view_fallback_entry(ctx->out, codes[i], NULL);
	out_list_end(ctx->out);
	free(codes);
	return EXIT_OK;
}
