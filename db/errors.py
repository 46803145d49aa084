"""Domain errors: what went wrong, in terms a clerk or the command line can act on."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the program reports to a person instead of a traceback."""


class NotFoundError(DomainError):
    """A record that was asked for does not exist."""


class ValidationError(DomainError):
    """A record breaks a rule; `problems` holds (field, message) pairs."""

    def __init__(self, message: str, problems: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.problems = problems or []


class DuplicateError(ValidationError):
    """A value that must be unique (a weighing ticket, a lot code) is already used."""


class ReferencedError(DomainError):
    """A record cannot be deleted because others refer to it; `references` maps table → count."""

    def __init__(self, message: str, references: dict[str, int]):
        super().__init__(message)
        self.references = references


class DatabaseFileError(DomainError):
    """The database file cannot be used: not a database, another program's, newer, locked or damaged."""


class ForeignDatabaseError(DatabaseFileError):
    """The file is an SQLite database, but not one of this program."""


class EmptyDatabaseError(DatabaseFileError):
    """The file exists but holds nothing (0 bytes): it becomes a database only when asked to."""


class DatabaseLockedError(DatabaseFileError):
    """Another program holds the database locked."""


class Cancelled(Exception):
    """Slow work stopped because the person pressed Cancel; nothing was written."""


class DatabaseBusyError(DomainError):
    """Another program kept the database busy with its own write for longer than a write waits."""


class DatabaseReadOnlyError(DomainError):
    """The database can be read but not written (a read-only file, folder or medium)."""


class StaleRecordError(DomainError):
    """A record changed in the database since the person opened it; `changes` holds
    (field, value when opened, value now) for each field that differs."""

    def __init__(self, message: str, changes: list[tuple[str, object, object]]):
        super().__init__(message)
        self.changes = changes
