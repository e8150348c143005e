/*
 * kallsyms (kallsyms.h): the lookup in the generated tables, which are
 * read-only and need no lock.
 */
#include "kallsyms.h"
#include "sections.h"

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
	unsigned long lo = 0, hi = kallsyms_num;
	if (addr < (unsigned long)_kernel_start || addr >= (unsigned long)_etext || hi == 0 ||
	    addr < kallsyms_addresses[0])
		return NULL;
	/* The last symbol at or below addr. */
	while (hi - lo > 1) {
		unsigned long mid = lo + (hi - lo) / 2;
		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	unsigned long end = lo + 1 < kallsyms_num ? kallsyms_addresses[lo + 1] :
						    (unsigned long)_etext;
	*offset = addr - kallsyms_addresses[lo];
	*size = end - kallsyms_addresses[lo];
	return kallsyms_names + kallsyms_offsets[lo];
}
