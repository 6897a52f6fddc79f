"""Unbound Flask extensions, bound to the app in create_app."""
from flask_migrate import Migrate
from flask_smorest import Api

from procedures.db import db

migrate = Migrate()
api = Api()

__all__ = ["db", "migrate", "api"]
