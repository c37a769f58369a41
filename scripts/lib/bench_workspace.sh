# Sourced by benchmark scripts after meshtop_binary.sh: a scratch folder and the processes to stop,
# both cleaned up however the script ends (one copy of the trap, instead of one per script).
#   WORK          a fresh folder, removed at exit
#   KEY           the benchmark's API key (the stand-in is started with it)
#   stop_at_exit  names variables holding process ids; each still set at exit is killed
WORK="$(mktemp -d)"
KEY="rsk_benchbenchbenchbenchbenchb"
STOPPED_AT_EXIT=()
stop_at_exit() { STOPPED_AT_EXIT+=("$@"); }
bench_workspace_cleanup() {
  local name
  for name in "${STOPPED_AT_EXIT[@]}"; do
    [[ -n "${!name:-}" ]] && kill "${!name}" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap bench_workspace_cleanup EXIT
