"""Server-rendered pages (Vietnamese, no JavaScript needed)."""
from flask import Blueprint

bp = Blueprint("web", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static")

from app.web import account, edit_procedure, edit_unit, audit, filters, pages, imports, users  # noqa: E402,F401  (routes register on import)
