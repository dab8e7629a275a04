"""Use cases: the only API the app and the CLI call. They return values, never rows."""
