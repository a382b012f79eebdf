#!/usr/bin/env bash
# Repeats each failed test with its error message at the end of the log, so that the last lines of a CI run
# (all that CI keeps) name the test that failed and why.
set -euo pipefail
log=${1:?test log}
awk '
  /^[[:space:]]+Failed [A-Za-z]/ { printing = 1; lines = 0; print ""; }
  /^[[:space:]]+Passed [A-Za-z]/ { printing = 0 }
  /^[[:space:]]+Stack Trace:/ { stack = 1; stacklines = 0 }
  printing {
    if (stack) { if (stacklines++ < 6) print; }
    else if (lines++ < 25) print;
  }
  /^[[:space:]]+(Failed|Passed) [A-Za-z]/ { stack = 0 }
' "$log" | cut -c1-400
