/*
 * dynhello.c - a dynamically linked PIE (Debian's default for
 * riscv64-linux-gnu-gcc): prints a line through libc's stdio, one through
 * libm, and where its main lies relative to the auxiliary vector's
 * AT_ENTRY and the other auxiliary vector entries (the same on every
 * kernel that loads it correctly).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

extern char _start[];

int main(int argc, char **argv)
{
	volatile double two = 2.0;

	printf("hello from a dynamic program, argc %d, argv[0] %s\n", argc, argv[0]);
	printf("sqrt(2) = %.6f\n", sqrt(two));
	printf("AT_ENTRY is _start: %s\n",
	       getauxval(AT_ENTRY) == (unsigned long)_start ? "yes" : "no");
	printf("AT_BASE set: %s\n", getauxval(AT_BASE) != 0 ? "yes" : "no");
	printf("AT_PHNUM > 0: %s\n", getauxval(AT_PHNUM) > 0 ? "yes" : "no");
	/* qemu-riscv64 passes the host's path: compare the last part. */
	const char *fn = (const char *)getauxval(AT_EXECFN);
	printf("AT_EXECFN ends in: %s\n", fn && strrchr(fn, '/') ? strrchr(fn, '/') + 1 : "?");
	return argc > 1 ? atoi(argv[1]) : 0;
}
