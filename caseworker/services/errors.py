"""Errors the services raise, each with a message fit to show the user."""


class ServiceError(Exception):
    """A request that cannot be carried out; the message says why."""


class NotFound(ServiceError):
    """The file, person or record named does not exist."""


class PermissionDenied(ServiceError):
    """The user's role does not allow this action."""


class ValidationError(ServiceError):
    """Bad input: `field` names the form field so the UI can show the message beside it."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class StaleRecord(ServiceError):
    """Someone else saved the record first; carries both versions for the user to compare."""

    def __init__(self, message: str, mine: dict, theirs: dict, version: int | None = None):
        super().__init__(message)
        self.mine = mine
        self.theirs = theirs
        self.version = version  # the saved version: what an overwrite must name
