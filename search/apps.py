from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Full-text search of what was lodged: text extracted in the background, indexed by
    PostgreSQL full-text search (SQLite FTS5 where the database is SQLite)."""

    name = "search"
    verbose_name = "Full-text search"
