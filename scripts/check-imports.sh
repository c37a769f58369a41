#!/usr/bin/env bash
# Every target declares exactly what it imports (see scripts/lib/check_imports.py); run by scripts/test.
set -euo pipefail
cd "$(dirname "$0")/.."
swift package dump-package | python3 scripts/lib/check_imports.py .
