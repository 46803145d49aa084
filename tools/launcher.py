"""The frozen program's entry point: the command line, which opens the window without a command.

Started without a console (FujiangTracker.exe on Windows, from the Start menu) there is nowhere
to print to, so the window starts directly: it shows its own messages, such as a missing file.
"""

import sys

if __name__ == "__main__":
    if sys.stderr is None and len(sys.argv) == 1:
        from app.main import main as window

        sys.exit(window())
    from app.cli import main

    sys.exit(main())
