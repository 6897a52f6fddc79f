"""The reform office's citizen vocabulary: service and policy, the search that uses it at once,
the admin page, and the workbook sheet."""
import shutil

import pytest

from importers import ImportOptions, run_import
from importers.template import write_workbook
from procedures import services
from procedures.errors import Conflict, Forbidden, ValidationFailed
from procedures.models import Revision
from procedures.search import get_sync, run_search
from procedures.search.lexicon import current_lexicon, explain_query
from procedures.services import Actor, acting_as
from tests.factories import make_catalogue, procedure_data


@pytest.fixture
def indexed(app, db):
    """Real procedure names without keywords, indexed after every commit."""
    sync = get_sync()
    shutil.rmtree(sync.path, ignore_errors=True)
    app.extensions.pop("search_sync", None)
    app.extensions.pop("search_results", None)
    app.extensions.pop("search_lexicon", None)
    app.config["SEARCH_SYNC_ON_COMMIT"] = True
    make_catalogue()
    services.fields.create({"code": "cu-tru", "name": "Cư trú"})
    services.procedures.create(procedure_data(keywords=None))
    services.procedures.create(procedure_data(
        code="1.004222", name="Đăng ký thường trú", field_code="cu-tru", keywords=None))
    services.procedures.create(procedure_data(
        code="1.010038", name="Tách hộ", field_code="cu-tru", keywords=None))
    yield get_sync()
    app.config["SEARCH_SYNC_ON_COMMIT"] = False
    app.extensions.pop("search_results", None)


def codes(q):
    return [item.code for item in run_search(q, {}).items]


def test_an_admin_adds_an_entry_and_the_next_search_uses_it_without_a_rebuild(indexed, make_user):
    assert codes("so dang bo") == []
    before = indexed.index.version()
    admin = make_user("admin", "quan-tri")
    with acting_as(Actor.of_user(admin)):
        record = services.search_terms.create({
            "phrase": "  Sổ  Đăng Bộ ", "officials": "thường trú | tách hộ",
            "note": "cách gọi cũ ở Nam Bộ"})
    assert record.phrase == "sổ đăng bộ" and record.officials == "thường trú | tách hộ"
    assert set(codes("so dang bo")) == {"1.004222", "1.010038"}
    assert indexed.index.version() == before  # nothing was re-indexed
    revision = services.history("search_term", "sổ đăng bộ")[0]
    assert revision.action == "create" and revision.actor == "quan-tri"


def test_switching_off_a_shipped_entry_and_replacing_it(indexed):
    assert codes("ra o rieng") == ["1.010038"]  # shipped: ra ở riêng = tách hộ
    services.search_terms.create({"phrase": "ra ở riêng", "officials": "", "active": False})
    assert codes("ra o rieng") == []
    services.search_terms.update(("ra ở riêng",), {"officials": "thường trú", "active": True})
    assert codes("ra o rieng") == ["1.004222"]
    services.search_terms.delete("ra ở riêng")
    assert codes("ra o rieng") == ["1.010038"]


def test_a_filler_entry_lets_a_query_carry_the_word(indexed):
    assert codes("tach ho nhanh gap") == []
    services.search_terms.create({"phrase": "gấp", "officials": ""})
    services.search_terms.create({"phrase": "nhanh", "officials": ""})
    assert codes("tach ho nhanh gap")[0] == "1.010038"
    assert explain_query("tach ho gap")[-1] == ("gap", [], True)


def test_the_lexicon_is_read_again_only_when_the_table_changes(indexed):
    first = current_lexicon()
    assert current_lexicon() is first
    services.search_terms.create({"phrase": "hộ khẩu giấy", "officials": "thường trú"})
    assert current_lexicon() is not first


@pytest.mark.parametrize("data, field", [
    ({"phrase": "   "}, "phrase"),
    ({"phrase": "một hai ba bốn năm sáu bảy tám chín"}, "phrase"),
    ({"phrase": "sổ đỏ", "officials": " | ".join(["giấy chứng nhận"] * 11)}, "officials"),
    ({"phrase": "sổ đỏ", "officials": "!!!"}, "officials"),
    ({"phrase": "sổ đỏ", "extra": 1}, "extra"),
])
def test_entries_are_validated_with_the_field_named(db, data, field):
    with pytest.raises(ValidationFailed) as caught:
        services.search_terms.create(data)
    assert caught.value.errors[0]["field"] == field


def test_a_phrase_is_unique_whatever_its_case_and_spacing(db):
    services.search_terms.create({"phrase": "Giấy Đi Đường", "officials": "thẻ căn cước"})
    with pytest.raises(Conflict):
        services.search_terms.create({"phrase": "giấy  đi đường", "officials": "hộ chiếu"})
    assert services.search_terms.get("GIẤY ĐI ĐƯỜNG").officials == "thẻ căn cước"


