"""The full-screen app: everything that imports Textual lives here."""
