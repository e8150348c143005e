# 1,000 starts of `$SH -c true`.
i=0
while [ $i -lt 1000 ]; do
	$SH -c true
	i=$((i + 1))
done
