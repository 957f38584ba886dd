"""Workforce returns: file formats, safe reading, validation, normalising and ASC-WDS export.

Plain Python and polars; no Django, so a Django service and a benchmark call it alike.
"""
