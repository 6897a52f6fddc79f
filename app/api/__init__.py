"""JSON API under /api/v1, documented at /api/v1/openapi.json."""
from app.api import catalogue, procedures


def register_api(api):
    """Register the API blueprints by name."""
    api.register_blueprint(procedures.bp, url_prefix="/api/v1")
    api.register_blueprint(catalogue.bp, url_prefix="/api/v1")
