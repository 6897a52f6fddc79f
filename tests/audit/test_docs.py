"""docs/audit-rules.md lists every rule in code, with the same severity and record."""
import re
from pathlib import Path

from procedures.audit.rules import RULES

DOC = Path(__file__).resolve().parents[2] / "docs" / "audit-rules.md"
ROW = re.compile(r"^\| `(?P<id>[a-z_.]+)` \| (?P<severity>blocker|warning) \| (?P<applies>\w+)")


def documented() -> dict:
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            rows[match["id"]] = (match["severity"], match["applies"])
    return rows


def test_every_rule_in_code_is_documented():
    rows = documented()
    missing = [rule.id for rule in RULES if rule.id not in rows]
    assert missing == [], f"add these rules to docs/audit-rules.md: {missing}"


def test_documented_rules_match_the_code():
    rows = documented()
    code = {rule.id: (rule.severity, rule.applies_to) for rule in RULES}
    assert {k: v for k, v in rows.items() if code.get(k) != v} == {}
