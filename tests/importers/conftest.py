"""Fixtures of the importer tests: files in tmp_path, the app's import settings, logged-in clients."""
import pytest

from importers import ImportOptions, run_import
from procedures.services import Actor
from tests.importers import helpers


@pytest.fixture
def do_import(app, db, tmp_path):
    """Import a path (or write `data` as XLSX first) with the app's settings; returns the report."""
    def run(path=None, data=None, as_user=None, **options):
        """as_user: import as that account would (its role and unit), not as the system."""
        if path is None:
            path = helpers.write_xlsx(tmp_path / "upload.xlsx", data)
        if as_user is not None:
            options["actor"] = Actor.of_user(as_user)
        opts = ImportOptions.from_config(app.config, app.instance_path, filename=path.name,
                                         **options)
        report, _ = run_import(str(path), opts)
        return report
    return run


@pytest.fixture
def loaded(do_import):
    """The base dataset imported; returns the table counts after it."""
    report = do_import()
    assert report["outcome"] == "imported", report["issues"]
    return helpers.counts()


@pytest.fixture
def limits(app):
    """Temporarily change import limits: limits(IMPORT_MAX_ROWS=10)."""
    missing = object()
    saved = {}

    def set_(**values):
        for key, value in values.items():
            saved.setdefault(key, app.config.get(key, missing))
            app.config[key] = value
    yield set_
    for key, value in saved.items():
        if value is missing:
            app.config.pop(key, None)
        else:
            app.config[key] = value


@pytest.fixture
def admin(make_user, login):
    return login(make_user("admin", "quan-tri"))


@pytest.fixture(autouse=True)
def no_search_sync(app):
    """The search index's after-commit catch-up is the search feature's business, not ours."""
    saved = app.config.get("SEARCH_SYNC_ON_COMMIT")
    app.config["SEARCH_SYNC_ON_COMMIT"] = False
    yield
    app.config["SEARCH_SYNC_ON_COMMIT"] = saved
