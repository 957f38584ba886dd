"""The base error of every domain rule a user can break.

Services raise a subclass with a message written for the person who caused it; views show
that message beside the form and change nothing.
"""


class DomainError(Exception):
    """A request that breaks a rule of the product; ``message`` is shown to the user."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
