# Process substitution, here-strings, mapfile, coprocess.
while read -r l; do echo "<$l>"; done < <(printf 'a\nb\n')
mapfile -t arr < <(printf '%s\n' 3 1 2)
echo "${arr[*]} ${#arr[@]}"
read -r x y <<< "one two"
echo "$y $x"
exec 3< <(echo from-fd3)
read -r z <&3
echo "$z"
# The coprocess waits for a last line before it ends: bash forgets a
# finished coprocess's descriptors when it reaps it, so a read after that
# would find none (a race on Linux too).
coproc up { read -r w; echo "${w^^}"; read -r _; }
echo hello >&"${up[1]}"
read -r r <&"${up[0]}"
echo "$r"
echo bye >&"${up[1]}"
wait
echo "sum $(( $(printf '%s+' "${arr[@]}")0 ))"
