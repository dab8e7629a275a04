"""Entry point for ``python -m listening_tui``."""

from listening_tui.cli import main

raise SystemExit(main())
