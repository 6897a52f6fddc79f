"""The completeness audit: rules as data, a set-based runner, stored results."""
from procedures.audit.rules import RULES, RULES_BY_ID, Rule
from procedures.audit.runner import evaluate_unit, run_audit

__all__ = ["RULES", "RULES_BY_ID", "Rule", "evaluate_unit", "run_audit"]
