# Sourced by the benchmark and try-out scripts (from the package root): the meshtop binary they run,
# and a free loopback port. One place for the rule, instead of a copy in each script:
#   BIN        MESHTOP_BIN when set (nothing is built); else the CONFIG build's binary (the script sets
#              CONFIG's default: release for figures, debug for try-outs), built first so it is current;
#              release means the shipped build (scripts/build-release.sh, in .build-static).
#   free_port  prints a TCP port on 127.0.0.1 that nothing listens on now.
if [[ -n "${MESHTOP_BIN:-}" ]]; then
  BIN="$MESHTOP_BIN"
else
  # Figures are taken of the build that is shipped (README.md, "Needs").
  if [[ "$CONFIG" == release ]]; then
    BIN="$(scripts/build-release.sh)"
  else
    swift build -c "$CONFIG" --product meshtop >&2
    BIN="$(swift build -c "$CONFIG" --show-bin-path)/meshtop"
  fi
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
