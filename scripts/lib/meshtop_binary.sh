# Sourced by the benchmark and try-out scripts (from the package root): the meshtop binary they run,
# and a free loopback port. One place for the rule, instead of a copy in each script:
#   BIN        MESHTOP_BIN when set (nothing is built); else the CONFIG build's binary (the script sets
#              CONFIG's default: release for figures, debug for try-outs), built first so it is current;
#              release means the shipped build, with --static-swift-stdlib, in .build-static.
#   free_port  prints a TCP port on 127.0.0.1 that nothing listens on now.
if [[ -n "${MESHTOP_BIN:-}" ]]; then
  BIN="$MESHTOP_BIN"
else
  # Figures are taken of the build that is shipped: a release build links the Swift runtime and
  # Foundation statically (README.md, "Needs"); its own scratch folder, since the flag changes how
  # every module is built and would otherwise rebuild .build/release back and forth.
  flags=(-c "$CONFIG")
  [[ "$CONFIG" == release ]] && flags+=(--static-swift-stdlib --scratch-path .build-static)
  swift build "${flags[@]}" --product meshtop >&2
  BIN="$(swift build "${flags[@]}" --show-bin-path)/meshtop"
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
