# a script in the style of real ones
set -e
die() { echo "error: $*" >&2; exit 1; }
log() { printf '%s\n' "$*"; }
tmp=${TMPDIR:-/tmp}/t6.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
for f in alpha beta gamma; do
	cat > "$tmp/$f.conf" <<EOF
name=$f
size=${#f}
EOF
done
total=0
for conf in "$tmp"/*.conf; do
	while IFS='=' read -r key value; do
		case $key in
		name) name=$value ;;
		size) total=$((total + value)) ;;
		*) die "bad key $key" ;;
		esac
	done < "$conf"
	log "read $name"
done
log "total=$total"
count=$(ls "$tmp" | wc -l)
log "files: $count"
if [ "$count" -ne 3 ]; then die "wrong count"; fi
out=$(
	cat <<EOF
inside $(echo subst)
EOF
)
log "$out"
func_with_heredoc() {
	while read -r line; do echo "got: $line"; done <<EOF
$1
second
EOF
}
func_with_heredoc first
func_with_heredoc again
x=$( { echo a; echo b >&2; } 2>&1 )
log $x
n=0
until [ $n -ge 3 ]; do n=$((n + 1)); [ $n -eq 2 ] && continue; log "n=$n"; done
set +e
( set -e; false; echo not-here ); log "subshell-e=$?"
( trap 'echo sub-exit' EXIT; echo in-sub )
echo "${0##*/}" >/dev/null
v=$(printf '%s' "a'b\"c\\d"); log "$v"
long=$(i=0; while [ $i -lt 500 ]; do printf x; i=$((i+1)); done); log ${#long}
exec 5>"$tmp/fd5"; echo via-fd5 >&5; exec 5>&-; cat "$tmp/fd5"
{ read -r first; read -r second; } <<EOF
one
two
EOF
log "$first-$second"
log done
