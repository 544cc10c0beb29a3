"""The ways on that the start-up dialog offers when the database cannot be used."""

#: What the person chose in the dialog.
BACKUP, OTHER_FILE, RETRY, QUIT = "backup", "file", "retry", "quit"
