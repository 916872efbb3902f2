"""Run one function in a second process while this one goes on.

Validation imports Frictionless for layer 1 and pandas with Pandera for layer 2; each import
and each validation takes a good part of a second. Run side by side on two cores, they overlap.
Where processes cannot be forked, the function simply runs here, first.
"""

import multiprocessing


class Background:
    def __init__(self, function, *args):
        try:
            context = multiprocessing.get_context("fork")
        except ValueError:
            context = None
        self.process = None
        if context is None:
            self.outcome = (True, function(*args))
            return
        self.receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=_run, args=(sender, function, args), daemon=True)
        self.process.start()
        sender.close()

    def result(self):
        """The function's return value; its exception, if it raised one, as a RuntimeError."""
        if self.process is not None:
            try:
                self.outcome = self.receiver.recv()
            except EOFError:
                self.outcome = (
                    False,
                    f"the background process ended with code {self.process.exitcode} before answering",
                )
            self.process.join()
        ok, value = self.outcome
        if not ok:
            raise RuntimeError(value)
        return value


def _run(sender, function, args):
    try:
        sender.send((True, function(*args)))
    except BaseException as error:  # everything is reported to the parent
        sender.send((False, f"{type(error).__name__}: {error}"))
    finally:
        sender.close()
