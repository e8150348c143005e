/*
 * The hot string functions, a word at a time.  picolibc is built for size,
 * and its memcpy, memmove, memset and strlen go a byte at a time: four
 * instructions a byte, which every program pays in stdio (each snprintf
 * clears a 56-byte FILE) and in its own copies.  These take eight bytes a
 * step once the addresses allow it; being in our libc.a, they win over
 * picolibc's.
 *
 * Compiled without turning loops into calls of these same functions
 * (the optimize attribute), which would recurse.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define NO_LIBCALLS __attribute__((optimize("no-tree-loop-distribute-patterns")))

typedef uint64_t __attribute__((may_alias)) word_t;

#define ONES  0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

NO_LIBCALLS void *
memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (((uintptr_t)d & 7) == ((uintptr_t)s & 7)) {
		while (n && ((uintptr_t)d & 7)) {
			*d++ = *s++;
			n--;
		}
		word_t *dw = (word_t *)d;
		const word_t *sw = (const word_t *)s;
		for (; n >= 32; n -= 32, dw += 4, sw += 4) {
			word_t a = sw[0], b = sw[1], c = sw[2], e = sw[3];
			dw[0] = a;
			dw[1] = b;
			dw[2] = c;
			dw[3] = e;
		}
		for (; n >= 8; n -= 8)
			*dw++ = *sw++;
		d = (unsigned char *)dw;
		s = (const unsigned char *)sw;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

NO_LIBCALLS void *
memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);	/* forwards is safe */
	/* Overlapping with dst above src: backwards. */
	d += n;
	s += n;
	if (((uintptr_t)d & 7) == ((uintptr_t)s & 7)) {
		while (n && ((uintptr_t)d & 7)) {
			*--d = *--s;
			n--;
		}
		for (; n >= 8; n -= 8) {
			d -= 8;
			s -= 8;
			*(word_t *)d = *(const word_t *)s;
		}
	}
	while (n--)
		*--d = *--s;
	return dst;
}

NO_LIBCALLS void *
memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint64_t v = (unsigned char)c * ONES;

	while (n && ((uintptr_t)d & 7)) {
		*d++ = (unsigned char)c;
		n--;
	}
	word_t *dw = (word_t *)d;
	for (; n >= 32; n -= 32, dw += 4) {
		dw[0] = v;
		dw[1] = v;
		dw[2] = v;
		dw[3] = v;
	}
	for (; n >= 8; n -= 8)
		*dw++ = v;
	d = (unsigned char *)dw;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

/*
 * Aligned words may be read past the terminator: they never cross a page
 * boundary, so they cannot fault where the string's own bytes do not.
 */
NO_LIBCALLS size_t
strlen(const char *str)
{
	const char *p = str;

	while ((uintptr_t)p & 7) {
		if (!*p)
			return (size_t)(p - str);
		p++;
	}
	const word_t *w = (const word_t *)p;
	while (!((*w - ONES) & ~*w & HIGHS))
		w++;
	p = (const char *)w;
	while (*p)
		p++;
	return (size_t)(p - str);
}
