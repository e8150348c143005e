# A 100,000-iteration while loop with arithmetic expansion.
i=0
while [ $i -lt 100000 ]; do
	i=$((i + 1))
done
echo $i
