#!/bin/sh
# run.sh BINDIR: our ip (BINDIR/ip, the native build) against iproute2's
# (/usr/sbin/ip, the oracle): scenario.sh runs once with each, every time
# in a fresh `unshare -Urnm` (a user namespace owning new network and
# mount namespaces: nothing of the host's network or mounts is touched,
# and every namespace made dies with the run), and each command's output
# and exit status must be the same byte for byte.  Our ping serves both
# runs.  Prints "PASS ip-N-COMMAND", "FAIL ip-N-COMMAND: diff" or SKIP.
case $1 in
'') echo "usage: run.sh bindir" >&2; exit 2 ;;
/*) B=$1 ;;
*) B=$(pwd)/$1 ;;
esac
HERE=$(cd "$(dirname "$0")" && pwd)
ORACLE=${IP_ORACLE:-/usr/sbin/ip}

if [ ! -x "$ORACLE" ]; then
	echo "SKIP ip-oracle: no iproute2 ip at $ORACLE"
	exit 0
fi
if ! unshare -Urnm true 2>/dev/null; then
	echo "SKIP ip-namespaces: this machine cannot make user+net+mount namespaces"
	exit 0
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/ip-test.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
mkdir "$T/ours" "$T/theirs"
# The second namespace's name: unique, though it lives only in the run's
# own /run; check names say NS instead.
NS=ipt-$$
ln -s "$B/ip" "$T/ours/ip"
ln -s "$ORACLE" "$T/theirs/ip"
for d in ours theirs; do
	ln -s "$B/ping" "$T/$d/ping"
	unshare -Urnm sh "$HERE/scenario.sh" "$T/$d" "$NS" >"$T/$d.out" 2>&1
done

# Split each transcript into one file per command, and compare them.
for d in ours theirs; do
	mkdir "$T/$d.cmd"
	awk -v dir="$T/$d.cmd" '
		/^### / { n++; f = sprintf("%s/%03d", dir, n); print substr($0, 5) > (f ".name") }
		{ print > f }' "$T/$d.out"
done
n_ours=$(ls "$T/ours.cmd" | grep -c '\.name$')
n_theirs=$(ls "$T/theirs.cmd" | grep -c '\.name$')
if [ "$n_ours" != "$n_theirs" ]; then
	echo "FAIL ip-scenario: $n_ours commands ran with our ip, $n_theirs with iproute2's"
fi
for f in "$T/theirs.cmd"/*.name; do
	i=$(basename "$f" .name)
	name=$(sed "s/$NS/NS/g; "'s/[^A-Za-z0-9.+-]\{1,\}/-/g; s/-$//' "$f")
	if cmp -s "$T/theirs.cmd/$i" "$T/ours.cmd/$i"; then
		echo "PASS ip-$i-$name"
	else
		echo "FAIL ip-$i-$name: $(diff "$T/theirs.cmd/$i" "$T/ours.cmd/$i" 2>&1 | tr '\n' '|')"
	fi
done

# Each object's help: a usage text of our own (iproute2's is its own
# prose), but the same first words and status 255 as iproute2's.
for o in link address route neigh netns; do
	out=$("$B/ip" $o help 2>&1 >/dev/null)
	st=$?
	"$ORACLE" $o help >/dev/null 2>&1
	want=$?
	case "$st:$out" in
	"$want:Usage: ip $o"*) echo "PASS ip-usage-$o" ;;
	*) echo "FAIL ip-usage-$o: status $st (iproute2: $want), '$(echo "$out" | sed -n 1p)'" ;;
	esac
done
