/* sys/dirent.h - see <dirent.h>. */
#include <dirent.h>
