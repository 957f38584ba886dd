"""API errors have one shape: ``{"errors": [{"field": ..., "message": ...}]}``."""

from __future__ import annotations

from typing import Any

from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from oneworkforce.core.errors import DomainError
from oneworkforce.partners.access import NotAllowed


def _flatten(detail: Any, field: str | None = None) -> list[dict[str, str | None]]:
    if isinstance(detail, dict):
        return [
            error
            for key, value in detail.items()
            for error in _flatten(
                value, None if key in {"non_field_errors", "detail"} else str(key)
            )
        ]
    if isinstance(detail, list):
        return [error for item in detail for error in _flatten(item, field)]
    return [{"field": field, "message": str(detail)}]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, NotAllowed):
        return Response(
            {"errors": [{"field": None, "message": exc.message}]}, status=status.HTTP_403_FORBIDDEN
        )
    if isinstance(exc, DomainError):
        return Response(
            {"errors": [{"field": exc.field, "message": exc.message}]},
            status=status.HTTP_400_BAD_REQUEST,
        )
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = {"errors": _flatten(response.data)}
    return response
