/*
 * init's pure helpers: parsing /etc/hostname, checking the kernel's
 * arguments, and the respawn policy.  No system calls here.
 */
#include <ctype.h>
#include <string.h>

#include "init.h"

int
hostname_parse(const char *text, char *out, size_t size)
{
	while (*text) {
		const char *line = text, *end = strchr(text, '\n');
		if (end == NULL)
			end = text + strlen(text);
		text = *end ? end + 1 : end;

		while (line < end && isspace((unsigned char)*line))
			line++;
		while (end > line && isspace((unsigned char)end[-1]))
			end--;
		if (line == end || *line == '#')
			continue;
		if ((size_t)(end - line) >= size)
			return -1;
		memcpy(out, line, end - line);
		out[end - line] = '\0';
		return 0;
	}
	return -1;
}

int
init_args_check(int argc, char *argv[])
{
	static const char *const known[] = {
		"single", "S", "s", "1", "2", "3", "4", "5", "emergency", "auto",
	};

	for (int i = 1; i < argc; i++) {
		size_t k;
		for (k = 0; k < sizeof(known) / sizeof(known[0]); k++)
			if (strcmp(argv[i], known[k]) == 0)
				break;
		if (k == sizeof(known) / sizeof(known[0]))
			return i;
	}
	return 0;
}

unsigned
respawn_delay(time_t started, time_t ended)
{
	if (ended - started < RESPAWN_MIN_LIFETIME)
		return RESPAWN_DELAY;
	return 0;
}
