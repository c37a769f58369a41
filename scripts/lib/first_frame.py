"""The live dashboard's time to its first frame, run by scripts/bench-dashboard.sh.

Starts BINARY RUNS times in a pseudo-terminal of 120x40 (TERM=xterm-256color) and times, from
just before the fork, the first byte it draws and the first frame that shows MARKER (text only
a batch row holds, such as the model's name), then sends `q` and waits for the exit. Prints two
medians in milliseconds: "frame-with-data first-byte". This is what a person sees: the dashboard
draws as soon as the list's first page is in, while `--once` waits for the whole list walk.
"""
import fcntl, os, pty, select, statistics, struct, sys, termios, time

binary, marker, runs = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3])
first_bytes, data_frames = [], []
for _ in range(runs):
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm-256color", COLUMNS="120", LINES="40")
        os.execv(binary, [binary, "--interval", "2"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    tail, first, data = b"", None, None
    while data is None and time.monotonic() < start + 20:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if first is None:
            first = time.monotonic() - start
        tail = tail[-len(marker):] + chunk  # the marker may straddle two reads
        if marker in tail:
            data = time.monotonic() - start
    os.write(fd, b"q")
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)
    if data is None:
        sys.exit(f"{binary} drew no frame with {marker.decode()} within 20 s")
    first_bytes.append(first * 1000)
    data_frames.append(data * 1000)
print(f"{statistics.median(data_frames):.1f} {statistics.median(first_bytes):.1f}")
