"""The languages the switcher offers, each named in itself."""

from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def language_choices() -> list[tuple[str, str]]:
    """``settings.LANGUAGES`` as written there. Django's own ``get_available_languages``
    translates the names into the page's language, which would call English "انگریزی" on an
    Urdu page: someone looking for their language must find it in its own script."""
    return list(settings.LANGUAGES)
