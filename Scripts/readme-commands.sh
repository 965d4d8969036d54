#!/usr/bin/env bash
# Prints the set-up commands of a README: the lines of its first ```sh block,
# without their trailing comments. .ci/run runs exactly these.
set -euo pipefail
awk '
  /^```sh[[:space:]]*$/ && !seen { inside = 1; seen = 1; next }
  inside && /^```/ { exit }
  inside {
    line = $0
    sub(/[[:space:]]+#.*$/, "", line)
    if (line ~ /[^[:space:]]/) print line
  }
' "${1:-README.md}"
