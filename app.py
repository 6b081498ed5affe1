"""`gunicorn app:server` serves the atlas (see Procfile)."""

from dashboard.wsgi import server

__all__ = ["server"]
