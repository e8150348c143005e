/*
 * read.c - the read builtin: one line from standard input, split on IFS
 * into the named variables, the last one taking the rest of the line.
 * Reads a byte at a time so the rest of the input stays for the next
 * command.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

static int is_ifs_ws(char c, const char *ifs)
{
	return (c == ' ' || c == '\t' || c == '\n') && strchr(ifs, c);
}

int bi_read(int argc, char **argv)
{
	int raw = 0, i = 1;
	const char *prompt = NULL;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "-r") == 0)
			raw = 1;
		else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc)
			prompt = argv[++i];
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else {
			fprintf(stderr, "usage: read [-r] [-p prompt] name...\n");
			return 2;
		}
	}
	char *deflt[] = { "REPLY", NULL };
	char **names = i < argc ? argv + i : deflt;
	int nnames = i < argc ? argc - i : 1;
	if (prompt && isatty(0)) {
		fputs(prompt, stderr);
		fflush(stderr);
	}
	/* Read the line; quoted[] marks characters escaped by backslash. */
	struct str line = {0}, quoted = {0};
	int eof = 0;
	for (;;) {
		char c;
		ssize_t n = read(0, &c, 1);
		if (n < 0 && errno == EINTR) {
			if (!got_sigint)
				continue;
			free(line.s);
			free(quoted.s);
			return 130;	/* ^C in an interactive shell */
		}
		if (n <= 0) {
			eof = 1;
			break;
		}
		if (c == '\n')
			break;
		if (c == '\\' && !raw) {
			n = read(0, &c, 1);
			if (n <= 0) {
				eof = 1;
				break;
			}
			if (c == '\n')
				continue;
			str_putc(&line, c);
			str_putc(&quoted, 1);
			continue;
		}
		str_putc(&line, c);
		str_putc(&quoted, 0);
	}
	const char *ifs = var_get("IFS");
	if (!ifs)
		ifs = " \t\n";
	const char *s = line.s ? line.s : "";
	const char *q = quoted.s ? quoted.s : "";
	size_t len = line.len, pos = 0;
	for (int v = 0; v < nnames; v++) {
		while (pos < len && !q[pos] && is_ifs_ws(s[pos], ifs))
			pos++;
		struct str field = {0};
		str_puts(&field, "");
		if (v == nnames - 1) {
			/* The rest, less trailing IFS white space. */
			size_t end = len;
			while (end > pos && !q[end - 1] && is_ifs_ws(s[end - 1], ifs))
				end--;
			str_putn(&field, s + pos, end - pos);
			pos = len;
		} else {
			while (pos < len && (q[pos] || !strchr(ifs, s[pos])))
				str_putc(&field, s[pos++]);
			if (pos < len) {	/* skip one delimiter */
				while (pos < len && !q[pos] && is_ifs_ws(s[pos], ifs))
					pos++;
				if (pos < len && !q[pos] && strchr(ifs, s[pos]) &&
				    !is_ifs_ws(s[pos], ifs))
					pos++;
			}
		}
		if (var_set(names[v], field.s, 0) < 0) {
			free(field.s);
			free(line.s);
			free(quoted.s);
			return 2;
		}
		free(field.s);
	}
	free(line.s);
	free(quoted.s);
	return eof ? 1 : 0;
}