@pytest.mark.parametrize("role", ["unit_editor", "auditor"])
def test_only_admins_write_the_vocabulary(db, make_user, role):
    make_catalogue()
    user = make_user(role, unit_code="22918" if role == "unit_editor" else None)
    with acting_as(Actor.of_user(user)), pytest.raises(Forbidden):
        services.search_terms.create({"phrase": "sổ đỏ", "officials": "giấy chứng nhận"})
    assert services.search_terms.all() == []


def test_the_admin_page_adds_edits_tries_and_deletes(client, db, make_user, login):
    login(make_user("admin", "quan-tri"))
    page = client.get("/admin/search-terms").get_data(as_text=True)
    assert "Từ ngữ thông dụng" in page and "sổ đỏ" in page  # the shipped entries are listed
    response = client.post("/admin/search-terms/edit", data={
        "phrase": "Giấy đi đường", "officials": "thẻ căn cước\nhộ chiếu", "active": "1"})
    assert response.status_code == 302
    record = services.search_terms.get("giấy đi đường")
    assert record.officials == "thẻ căn cước | hộ chiếu" and record.active
    tried = client.get("/admin/search-terms", query_string={"try": "xin giay di duong"})
    text = tried.get_data(as_text=True)
    assert "thẻ căn cước · hộ chiếu" in text and "từ đệm" in text
    response = client.post("/admin/search-terms/edit?phrase=giấy đi đường",
                           data={"officials": "thẻ căn cước"})  # "Đang dùng" unticked
    assert response.status_code == 302
    assert services.search_terms.get("giấy đi đường").active is False
    bad = client.post("/admin/search-terms/edit", data={"phrase": "", "officials": "x"})
    assert bad.status_code == 422 and "field-error" in bad.get_data(as_text=True)
    assert client.post("/admin/search-terms/delete",
                       data={"phrase": "giấy đi đường"}).status_code == 302
    assert services.search_terms.all() == []
    assert db.session.query(Revision).filter_by(entity="search_term").count() == 3


def test_the_admin_page_is_for_admins_only(client, db, make_user, login):
    assert client.get("/admin/search-terms").status_code in (302, 401)
    make_catalogue()
    login(make_user("unit_editor", "mui-ne", unit_code="22918"))
    assert client.get("/admin/search-terms").status_code == 403
    response = client.post("/admin/search-terms/edit", data={"phrase": "sổ đỏ", "officials": "x"})
    assert response.status_code == 403
    assert services.search_terms.all() == []


def _import(app, tmp_path, data, actor=None):
    path = tmp_path / "tu-ngu.xlsx"
    write_workbook(path, data)
    options = ImportOptions.from_config(app.config, app.instance_path, filename=path.name,
                                        actor=actor)
    report, _ = run_import(str(path), options)
    return report


def test_the_workbook_sheet_imports_entries_through_the_same_importer(app, db, tmp_path):
    data = {"search_terms": [
        {"phrase": "sổ đăng bộ", "officials": "thường trú | tách hộ", "note": "Nam Bộ"},
        {"phrase": "gấp", "officials": None},
        {"phrase": "sổ đỏ", "officials": "", "active": False},
    ]}
    report = _import(app, tmp_path, data)
    assert report["outcome"] == "imported", report["issues"]
    assert {t.phrase: (t.officials, t.active) for t in services.search_terms.all()} == {
        "sổ đăng bộ": ("thường trú | tách hộ", True), "gấp": ("", True), "sổ đỏ": ("", False)}
    again = _import(app, tmp_path, data)
    assert again["outcome"] == "imported" and len(services.search_terms.all()) == 3


def test_a_unit_editor_cannot_change_the_vocabulary_by_workbook(app, db, make_user, tmp_path):
    make_catalogue()
    editor = make_user("unit_editor", "mui-ne", unit_code="22918")
    report = _import(app, tmp_path, {"search_terms": [{"phrase": "sổ đỏ", "officials": "x"}]},
                     Actor.of_user(editor))
    assert report["outcome"] != "imported"
    issue = next(i for i in report["issues"] if i.get("sheet") == "Từ ngữ thông dụng")
    assert issue["row"] == 2 and "quản trị viên" in issue["message"]
    assert services.search_terms.all() == []


def test_the_template_has_the_sheet(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "mau.xlsx"
    write_workbook(path, None)
    book = load_workbook(path, read_only=True)
    assert "Từ ngữ thông dụng" in book.sheetnames
