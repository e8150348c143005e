/* sys/_default_fcntl.h - replaced by <fcntl.h> with Linux values. */
#include <fcntl.h>
