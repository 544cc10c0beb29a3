"""Storage: opening the database, models, numbered migrations, the journal."""
