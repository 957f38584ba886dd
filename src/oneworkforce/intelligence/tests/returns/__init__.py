"""Tests of the returns layer: formats, reading, validation, normalising, export."""
