"""Modal dialogs: typed ModalScreen[...] that dismiss with their answer."""
