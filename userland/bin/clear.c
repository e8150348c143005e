/* clear: clear a vt100/ANSI terminal (cursor home, erase display). */
#include <stdio.h>

int
main(int argc, char *argv[])
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: clear\n");
		return 1;
	}
	fputs("\033[H\033[2J", stdout);
	return fflush(stdout) != 0;
}
