/* Memory and string functions for the kernel.  memcpy and memset move
 * 8 bytes at a time (64 per loop) when both ends are aligned: they sit on the hot paths
 * of copy_to_user, page zeroing and the block cache.  When the two ends
 * are misaligned against each other (a TCP segment copied from the middle
 * of a send-queue packet), memcpy aligns the destination and builds each
 * word from two aligned source words, instead of going a byte at a time. */
#include "string.h"
#include <stdint.h>

/* n >= 8 bytes from s, misaligned by k = 1..7 bytes, to the aligned d:
 * whole words only, returns how many bytes it moved.  It reads only
 * aligned words that hold a byte of the source, so never a page the
 * source does not reach into. */
static size_t copy_shifted(uint64_t *d8, const unsigned char *s, size_t n)
{
	unsigned int k = (uintptr_t)s & 7, lo = 8 * k, hi = 64 - lo;
	const uint64_t *s8 = (const uint64_t *)(s - k);
	size_t words = n / 8, i = 0;
	uint64_t w = s8[0];
	/* little-endian: the low bytes of d8[i] are the high ones of w;
	 * two words a round */
	for (; i + 2 <= words; i += 2) {
		uint64_t b = s8[i + 1], c = s8[i + 2];
		d8[i] = w >> lo | b << hi;
		d8[i + 1] = b >> lo | c << hi;
		w = c;
	}
	if (i < words)
		d8[i] = w >> lo | s8[i + 1] << hi;
	return words * 8;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	char *d = dst;
	const char *s = src;

	if (n >= 32 && (((uintptr_t)d ^ (uintptr_t)s) & 7)) {
		while ((uintptr_t)d & 7) {
			*d++ = *s++;
			n--;
		}
		size_t done = copy_shifted((uint64_t *)d, (const unsigned char *)s, n);
		d += done;
		s += done;
		n -= done;
	} else if (n >= 16 && ((uintptr_t)d & 7)) {
		while ((uintptr_t)d & 7) {	/* both equally misaligned */
			*d++ = *s++;
			n--;
		}
	}
	if ((((uintptr_t)d | (uintptr_t)s) & 7) == 0) {
		uint64_t *d8 = (uint64_t *)d;
		const uint64_t *s8 = (const uint64_t *)s;
		while (n >= 64) {
			uint64_t a = s8[0], b = s8[1], c = s8[2], e = s8[3];
			uint64_t f = s8[4], g = s8[5], h = s8[6], i = s8[7];
			d8[0] = a; d8[1] = b; d8[2] = c; d8[3] = e;
			d8[4] = f; d8[5] = g; d8[6] = h; d8[7] = i;
			d8 += 8; s8 += 8; n -= 64;
		}
		while (n >= 8) {
			*d8++ = *s8++;
			n -= 8;
		}
		d = (char *)d8;
		s = (const char *)s8;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	char *d = dst;
	const char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	if (((uintptr_t)d & 7) == 0) {
		uint64_t v = (unsigned char)c;
		v |= v << 8;
		v |= v << 16;
		v |= v << 32;
		uint64_t *d8 = (uint64_t *)d;
		while (n >= 64) {
			d8[0] = v; d8[1] = v; d8[2] = v; d8[3] = v;
			d8[4] = v; d8[5] = v; d8[6] = v; d8[7] = v;
			d8 += 8; n -= 64;
		}
		while (n >= 8) {
			*d8++ = v;
			n -= 8;
		}
		d = (unsigned char *)d8;
	}
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return c ? NULL : (char *)s;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = 0;
	}
	return len;
}
