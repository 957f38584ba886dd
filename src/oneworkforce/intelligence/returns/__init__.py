"""Workforce returns: file formats, safe reading, validation, normalising and ASC-WDS export.

Plain Python and polars (no Django), so a Django service and a benchmark call it alike. The
package imports nothing itself: importing ``formats`` stays cheap, and pandera (which imports
pandas) loads only with ``validation``.

The calls a service makes, in order::

    from oneworkforce.intelligence.returns import formats, normalised, reading, validation

    uploaded = reading.read_upload(content=..., filename=..., file_format=formats.ASCWDS_STAFF)
    report = validation.validate(uploaded, reference_date=..., workplace_ids=...)
    if report.is_valid:
        tables = normalised.normalise(uploaded, report=report, reference_date=...,
                                      ni_hash_key=...)

``reading.UploadRefused`` carries the message for a file that cannot be read; ``export``,
``templates`` and ``documentation`` serve the downloads and the formats page. See
docs/returns-formats.md and docs/decisions/0050 to 0054.
"""
