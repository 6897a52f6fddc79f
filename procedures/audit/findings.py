"""Findings in memory: a tally of applicable checks and the failures, with rendered messages."""
from typing import NamedTuple

from procedures.audit.rules import BLOCKER, RULES_BY_ID, Rule

MISSING = "[?]"


class _Args(dict):
    """Template arguments; a missing one renders as [?] instead of failing the run."""

    def __missing__(self, key):
        return MISSING


class Fail(NamedTuple):
    """One failed check, ready to be stored as a Finding."""

    rule: Rule
    record_key: str
    procedure_code: str | None
    message: str
    hint: str

    @property
    def is_blocker(self) -> bool:
        return self.rule.severity == BLOCKER


class Tally:
    """Applicable checks and failures; passed = applicable − failures."""

    __slots__ = ("applicable", "fails")

    def __init__(self):
        self.applicable = 0
        self.fails: list[Fail] = []

    def check(self, rule_id, ok, record_key, procedure_code=None, **args) -> bool:
        """Count one applicable check; record a failure when not ok."""
        self.applicable += 1
        if not ok:
            self.fail(rule_id, record_key, procedure_code, **args)
        return bool(ok)

    def fail(self, rule_id, record_key, procedure_code=None, **args):
        """Record a failure of a check already counted."""
        rule = RULES_BY_ID[rule_id]
        values = _Args(args)
        self.fails.append(Fail(rule, record_key, procedure_code,
                               rule.message.format_map(values), rule.hint.format_map(values)))


def procedure_label(code: str, name: str | None) -> str:
    """1.001193 “Đăng ký khai sinh”."""
    return f"{code} “{name}”" if name else code


def vn_date(day) -> str:
    """dd/mm/yyyy."""
    return day.strftime("%d/%m/%Y") if day else "…"
