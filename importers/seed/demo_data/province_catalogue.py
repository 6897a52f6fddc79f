"""The demo province's published catalogue (DEMO-60, Bình Thuận as in the seed case).

Every procedure still in force is listed at its level under the publishing decision that
introduced or standardised it (the annex of that decision); the two abolished procedures were
taken out by 318/QĐ-UBND and are not listed. The three provincial procedures are listed but no
demo unit implements them: the catalogue's own findings (docs/demo-data.md).
"""
from importers.seed.demo_data.all_procedures import PROCEDURES
from importers.seed.demo_data.catalogue import DECISIONS

PROVINCE = "DEMO-60"
PUBLISHING = ("new", "amended", "standardised")


def _number(text):
    return text.replace("/QD-", "/QĐ-")


_KINDS = {_number(d["number"]): d["kind"] for d in DECISIONS}


def _entries():
    positions = {}
    out = []
    for proc in sorted(PROCEDURES, key=lambda p: (p["level"], p["field_code"], p["code"])):
        if proc.get("status", "active") == "abolished":
            continue
        published = [_number(n) for n in proc["decisions"] if _KINDS.get(_number(n)) in PUBLISHING]
        if not published:
            continue
        key = (proc["level"], proc["field_code"])
        positions[key] = positions.get(key, 0) + 1
        out.append({"province_code": PROVINCE, "level": proc["level"], "position": positions[key],
                    "procedure_code": proc["code"], "decision_number": published[0],
                    "note": None})
    return out


CATALOGUE_ENTRIES = _entries()
