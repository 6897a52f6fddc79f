"""Run an import of an uploaded file (anything with .save() and .filename) or a stored batch."""
import os
import re

from importers.batches import file_on_disk, receive_upload
from importers.pipeline import ImportOptions, run_import
from procedures.services import imports as batches

_UNSAFE = re.compile(r"[\x00-\x1f/\\]+")


def clean_filename(name) -> str:
    """The uploaded file's name without a path or control characters (a label, never a path)."""
    name = _UNSAFE.sub("_", os.path.basename((name or "").replace("\\", "/"))).strip()
    return name[-200:] or "tep-tai-len"


def import_upload(upload, options: ImportOptions):
    """Keep the upload in the database (every node reads it), import it."""
    options.filename = clean_filename(upload.filename)
    options.file_id = receive_upload(upload, options.filename)
    return import_stored(options)


def import_stored(options: ImportOptions):
    """Import the stored upload options.file_id; (None, None) when it is gone."""
    with file_on_disk(options.file_id, options.filename) as path:
        if path is None:
            return None, None
        return run_import(path, options)


def reimport_batch(batch, options: ImportOptions):
    """Import a batch's stored upload again (the confirm step after a dry run)."""
    options.file_id = batches.batch_file_id(batch)
    if options.file_id is None:
        return None, None
    options.filename = batch.filename
    options.unit_code = batch.unit_code
    options.partial = batch.partial
    return import_stored(options)
