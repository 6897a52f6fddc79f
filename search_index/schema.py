"""The whoosh schema of the procedure index and its version marker."""

import json
import os

from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema

from search_index.analyzer import accented_analyzer, folded_analyzer

# Bump on any change to the fields or the analyzers: an index built with another version is rebuilt.
SCHEMA_VERSION = 4
STATE_FILE = "search_state.json"

# Facets counted on every search; filters accepted by query.search (filter name -> index field).
FACET_FIELDS = ("field_code", "level", "online_level", "subjects_tags")
FILTER_FIELDS = {
    "field_code": "field_code",
    "level": "level",
    "online_level": "online_level",
    "status": "status",
    "unit_code": "unit_codes",
    "unit_codes": "unit_codes",
    "subject_tag": "subjects_tags",
    "subjects_tags": "subjects_tags",
}


def build_schema():
    """Return a new Schema of the procedure index."""
    accented = accented_analyzer()
    folded = folded_analyzer()
    return Schema(
        code=ID(stored=True, unique=True, sortable=True),
        name=TEXT(analyzer=accented, phrase=False, stored=True),
        name_folded=TEXT(analyzer=folded, phrase=False),
        # Adjacent folded syllables ("khai_sinh", see documents.pair_terms) stand in for positions.
        name_pairs=KEYWORD(scorable=True),
        name_size=ID(),
        # The first syllable and the first two of the name ("dang", "dang_ky"), "Thủ tục" left out.
        name_head=KEYWORD(commas=True),
        # The name's length in syllables, read per document when the best candidates are re-ranked.
        name_len=NUMERIC(bits=32, signed=False, sortable=True),
        body=TEXT(analyzer=accented, phrase=False, stored=True),
        body_folded=TEXT(analyzer=folded, phrase=False),
        body_pairs=KEYWORD(scorable=True),
        # The keywords are the words citizens use ("nhập hộ khẩu"): scored close to the name.
        kw_folded=TEXT(analyzer=folded, phrase=False),
        kw_pairs=KEYWORD(scorable=True),
        field_code=ID(sortable=True),
        level=ID(sortable=True),
        online_level=ID(sortable=True),
        status=ID(),
        subjects_tags=KEYWORD(commas=True),
        unit_codes=KEYWORD(commas=True),
        fingerprint=ID(stored=True, sortable=True),
    )


def read_state(path):
    """Return the state recorded in the index folder ({} when there is none)."""
    try:
        with open(os.path.join(path, STATE_FILE), encoding="utf-8") as fh:
            state = json.load(fh)
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def write_state(path, indexname, complete):
    """Record the current index name, SCHEMA_VERSION and whether the build finished (atomically)."""
    target = os.path.join(path, STATE_FILE)
    tmp = "%s.%d.tmp" % (target, os.getpid())
    with open(tmp, "w", encoding="utf-8") as fh:
        state = {"schema_version": SCHEMA_VERSION, "indexname": indexname,
                 "complete": bool(complete)}
        json.dump(state, fh)
    os.replace(tmp, target)
