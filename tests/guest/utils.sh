#!/bin/sh
# utils.sh: runs the utilities' own checks (tests/utils/run.sh, installed as
# /tests/utils-run.sh) under our /bin/sh, against /bin and /sbin merged
# into one directory as the script expects.
d=/tmp/utils-bin
/bin/mkdir -p "$d" || exit 1
for f in /bin/* /sbin/*; do
	/bin/ln -s "$f" "$d/${f##*/}" || exit 1
done
exec /bin/sh /tests/utils-run.sh "$d"
