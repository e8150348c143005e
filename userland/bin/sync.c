/* sync: flush every filesystem's dirty data to disk. */
#include <stdio.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: sync\n");
		return 1;
	}
	sync();
	return 0;
}
