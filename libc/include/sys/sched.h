/* sys/sched.h - see <sched.h>. */
#include <sched.h>
