# Indexed and associative arrays, slices, expansions.
a=(x y "z w")
a+=(v)
echo "${#a[@]} ${a[2]} ${a[-1]}"
for i in "${!a[@]}"; do printf '%s=%s\n' "$i" "${a[$i]}"; done
declare -A m=([k]=1 [j]=2)
m[l]=3
for k in $(printf '%s\n' "${!m[@]}" | LC_ALL=C sort); do echo "$k -> ${m[$k]}"; done
echo "${a[@]:1:2}" "${a[*]^^}" "${a[0]/x/X}"
unset 'a[1]'
echo "${#a[@]} ${!a[*]}"
