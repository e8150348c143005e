/* sys/syslimits.h - the limits live in <limits.h>. */
#include <limits.h>
