/* sys/termios.h - same as <termios.h>. */
#include <termios.h>
