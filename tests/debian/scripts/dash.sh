# POSIX shell: arithmetic, case, functions, here-documents, traps.
x=1
for i in 1 2 3 4; do x=$((x * i + 1)); done
echo "x=$x"
case abc in a*) echo glob ;; *) echo no ;; esac
f() { local v; v=$1; echo "f:$v:$#"; return 4; }
f one two; echo "rc=$?"
cat <<EOT
here ${x}
EOT
trap 'echo trapped' USR1
kill -USR1 $$
set -- a b c; shift; echo "$@"
