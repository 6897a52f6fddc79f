"""The menu each kind of user sees: the policy decides which entries lead somewhere for them."""
from app.web.blueprint import bp
from procedures import policy
from procedures.services import current_actor


@bp.app_context_processor
def navigation():
    """`nav` for base.html: what the acting user may open (so nobody meets a 403 from the menu)."""
    actor = current_actor()
    return {"nav": {
        "imports": policy.allowed(actor, "create", "import_batch"),
        "audit": policy.allowed(actor, "read", "league"),
        "commitments": policy.allowed(actor, "read", "commitments_office"),
        "users": policy.allowed(actor, "manage", "users"),
        "search_terms": policy.allowed(actor, "manage", "search_terms"),
        "own_unit": policy.home_unit_code(actor),
        "notifications": policy.allowed(actor, "read", "notifications"),
        "province_matrix": policy.allowed(actor, "read", "province_matrix"),
    }}
