"""The PySide6 window: widgets built in code, one panel per module. Calls services only."""
