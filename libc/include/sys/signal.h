/* sys/signal.h - same as <signal.h>. */
#include <signal.h>
