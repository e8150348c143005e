#!/bin/sh
# utils.sh [SCRIPT]: runs one of the utilities' own check scripts
# (/tests/utils-run.sh, the default, or /tests/utils-text.sh: copies of
# tests/utils/run.sh and text.sh) under our /bin/sh, against /bin and
# /sbin merged into one directory as the scripts expect.
script=${1:-/tests/utils-run.sh}
d=/tmp/utils-bin
if [ ! -d "$d" ]; then
	/bin/mkdir -p "$d" || exit 1
	for f in /bin/* /sbin/*; do
		/bin/ln -s "$f" "$d/${f##*/}" || exit 1
	done
fi
exec /bin/sh "$script" "$d"
