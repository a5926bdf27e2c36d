"""Commands run as child processes, a few at a time: how one make job uses a second core.

``python -m eastwest.build.side_by_side --jobs N -- COMMAND... -- COMMAND...`` runs each
COMMAND, at most N at once, and exits with the first failure's status once all have ended
(after a failure it starts no other). Each command is a step of its own (a notebook, the pages,
the reader's report) that decides alone whether it has work and handles Ctrl-C and kills as any
step does: Ctrl-C reaches the children from the terminal, and a kill of this process is passed
on to them before it waits for them to end.
"""

import os
import subprocess
import sys

from eastwest.atomic import kills_raise


def run(commands: list[list[str]], jobs: int) -> int:
    waiting, running, status = list(commands), {}, 0
    with kills_raise():
        try:
            while running or (waiting and not status):
                while waiting and not status and len(running) < max(1, jobs):
                    child = subprocess.Popen(waiting.pop(0))
                    running[child.pid] = child
                pid, how = os.wait()
                if (child := running.pop(pid, None)) is not None:
                    child.returncode = os.waitstatus_to_exitcode(how)
                    status = status or child.returncode
        except BaseException:
            for child in running.values():
                child.terminate()
            for child in running.values():
                child.wait()
            raise
    return status if status >= 0 else 128 - status


def main(argv: list[str]) -> int:
    if argv[:1] != ["--jobs"] or len(argv) < 3 or argv[2] != "--":
        raise SystemExit("usage: python -m eastwest.build.side_by_side --jobs N -- COMMAND...")
    commands: list[list[str]] = [[]]
    for arg in argv[3:]:
        commands.append([]) if arg == "--" else commands[-1].append(arg)
    return run([command for command in commands if command], int(argv[1]))


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:  # Ctrl-C: make says so, and a traceback adds nothing
        raise SystemExit(130) from None
