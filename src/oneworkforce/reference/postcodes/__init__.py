"""UK postcodes offline: validate, normalise, locate, measure, and find the local authority.

The data ships inside this package (``data/``, about 33 MB, rebuilt by ``build.py``) and is
derived from ONS data under the Open Government Licence v3.0: any page that shows postcode
locations or local authorities must show ``ATTRIBUTION``.

>>> from oneworkforce.reference import postcodes
>>> postcodes.lookup("dy1 1aa").local_authority_name
'Dudley'
"""

from oneworkforce.reference.postcodes.directory import (
    ATTRIBUTION,
    EARTH_RADIUS_KM,
    NO_LOCATION,
    NOT_A_POSTCODE,
    UNKNOWN_AUTHORITY,
    UNKNOWN_POSTCODE,
    InvalidPostcode,
    Postcode,
    PostcodeError,
    PostcodeWithoutLocation,
    UnknownAuthority,
    UnknownPostcode,
    authorities,
    authority_name,
    coordinates,
    distance_km,
    haversine_km,
    lookup,
    normalise,
    postcodes_in_authority,
)

__all__ = [
    "ATTRIBUTION",
    "EARTH_RADIUS_KM",
    "NOT_A_POSTCODE",
    "NO_LOCATION",
    "UNKNOWN_AUTHORITY",
    "UNKNOWN_POSTCODE",
    "InvalidPostcode",
    "Postcode",
    "PostcodeError",
    "PostcodeWithoutLocation",
    "UnknownAuthority",
    "UnknownPostcode",
    "authorities",
    "authority_name",
    "coordinates",
    "distance_km",
    "haversine_km",
    "lookup",
    "normalise",
    "postcodes_in_authority",
]
