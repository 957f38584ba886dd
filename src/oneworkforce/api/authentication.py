"""API tokens: ``Authorization: Token <key>``. A token acts for one organisation in one role."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from oneworkforce.partners import services as partners_services
from oneworkforce.partners.access import Actor
from oneworkforce.partners.models import ApiToken

TOKEN_NOT_VALID = "This API token is not valid: it may have been revoked or have expired."


class TokenUser(AnonymousUser):
    """The user DRF sees for a token request: authenticated, but no person."""

    @property
    def is_authenticated(self) -> bool:  # type: ignore[override]
        return True


@dataclass(frozen=True)
class TokenAuth:
    token: ApiToken
    actor: Actor


class OrganisationTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[TokenUser, TokenAuth] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send the header as: Authorization: Token <key>")
        now = timezone.now()
        token = partners_services.api_token_for_key(key=header[1].decode(errors="replace"), on=now)
        if token is None:
            raise exceptions.AuthenticationFailed(TOKEN_NOT_VALID)
        # Last use is worth knowing, not worth a write on every call.
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        actor = Actor(
            label=f"API token #{token.pk}",
            memberships=frozenset({(token.organisation_id, token.role)}),
            token_id=token.pk,
        )
        return TokenUser(), TokenAuth(token=token, actor=actor)

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class TokenScheme(OpenApiAuthenticationExtension):  # type: ignore[misc]
    target_class = "oneworkforce.api.authentication.OrganisationTokenAuthentication"
    name = "organisationToken"

    def get_security_definition(self, auto_schema: object) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`: a key made by a partnership administrator for one "
            "organisation and one role.",
        }
