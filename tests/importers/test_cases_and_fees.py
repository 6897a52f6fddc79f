"""The sheets Trường hợp and Phí, lệ phí (issue 14): a workbook carries a procedure's cases and its
fee table as data, with the online address and the form link; exporting gives them back."""
from importers.flatten import flatten, records_from_database
from importers.pipeline import ImportOptions, run_import
from importers.spec import SHEETS_BY_ID
from importers.template import write_workbook
from procedures import services
from tests.factories import make_catalogue, procedure_data


def _record():
    return procedure_data(
        channels=[{"kind": "online", "processing_time": 3, "is_free": False,
                   "online_url": "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193"}],
        cases=[{"position": 1, "name": "Trẻ sinh tại cơ sở y tế", "processing_time": 1, "sets": 1},
               {"position": 2, "name": "Trẻ bị bỏ rơi", "processing_time": 5, "sets": 2}],
        fees=[{"position": 1, "kind": "fee", "amount": 2000, "per": "trang"},
              {"position": 2, "kind": "fee", "amount": 1000, "per": "trang", "from_quantity": 3,
               "cap": 200000, "cap_per": "bản", "case_name": "Trẻ bị bỏ rơi",
               "channel_kind": "online"}],
        dossier_items=[{"position": 1, "name": "Tờ khai đăng ký khai sinh",
                        "form_name": "Mẫu TK-KS", "form_url": "https://example.gov.vn/tk-ks.pdf",
                        "originals": 1}])


def test_a_workbook_carries_cases_fees_and_links(db, tmp_path):
    make_catalogue()
    path = tmp_path / "thu-tuc.xlsx"
    with open(path, "wb") as handle:
        write_workbook(handle, flatten({"procedures": [_record()]}))
    report, _ = run_import(str(path), ImportOptions(filename="thu-tuc.xlsx"))
    assert report["valid"], report["issues"]
    stored = services.procedures.serialize(services.procedures.get("1.001193"))
    assert [(c["name"], c["sets"]) for c in stored["cases"]] == [
        ("Trẻ sinh tại cơ sở y tế", 1), ("Trẻ bị bỏ rơi", 2)]
    assert stored["fees"][1] | {} == {**stored["fees"][1], "amount": 1000, "from_quantity": 3,
                                      "cap": 200000, "cap_per": "bản", "channel_kind": "online"}
    assert stored["channels"][0]["online_url"].startswith("https://dichvucong.gov.vn/")
    assert stored["dossier_items"][0]["form_url"] == "https://example.gov.vn/tk-ks.pdf"
    rows = flatten(records_from_database())
    assert len(rows["fees"]) == 2 and len(rows["cases"]) == 2
    assert SHEETS_BY_ID["fees"].title == "Phí, lệ phí"


def test_a_fee_row_of_an_unknown_case_is_refused_at_its_row(db, tmp_path):
    make_catalogue()
    record = _record()
    record["fees"][1]["case_name"] = "Trẻ sinh ở nước ngoài"
    path = tmp_path / "sai.xlsx"
    with open(path, "wb") as handle:
        write_workbook(handle, flatten({"procedures": [record]}))
    report, _ = run_import(str(path), ImportOptions(filename="sai.xlsx"))
    assert not report["valid"]
    assert any("Trường hợp này không có" in i["message"] for i in report["issues"])
