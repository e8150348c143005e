/*
 * captext: capability names and libcap's text form of capability sets
 * (cap_from_text / cap_to_text, as setcap, getcap and capsh read and print
 * them): clauses such as "cap_net_raw+ep", "cap_a,cap_b=eip", "=ep" (every
 * capability), separated by spaces; '=' sets exactly, '+' raises, '-'
 * lowers the flags e (effective), i (inheritable), p (permitted).
 */
#ifndef CAPTEXT_H
#define CAPTEXT_H

#include <stddef.h>
#include <stdint.h>

#define CAP_NAMES_COUNT 41	/* CAP_CHOWN (0) to CAP_CHECKPOINT_RESTORE (40) */
#define CAP_NAMES_ALL	((1ull << CAP_NAMES_COUNT) - 1)

/* "CAP_SYS_ADMIN" or "sys_admin", any case -> 0..40, or -1. */
int cap_parse(const char *name);
/* "CAP_SYS_ADMIN" for 21 ("CAP_?" out of range). */
const char *cap_name(int cap);

struct cap_sets {
	uint64_t eff, inh, prm;
};

/* Parse text into *sets (starting from none): 0, or -1 on bad text. */
int captext_parse(const char *text, struct cap_sets *sets);
/* libcap's text for sets ("=ep", "cap_net_raw=ep", "=" for none) into
 * buf; returns buf (cut short if len is too small). */
char *captext_format(const struct cap_sets *sets, char *buf, size_t len);
/* The capabilities of set as "cap_a,cap_b" (empty for none) into buf. */
char *captext_list(uint64_t set, char *buf, size_t len);

#endif /* CAPTEXT_H */
