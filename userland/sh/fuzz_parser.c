/*
 * fuzz_parser.c - libFuzzer entry point for the lexer and parser: any
 * input must parse or be rejected with a syntax error, never crash or
 * leak.  Built by `make fuzz-sh` (tests/sh/sh.mk) with ASan and UBSan.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	struct parser p;
	int error;
	parser_init_string(&p, text);
	struct node *tree = parse_all(&p, &error);
	/* Exercise the copy and the printer on what parsed. */
	struct node *copy = node_copy(tree);
	struct str s = {0};
	node_text(&s, copy);
	free(s.s);
	node_free(copy);
	node_free(tree);
	parser_free(&p);
	free(text);
	return 0;
}
