/*
 * human.c - human-readable sizes for ls, df and du (-h).  Shared by the
 * guest and host builds (userland/userland.mk).  Integer arithmetic
 * only, so both builds round the same way.
 */
#include <stdio.h>

#include "human.h"

#define HUMAN_BASE 1024ULL
/* Below this many tenths of a unit, one decimal is shown. */
#define DECIMAL_LIMIT_TENTHS 100

static const char unit_suffix[] = "KMGTPE";

/* Quotient of a / b rounded up, without overflowing a + b. */
static unsigned long long
div_up(unsigned long long a, unsigned long long b)
{
	return a / b + (a % b != 0);
}

const char *
human_size(unsigned long long bytes, char buf[HUMAN_SIZE_MAX])
{
	unsigned long long unit = HUMAN_BASE, tenths, whole;
	size_t u = 0;

	if (bytes < HUMAN_BASE) {
		snprintf(buf, HUMAN_SIZE_MAX, "%llu", bytes);
		return buf;
	}
	while (bytes / unit >= HUMAN_BASE && u + 1 < sizeof(unit_suffix) - 1) {
		unit *= HUMAN_BASE;
		u++;
	}
	tenths = bytes / unit * 10 + div_up(bytes % unit * 10, unit);
	if (tenths < DECIMAL_LIMIT_TENTHS) {
		snprintf(buf, HUMAN_SIZE_MAX, "%llu.%llu%c", tenths / 10, tenths % 10,
		    unit_suffix[u]);
		return buf;
	}
	whole = div_up(bytes, unit);
	if (whole >= HUMAN_BASE && u + 1 < sizeof(unit_suffix) - 1)
		snprintf(buf, HUMAN_SIZE_MAX, "1.0%c", unit_suffix[u + 1]);
	else
		snprintf(buf, HUMAN_SIZE_MAX, "%llu%c", whole, unit_suffix[u]);
	return buf;
}
