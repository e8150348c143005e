/*
 * Host unit test of the kernel's memcpy and memmove (kernel/lib/string.c,
 * built natively with its functions renamed k*: see kernel.mk): every
 * source and destination offset 0..15 and lengths 0..300, against a byte
 * loop, with the bytes around the destination untouched; forward
 * overlapping memmove; memset at every offset.  The word-at-a-time paths
 * (both ends aligned, aligned alike, misaligned against each other) all
 * run here.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../check.h"

void *kmemcpy(void *dst, const void *src, size_t n);
void *kmemmove(void *dst, const void *src, size_t n);
void *kmemset(void *dst, int c, size_t n);

#define SIZE 640
/* 8-aligned buffers, so that offset 0 is an aligned word. */
static uint64_t abuf[SIZE / 8], bbuf[SIZE / 8], rbuf[SIZE / 8];

static void randomize(unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)rand();
}

int main(void)
{
	unsigned char *a = (unsigned char *)abuf, *b = (unsigned char *)bbuf;
	unsigned char *ref = (unsigned char *)rbuf;
	char why[120] = "";
	int ok = 1;

	srand(1);
	for (size_t so = 0; so < 16 && ok; so++)
		for (size_t dof = 0; dof < 16 && ok; dof++)
			for (size_t n = 0; n <= 300 && ok; n++) {
				randomize(a, SIZE);
				randomize(b, SIZE);
				memcpy(ref, b, SIZE);
				for (size_t i = 0; i < n; i++)
					ref[16 + dof + i] = a[16 + so + i];
				void *r = kmemcpy(b + 16 + dof, a + 16 + so, n);
				if (r != b + 16 + dof || memcmp(ref, b, SIZE) != 0) {
					snprintf(why, sizeof(why), "source offset %zu, destination "
						 "offset %zu, %zu bytes", so, dof, n);
					ok = 0;
				}
			}
	check("string-memcpy-every-alignment", ok, "%s", why);

	ok = 1;
	for (size_t gap = 1; gap < 20 && ok; gap++)
		for (size_t dof = 0; dof < 16 && ok; dof++)
			for (size_t n = 0; n <= 300 && ok; n++) {
				randomize(b, SIZE);
				memcpy(ref, b, SIZE);
				memmove(ref + 16 + dof, ref + 16 + dof + gap, n);
				kmemmove(b + 16 + dof, b + 16 + dof + gap, n);
				if (memcmp(ref, b, SIZE) != 0) {
					snprintf(why, sizeof(why), "destination offset %zu, source %zu "
						 "bytes after it, %zu bytes", dof, gap, n);
					ok = 0;
				}
			}
	check("string-memmove-forward-overlap", ok, "%s", why);

	ok = 1;
	for (size_t dof = 0; dof < 16 && ok; dof++)
		for (size_t n = 0; n <= 300 && ok; n++) {
			randomize(b, SIZE);
			memcpy(ref, b, SIZE);
			memset(ref + 16 + dof, 0xa5, n);
			kmemset(b + 16 + dof, 0xa5, n);
			if (memcmp(ref, b, SIZE) != 0) {
				snprintf(why, sizeof(why), "offset %zu, %zu bytes", dof, n);
				ok = 0;
			}
		}
	check("string-memset-every-alignment", ok, "%s", why);
	return 0;
}
