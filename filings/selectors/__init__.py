"""Reads: querysets and read-only computations for pages, commands and services."""
