"""Scriptorium: an online archive of historical writings."""

from scriptorium.importers import parse
from scriptorium.model import Record

__all__ = ["Record", "parse"]
__version__ = "0.1.0"
