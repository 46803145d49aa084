"""The database file and its safety: opening and migrating it, writing as one of several programs, backups and restores, checks, the audit log, and where output files may go."""
