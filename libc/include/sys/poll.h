/* sys/poll.h - see <poll.h>. */
#include <poll.h>
