# Process substitution, here-strings, mapfile, coprocess.
while read -r l; do echo "<$l>"; done < <(printf 'a\nb\n')
mapfile -t arr < <(printf '%s\n' 3 1 2)
echo "${arr[*]} ${#arr[@]}"
read -r x y <<< "one two"
echo "$y $x"
exec 3< <(echo from-fd3)
read -r z <&3
echo "$z"
coproc up { read -r w; echo "${w^^}"; }
echo hello >&"${up[1]}"
read -r r <&"${up[0]}"
echo "$r"
wait
echo "sum $(( $(printf '%s+' "${arr[@]}")0 ))"
