/* modestr: the ls -l form of a file mode, "drwxr-sr-t". */
#ifndef MODESTR_H
#define MODESTR_H

#include <sys/types.h>

/* Type letter, nine permission letters (s/S, t/T for the special bits), NUL. */
#define MODE_STRING_SIZE 11

void mode_string(mode_t mode, char out[MODE_STRING_SIZE]);

#endif /* MODESTR_H */
