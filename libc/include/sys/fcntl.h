/* sys/fcntl.h - same as <fcntl.h>. */
#include <fcntl.h>
