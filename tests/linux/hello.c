/* hello.c - the smallest static glibc program; prints $GREETING if set. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	const char *greeting = getenv("GREETING");

	printf("hello, world\n");
	if (greeting)
		printf("GREETING=%s\n", greeting);
	return 0;
}
