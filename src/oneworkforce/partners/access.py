"""Who is asking: the one object every selector and service takes to decide what is allowed.

A signed-in person and an API token both become an ``Actor``: the set of (organisation, role)
pairs they act in. Selectors scope reads by it; services refuse writes with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from oneworkforce.core.errors import DomainError

if TYPE_CHECKING:
    from django.http import HttpRequest

    from oneworkforce.partners.models import User

NOT_ALLOWED = "You do not have permission to do that."


class NotAllowed(DomainError):
    def __init__(self, message: str = NOT_ALLOWED) -> None:
        super().__init__(message)


@dataclass(frozen=True)
class Actor:
    """The (organisation, role) pairs someone acts in, and how to name them in the audit log."""

    label: str
    memberships: frozenset[tuple[int, str]]
    user_id: int | None = None
    token_id: int | None = None

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None and self.token_id is None

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(role for _, role in self.memberships)

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    def organisation_ids(self, *roles: str) -> frozenset[int]:
        """Organisations the actor belongs to, in any role or only in the given ones."""
        return frozenset(org for org, role in self.memberships if not roles or role in roles)

    @property
    def primary_organisation_id(self) -> int | None:
        return min(self.organisation_ids(), default=None)

    @property
    def is_partnership_admin(self) -> bool:
        from oneworkforce.partners.models import Role

        return self.has_role(Role.PARTNERSHIP_ADMIN)

    def require(self, *roles: str) -> None:
        if not self.has_role(*roles):
            raise NotAllowed()


ANONYMOUS = Actor(label="anonymous", memberships=frozenset())


def actor_for_user(user: User) -> Actor:
    """The actor for a signed-in user: their memberships at active organisations."""
    if not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    pairs = user.memberships.filter(organisation__is_active=True).values_list(
        "organisation_id", "role"
    )
    return Actor(label=f"user #{user.pk}", memberships=frozenset(pairs), user_id=user.pk)


def lockout_username(request: HttpRequest, credentials: dict[str, str] | None) -> str:
    """The account a sign-in attempt is counted against, whatever case it was typed in, so
    that varying the case cannot buy more guesses."""
    source = credentials or request.POST
    return str(source.get("username", "")).strip().lower()


def actor_for_request(request: HttpRequest) -> Actor:
    """The actor behind a request: an API token's, or the signed-in user's (worked out once
    and kept on the request)."""
    token_actor = getattr(getattr(request, "auth", None), "actor", None)
    if isinstance(token_actor, Actor):
        return token_actor
    cached: Actor | None = getattr(request, "_ow_actor", None)
    if cached is None:
        cached = actor_for_user(request.user)  # type: ignore[arg-type]
        request._ow_actor = cached  # type: ignore[attr-defined]
    return cached
