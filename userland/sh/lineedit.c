#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

void lineedit_init(void) {}
int lineedit_is_tty(void) { return 0; }

char *lineedit_read(const char *prompt, int *eof)
{
	fputs(prompt, stderr);
	fflush(stderr);
	struct str b = {0};
	for (;;) {
		char c;
		ssize_t n = read(0, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		str_putc(&b, c);
		if (c == '\n')
			break;
	}
	*eof = b.len == 0;
	return b.len ? str_take(&b) : NULL;
}
