/* sys/errno.h - same as <errno.h>. */
#include <errno.h>
