"""Errors a user can cause or meet, each with a message that says what to do.

The CLI maps every `GeodataError` to a clean message and its `exit_code`, so scripts can rely on them.
"""


class GeodataError(Exception):
    """Base of all expected failures; never a traceback for the user."""

    exit_code = 1


class UsageError(GeodataError):
    """Wrong arguments: unknown indicator, level, year or municipality."""

    exit_code = 2


class SourceError(GeodataError):
    """A source (bundle or SCB) is missing, unreachable or malformed."""

    exit_code = 3


class StoreMissingError(GeodataError):
    """No store has been built yet at the configured place."""

    exit_code = 4


class MalformedFileError(SourceError):
    """A file in a source could not be read; names the file and, when known, the line."""

    def __init__(self, path: object, problem: str, line: int | None = None) -> None:
        where = f"{path}, line {line}" if line is not None else f"{path}"
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
