"""Loaded by every Python process started with this folder on PYTHONPATH: a process that opens a
socket or forks says so on stderr and ends at once with status 99, whatever it would catch."""

import os
import sys

REFUSED = {"socket.__new__", "socket.connect", "socket.getaddrinfo", "os.fork", "os.forkpty", "os.posix_spawn"}


def _refuse(event, args):
    if event in REFUSED:
        os.write(2, f"SANDBOX: refused {event}\n".encode())
        os._exit(99)


sys.addaudithook(_refuse)
