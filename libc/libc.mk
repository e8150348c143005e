# Placeholder until the libc port lands: see libc/README.
LIBC_DEPS :=
LIBC_HEADERS :=
