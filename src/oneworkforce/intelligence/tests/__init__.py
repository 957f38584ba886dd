"""Tests of the workforce intelligence app."""
