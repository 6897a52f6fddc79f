"""Demo dataset: Phan Thiết city (Bình Thuận province), with deliberate gaps for the audit.

The eight lists are loaded in this order by ``importers.seed.demo.load_demo``; see docs/demo-data.md for
the intended state of each unit and where each gap is.
"""
from importers.seed.demo_data.all_procedures import PROCEDURES
from importers.seed.demo_data.assignments import ASSIGNMENTS
from importers.seed.demo_data.catalogue import DECISIONS, FIELDS, LEGAL_DOCUMENTS
from importers.seed.demo_data.commitments import COMMITMENTS
from importers.seed.demo_data.province_catalogue import CATALOGUE_ENTRIES
from importers.seed.demo_data.units import OFFICERS, UNITS

__all__ = [
    "UNITS", "FIELDS", "LEGAL_DOCUMENTS", "DECISIONS", "PROCEDURES", "OFFICERS", "ASSIGNMENTS",
    "CATALOGUE_ENTRIES", "COMMITMENTS",
]
