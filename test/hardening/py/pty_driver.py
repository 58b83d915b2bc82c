"""Runs a command in a pseudo-terminal, as a person at a terminal would: for each (pattern, keys)
step of argv[1] (JSON), waits until the output matches the pattern, then types the keys. Writes
everything the terminal showed to stdout and exits with the command's exit status."""
import json, os, pty, re, select, sys, time

steps = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
seen = b''
deadline = time.time() + 60
while time.time() < deadline:
    if steps and re.search(steps[0][0].encode(), seen):
        os.write(fd, steps.pop(0)[1].encode())
        seen = b''  # the next pattern must appear after these keys
    ready, _, _ = select.select([fd], [], [], 0.2)
    if not ready:
        continue
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
    sys.stdout.buffer.write(chunk)
    sys.stdout.flush()
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
