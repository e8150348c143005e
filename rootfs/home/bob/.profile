# Read by login shells after /etc/profile.
alias ll='ls -l'
