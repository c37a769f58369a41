#!/usr/bin/env bash
# The shipped build of meshtop, in .build-static (its own scratch folder: these flags change how
# every module is built, and would otherwise rebuild .build/release back and forth). On Linux:
#   --static-swift-stdlib   the Swift runtime and Foundation linked in (one file to copy; it starts
#                           faster than a build that loads them as shared libraries)
#   function sections       every function in a section of its own (Swift and C), so the link can put
#                           the functions the dashboard runs at start together (Linker/startup.order,
#                           named in Package.swift; DECISIONS.md, "The startup functions, together")
# Prints the binary's path on stdout. Usage: scripts/build-release.sh
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-c release --scratch-path .build-static)
if [[ "$(uname -s)" == Linux ]]; then
  flags+=(--static-swift-stdlib -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections)
fi
swift build "${flags[@]}" --product meshtop >&2
echo "$(swift build "${flags[@]}" --show-bin-path)/meshtop"
