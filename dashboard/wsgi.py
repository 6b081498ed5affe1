"""The WSGI entry point: `gunicorn dashboard.wsgi:server`."""

from dashboard import create_app

server = create_app().server
