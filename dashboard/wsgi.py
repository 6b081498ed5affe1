"""The WSGI entry point: `gunicorn dashboard.wsgi:server`."""

from dashboard import create_app

app = create_app()
server = app.server

# Dash registers its script paths in a first-request hook that marks itself done before it finishes;
# on a threaded worker a concurrent request can slip past it and get a 500 for Dash's own scripts.
# Serving one request here makes every worker start ready.
server.test_client().get("/")
# Open the store now: with `--preload` its tables are read once and shared by every worker's memory.
server.test_client().get("/readyz")
# The segregation page's first drawing reads the measures and area-type tables (0.5 s cold, 0.08 s warm).
server.test_client().get("/segregation")
