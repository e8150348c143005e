/* bigmalloc.c - 64 MiB from glibc's malloc (an mmap), every byte touched. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	size_t size = 64 << 20;
	unsigned char *m = malloc(size);
	unsigned long sum = 0;

	if (!m) {
		printf("malloc failed\n");
		return 1;
	}
	for (size_t i = 0; i < size; i++)
		m[i] = (unsigned char)(i ^ (i >> 12));
	for (size_t i = 0; i < size; i++)
		sum += m[i];
	printf("sum %lu\n", sum);
	free(m);
	m = calloc(1, size);
	sum = 0;
	for (size_t i = 0; i < size; i += 4096)
		sum += m[i];
	printf("calloc zero: %s\n", sum == 0 ? "yes" : "no");
	return 0;
}
