"""Turn a procedure dict into the fields of an index document, and fingerprint it.

The input dict (all keys but ``code`` optional; text is normalised to NFC here)::

    {
        "code": "1.001193",                 # national code, unique
        "name": "Đăng ký khai sinh",
        "field_code": "ho-tich", "field_name": "Hộ tịch",
        "level": "commune",                 # central | province | district | commune
        "online_level": "full",             # full | partial | none
        "agency": "Ủy ban nhân dân cấp xã",
        "subjects": "Công dân Việt Nam",
        "description": "...",
        "dossier": ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"],
        "keywords": "khai sinh, giấy khai sinh",   # str or list of str
        "legal_numbers": ["60/2014/QH13", "123/2015/NĐ-CP"],
        "unit_codes": ["22918", "593.TP"],  # units that implement the procedure
        "subjects_tags": ["citizen"],       # optional facet tags
        "status": "active",                 # active | amended | abolished
    }
"""

import hashlib
import json
import re

from whoosh.support.charset import accent_map

from search_index.analyzer import TOKEN_RE, folded_tokens, normalize, unify_tone

BODY_KEYS = (
    "field_name", "agency", "subjects", "description", "dossier", "keywords", "legal_numbers",
)
# Names longer than this many syllables share one name_size value.
MAX_NAME_SIZE = 40
MAX_NAME_LEN = 65535
# Separates the parts of the body so that no phrase matches across two of them.
PART_SEPARATOR = " \n "


def _text(value):
    """Return a value (str, number, list or None) as one NFC string."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return PART_SEPARATOR.join(_text(v) for v in value if v not in (None, ""))
    return normalize(str(value)).strip()


def _codes(value):
    """Return a list or comma-separated string of codes as a comma-joined string."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = value.split(",")
    return ",".join(sorted({normalize(str(v)).strip() for v in value if str(v).strip()}))


def pair_terms(text):
    """Return the adjacent folded syllable pairs of text ("khai_sinh"), never across two parts."""
    pairs = set()
    for part in text.split(PART_SEPARATOR):
        words = folded_tokens(part)
        pairs.update("%s_%s" % ab for ab in zip(words, words[1:]))
    return " ".join(sorted(pairs))


def body_text(doc):
    """Return the searchable body of a procedure: every text field but the name, joined."""
    parts = [_text(doc.get(key)) for key in BODY_KEYS]
    return PART_SEPARATOR.join(p for p in parts if p)


def fingerprint(doc, body=None):
    """Return a stable hash of the indexed content of a procedure dict (body: its body_text)."""
    keys = ("code", "name", "field_code", "level", "online_level", "status")
    payload = {key: _text(doc.get(key)) for key in keys}
    payload["unit_codes"] = _codes(doc.get("unit_codes"))
    payload["subjects_tags"] = _codes(doc.get("subjects_tags"))
    payload["body"] = body_text(doc) if body is None else body
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha1(raw).hexdigest()


_ASIDE_RE = re.compile(r"\([^()]*\)")


def name_words(name):
    """Return the folded syllables of a name that say what it is.

    A leading "Thủ tục" and asides in brackets ("(thực hiện tại cấp tỉnh)", "(áp dụng cho cả
    trường hợp …)") are left out: the name's length and start are measured without them.
    """
    words = folded_tokens(_ASIDE_RE.sub(" ", name))
    if words[:2] == ["thu", "tuc"]:
        words = words[2:]
    return words


HEAD_WORDS = 2
START_WORDS = 8


def name_head(words):
    """Return the head terms of a name: its first syllable and its first two ("dang,dang_ky")."""
    return ",".join("_".join(words[:n]) for n in range(1, min(len(words), HEAD_WORDS) + 1))


def to_fields(doc):
    """Return the whoosh field values of a procedure dict (raises ValueError without a code)."""
    return _fields(doc, None)


def index_document(doc):
    """Return (to_fields(doc), {field: term set}) of the analyzed text fields, for a rebuild.

    Each text (the name, each part of the body, the keywords) is tokenised once; its accented
    terms, folded terms and folded pairs are the ones the fields' analyzers make of the values
    (tests/search_index/test_fastwriter.py compares the two ways on whole indexes).
    """
    terms = {}
    return _fields(doc, terms), terms


def _analyzed(text, terms, folded_field, pairs_field, accented_field=None):
    """Fill terms[...] with the folded (and accented) terms and the pairs of text; return pairs."""
    folded, pairs = set(), set()
    accented = set() if accented_field else None
    for part in text.split(PART_SEPARATOR):
        raw = TOKEN_RE.findall(normalize(part).lower())
        words = [w.translate(accent_map) for w in raw]
        folded.update(words)
        pairs.update("%s_%s" % ab for ab in zip(words, words[1:]))
        if accented is not None:
            accented.update(unify_tone(w) for w in raw)
    terms[folded_field] = folded
    terms[pairs_field] = pairs
    if accented is not None:
        terms[accented_field] = accented
    return " ".join(sorted(pairs))


def _fields(doc, terms):
    code = _text(doc.get("code"))
    if not code:
        raise ValueError("a procedure document needs a 'code'")
    name = _text(doc.get("name"))
    body = body_text(doc)
    keywords = _text(doc.get("keywords"))
    words = name_words(name)
    if terms is None:
        name_pairs, body_pairs, kw_pairs = pair_terms(name), pair_terms(body), pair_terms(keywords)
    else:
        name_pairs = _analyzed(name, terms, "name_folded", "name_pairs", "name")
        body_pairs = _analyzed(body, terms, "body_folded", "body_pairs")
        kw_pairs = _analyzed(keywords, terms, "kw_folded", "kw_pairs")
    fields = {
        "code": code,
        "name": name,
        "name_folded": name,
        "name_pairs": name_pairs,
        "name_size": str(min(len(words), MAX_NAME_SIZE)),
        "name_head": name_head(words),
        "name_len": min(len(words), MAX_NAME_LEN),
        "name_start": " ".join(words[:START_WORDS]).encode("utf-8"),
        "body": body,
        "body_folded": body,
        "body_pairs": body_pairs,
        "kw_folded": keywords,
        "kw_pairs": kw_pairs,
        "field_code": _text(doc.get("field_code")),
        "level": _text(doc.get("level")),
        "online_level": _text(doc.get("online_level")),
        "status": _text(doc.get("status")) or "active",
        "subjects_tags": _codes(doc.get("subjects_tags")),
        "unit_codes": _codes(doc.get("unit_codes")),
        "fingerprint": fingerprint(doc, body).encode("ascii"),
    }
    # Empty values are left out: whoosh would index "" as a term of its own.
    return {key: value for key, value in fields.items() if value != ""}
