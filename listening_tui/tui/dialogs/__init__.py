"""Modal dialogs: small typed screens that ask one question and dismiss with the answer."""
