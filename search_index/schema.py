"""The whoosh schema of the procedure index and its version marker."""

import json
import os

from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.formats import Existence

import search_index.whoosh_fixes  # noqa: F401  (applied before any index is written)
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


class Terms(TEXT):
    """Analyzed text whose postings are document numbers only.

    The search reads each posting list once into a bitmap (bitmaps.py) and scores by its own
    features, so term frequencies, field lengths and positions would only slow the build down.
    """

    def __init__(self, analyzer, stored=False):
        super().__init__(analyzer=analyzer, phrase=False, stored=stored)
        self.format = Existence()
        self.scorable = False


class Words(KEYWORD):
    """Space- or comma-separated terms (pairs, heads, tags) whose postings are document numbers."""

    def __init__(self, commas=False):
        super().__init__(commas=commas, scorable=False)
        self.format = Existence()


def build_schema():
    """Return a new Schema of the procedure index.

    Stored: the name and the body (for the highlights of a page); the code, the name's length
    and the fingerprint are columns, read for every document at once without unpickling
    anything.
    """
    accented = accented_analyzer()
    folded = folded_analyzer()
    return Schema(
        code=ID(unique=True, sortable=True),
        name=Terms(accented, stored=True),
        name_folded=Terms(folded),
        # Adjacent folded syllables ("khai_sinh", see documents.pair_terms) stand in for positions.
        name_pairs=Words(),
        name_size=ID(),
        # The first syllable and the first two of the name ("dang", "dang_ky"), "Thủ tục" left out.
        name_head=Words(commas=True),
        # The name's length in syllables, read per document when the best candidates are re-ranked
        # (a column only: a NUMERIC field would also index eight range terms per document).
        name_len=COLUMN(NumericColumn("H")),
        # The name's first eight folded syllables ("dang ky khai sinh"), to tell a name that
        # begins with the whole query.
        name_start=COLUMN(VarBytesColumn()),
        # The body is matched folded only (its accents typed earn nothing: the name's do).
        body=STORED(),
        body_folded=Terms(folded),
        body_pairs=Words(),
        # The keywords are the words citizens use ("nhập hộ khẩu"): scored close to the name.
        kw_folded=Terms(folded),
        kw_pairs=Words(),
        field_code=ID(sortable=True),
        level=ID(sortable=True),
        online_level=ID(sortable=True),
        status=ID(),
        subjects_tags=Words(commas=True),
        unit_codes=Words(commas=True),
        fingerprint=COLUMN(VarBytesColumn()),
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
