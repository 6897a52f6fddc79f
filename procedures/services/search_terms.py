"""The citizen vocabulary's entries kept by the reform office (admins write, everyone's search reads)."""
from sqlalchemy import select

from procedures import policy
from procedures.db import db
from procedures.models import SearchTerm
from procedures.schemas.inputs import SearchTermIn, phrase_key
from procedures.services.base import EntityService
from procedures.services.references import copy_fields, find_by
from procedures.services.uow import current_actor


class SearchTermService(EntityService):
    entity, label, model, schema_class = "search_term", "từ ngữ thông dụng", SearchTerm, SearchTermIn
    key_fields = ("phrase",)
    plain = ("phrase", "officials", "note", "active")

    def normalise_key(self, key):
        return (phrase_key(key[0]) if isinstance(key[0], str) else key[0],)

    def find(self, key):
        return find_by(SearchTerm, phrase=phrase_key(key[0] or ""))

    def find_many(self, keys):
        phrases = [phrase_key(k[0] or "") for k in keys]
        rows = db.session.scalars(select(SearchTerm).where(SearchTerm.phrase.in_(phrases)))
        found = {r.phrase: r for r in rows}
        return {key: found[p] for key, p in zip(keys, phrases) if p in found}

    def list_order(self):
        return (SearchTerm.phrase,)

    def extract(self, record):
        return {name: getattr(record, name) for name in self.plain}

    def apply(self, record, data):
        copy_fields(record, data, self.plain)
        record.officials = record.officials or ""
        record.active = True if record.active is None else record.active

    def authorize_manage(self):
        """Raise unless the acting user may manage the vocabulary (admins)."""
        policy.authorize(current_actor(), "manage", "search_terms")


search_terms = SearchTermService()
