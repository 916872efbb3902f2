"""Loaded by every Python process started with this folder on PYTHONPATH: a process that opens a
socket or starts a process says so on stderr and ends at once with status 99, whatever it would catch."""

import os
import sys

SOCKETS = {"socket.__new__", "socket.connect", "socket.getaddrinfo"}
# every way Python starts a process: subprocess and os.system raise no os.fork event of their own
PROCESSES = {"os.fork", "os.forkpty", "os.posix_spawn", "os.exec", "os.spawn", "os.system", "subprocess.Popen"}
REFUSED = SOCKETS | PROCESSES


def _refuse(event, args):
    if event in REFUSED:
        os.write(2, f"SANDBOX: refused {event}\n".encode())
        os._exit(99)


sys.addaudithook(_refuse)
