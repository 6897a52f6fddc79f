"""Data intake: read XLSX, CSV and JSON files, check them, write them through the services."""
from importers.pipeline import ImportOptions, run_import
from importers.sources import Limits

__all__ = ["ImportOptions", "Limits", "run_import"]
