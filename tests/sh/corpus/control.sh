# control flow, functions, redirections
if false; then echo no; elif true; then echo elif; else echo else; fi
for i in 1 2 3 4 5; do
  if [ $i = 2 ]; then continue; fi
  if [ $i = 4 ]; then break; fi
  echo i=$i
done
for i in 1 2; do for j in a b; do [ $j = b ] && continue 2; echo $i$j; done; done
n=0; until [ $n -ge 3 ]; do n=$((n+1)); done; echo n=$n
case "hello.c" in *.h) echo header;; *.c|*.cc) echo source;; *) echo other;; esac
case x in (x) echo paren;; esac
case "a*" in 'a*') echo quoted-star;; esac
case abc in a?c) echo q;; esac
case b in [abc]) echo bracket;; esac
case '[' in \[) echo bracket-lit;; esac
fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }
fact 6
g() { local v=inner; echo $v; }; v=outer; g; echo $v
echo out > $TMPDIR/o.txt; echo more >> $TMPDIR/o.txt; cat < $TMPDIR/o.txt
{ echo grouped; echo two; } > $TMPDIR/o2.txt; cat $TMPDIR/o2.txt
(echo sub; exit 3); echo status=$?
echo err 2>&1 >/dev/null | cat
ls /nonexistent 2>/dev/null || echo failed
exec 3>$TMPDIR/o3.txt; echo fd3 >&3; exec 3>&-; cat $TMPDIR/o3.txt
cat <<EOF2
heredoc $n $(echo cmd)
  indented \$escaped
EOF2
cat <<'EOF2'
literal $n
EOF2
cat <<-EOF2
	tab stripped
	EOF2
true && echo and; false || echo or; ! false && echo not
false | true; echo pipe=$?
x=1 sh -c 'echo env x=$x'
echo $x.
f2() { echo f2 "$1"; shift; echo rest "$@"; }; f2 a b c
set -- 1 2 3; shift 2; echo "$@"
eval 'echo evaled $#'
nonexistentcmd_xyz 2>/dev/null; echo $?
while read line; do echo "read: $line"; done <<EOF2
line one
line two
EOF2
printf '%s-%d-%5s|%-5s|%x\n' str 42 ab cd 255
printf '%s\n' a b c
printf 'no newline'; echo
r=$(exit 7); echo $?
t() { return 5; }; t; echo ret=$?
echo $(( $(echo 3) + 4 ))
IFS=, read a b c <<EOF2
1,2,3,4
EOF2
echo "$a|$b|$c"
[ -d / ] && echo dir; [ -f /etc/passwd ] && echo file; [ abc = abc ] && echo eq; [ 3 -gt 2 ] && echo gt; test -z "" && echo zero; [ ! -e /nope ] && echo noexist
[ "a" = "b" -o 1 -eq 1 ] && echo or-test
type echo; type cd >/dev/null; command -v sh >/dev/null && echo found
trap 'echo trapped' EXIT
alias ll='echo alias-works'
echo done
