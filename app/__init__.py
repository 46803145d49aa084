"""The Qt desktop front end and the command line of the Fujiang park tracker."""

__version__ = "0.1.0"


def _keep_singletons_alive() -> None:
    """Work around PySide6 6.12 on CPython < 3.12, which drops one reference to None on every call
    of a void method and one to True/False on every emit of a bool signal: after enough calls the
    interpreter aborts ('deallocating None/True'). Adding 2**40 references makes that unreachable;
    from 3.12 on these objects are immortal and nothing is done."""
    import ctypes
    import sys

    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for obj in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(obj))
        if count.value < 1 << 40:
            count.value += 1 << 40


_keep_singletons_alive()
