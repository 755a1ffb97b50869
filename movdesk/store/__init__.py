"""Local storage: where the database lives, how it is opened, migrated, backed up, checked."""
