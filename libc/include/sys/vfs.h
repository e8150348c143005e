/* sys/vfs.h - see <sys/statfs.h>. */
#include <sys/statfs.h>
