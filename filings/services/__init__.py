"""Writes: every change to matters, filings and their records goes through a service here."""

from .matters import PartySpec, matter_open

__all__ = ["PartySpec", "matter_open"]
