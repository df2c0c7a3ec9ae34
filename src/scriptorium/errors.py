"""One error tree for the whole project.

Every error a user can cause is a ``ScriptoriumError``: it carries a one-line
message meant for people, the file or resource it concerns, the exit code the
CLI uses and the HTTP status the web layer uses. Anything else escaping the
library is a bug.
"""

from __future__ import annotations


class ScriptoriumError(Exception):
    """Base of every error a user can cause."""

    exit_code = 2
    http_status = 400

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def one_line(self) -> str:
        """The message on one line, prefixed with the file when known."""
        text = " ".join(self.message.split())
        return f"{self.path}: {text}" if self.path else text

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.one_line()


class InputError(ScriptoriumError):
    """The bytes given to an importer cannot be read as a page."""


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class TooLargeError(InputError):
    pass


class EncodingError(InputError):
    pass


class FrontMatterError(InputError):
    pass


class UnsupportedFormatError(InputError):
    pass


class StrictModeError(ScriptoriumError):
    """A page parsed with warnings while warnings were to be treated as failures."""


class ConfigError(ScriptoriumError):
    pass


class CatalogError(ScriptoriumError):
    exit_code = 1
    http_status = 500


class CatalogURLError(CatalogError):
    exit_code = 2
    http_status = 500


class SchemaVersionError(CatalogError):
    """The catalog was written by a newer version of Scriptorium."""


class NotFoundError(ScriptoriumError):
    exit_code = 1
    http_status = 404


class QueryError(ScriptoriumError):
    """A search query or listing filter that cannot be understood."""
