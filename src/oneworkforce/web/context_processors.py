from django.conf import settings
from django.http import HttpRequest

from oneworkforce.partners.access import actor_for_request
from oneworkforce.web.navigation import menu_for


def partnership(request: HttpRequest) -> dict[str, object]:
    actor = actor_for_request(request)
    return {
        "partnership_name": settings.PARTNERSHIP_NAME,
        "service_name": settings.PARTNERSHIP_SHORT_NAME,
        "brand_colour": settings.PARTNERSHIP_BRAND_COLOUR,
        "partnership_contact_email": settings.PARTNERSHIP_CONTACT_EMAIL,
        "menu": menu_for(actor, request.path) if not actor.is_anonymous else [],
        "actor": actor,
    }
