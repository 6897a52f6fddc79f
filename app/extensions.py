"""Unbound Flask extensions, bound to the app in create_app."""
from flask_migrate import Migrate
from flask_smorest import Api

from procedures.db import db
from procedures.schemas.outputs import ErrorOut


class RegistryApi(Api):
    """flask-smorest Api documenting our error shape."""

    ERROR_SCHEMA = ErrorOut


migrate = Migrate()
api = RegistryApi()

__all__ = ["db", "migrate", "api"]
