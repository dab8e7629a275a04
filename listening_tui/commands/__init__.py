"""One module per sub-command of ``listening-tui``.

Each module defines ``add_parser(commands)``, which adds its sub-parser and
sets ``handler`` to a function ``(argparse.Namespace) -> int``. Modules import
only argparse at the top; the handler imports services when it runs, so
``--help`` stays instant. Handlers raise ListeningError for anything the user
can put right; cli.main turns it into one line on stderr and exit status 2.
"""
