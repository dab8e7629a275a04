"""Pure Python rules of a listening campaign: no database, no user interface."""
