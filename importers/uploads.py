"""Run an import of an uploaded file (anything with .save() and .filename) or a stored batch."""
import os
import re
import tempfile

from importers.batches import stored_upload
from importers.pipeline import ImportOptions, run_import

_UNSAFE = re.compile(r"[\x00-\x1f/\\]+")


def clean_filename(name) -> str:
    """The uploaded file's name without a path or control characters (a label, never a path)."""
    name = _UNSAFE.sub("_", os.path.basename((name or "").replace("\\", "/"))).strip()
    return name[-200:] or "tep-tai-len"


def import_upload(upload, options: ImportOptions):
    """Save the upload to a temporary file, import it, remove the temporary file."""
    options.filename = clean_filename(upload.filename)
    suffix = os.path.splitext(options.filename)[1].lower()[:10]
    handle, path = tempfile.mkstemp(prefix="import-", suffix=suffix)
    os.close(handle)
    try:
        upload.save(path)
        return run_import(path, options)
    finally:
        os.unlink(path)


def reimport_batch(batch, options: ImportOptions):
    """Import a batch's stored upload again (the confirm step after a dry run)."""
    path = stored_upload(batch, options.storage_dir)
    if path is None:
        return None, None
    options.filename = batch.filename
    options.unit_code = batch.unit_code
    options.partial = batch.partial
    return run_import(path, options)
