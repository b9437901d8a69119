#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Print the path of a working Python 3.13 or 3.12, or explain what to install and fail.
set -u
candidates=(python3.13 python3.12)
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for v in 3.13 3.12; do
    for p in "$root"/versions/"$v".*/bin/python"$v"; do [ -x "$p" ] && candidates+=("$p"); done
  done
fi
candidates+=(/usr/bin/python3.13 /usr/bin/python3.12 /usr/local/bin/python3.13 /usr/local/bin/python3.12 python3)
for c in "${candidates[@]}"; do
  if out=$("$c" -c 'import sys; assert sys.version_info >= (3, 12); print(sys.executable)' 2>/dev/null); then
    echo "$out"
    exit 0
  fi
done
echo "Weerbaar needs Python 3.13 (or 3.12). Install it, e.g. 'apt-get install python3.13' or 'pyenv install 3.13', and run make again." >&2
exit 1
