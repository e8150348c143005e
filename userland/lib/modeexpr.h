/* modeexpr: chmod's mode expressions ("755", "u+x,go-w", "a=rX", "g=u"). */
#ifndef MODEEXPR_H
#define MODEEXPR_H

#include <sys/types.h>

/*
 * The mode (permission and special bits) a file of mode old gets from
 * expr, or -1 if expr is malformed.  old's type decides what X means.
 * Clauses without who letters ("+x") leave the bits of umask_bits alone:
 * chmod passes the process umask, find -perm passes 0.
 */
long mode_apply(const char *expr, mode_t old, mode_t umask_bits);

#endif /* MODEEXPR_H */
