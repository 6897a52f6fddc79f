"""The audit of issue 14: a fee table prices a channel (the fee rules pass); a procedure
published as an online service with no online address is a finding."""
from tests.audit.builders import ONLINE_URL, build_ready_ward, change_procedure, findings

COPY_FEES = [{"position": 1, "kind": "fee", "amount": 2000, "per": "trang"},
             {"position": 2, "kind": "fee", "amount": 1000, "per": "trang", "from_quantity": 3,
              "cap": 200000, "cap_per": "bản"}]


def test_a_fee_table_satisfies_the_fee_rule(db):
    build_ready_ward()
    change_procedure(channels=[{"kind": "in_person", "processing_time": 1},
                               {"kind": "online", "processing_time": 1}])
    assert len(findings().get("procedure.fee.unspecified", [])) == 2
    change_procedure(fees=COPY_FEES)
    assert "procedure.fee.unspecified" not in findings()
    # a row for one channel prices that channel only
    change_procedure(fees=[dict(COPY_FEES[0], channel_kind="online")])
    assert [f.record_key for f in findings()["procedure.fee.unspecified"]] == ["1.001193/in_person"]


def test_an_online_service_without_its_address_is_a_finding(db):
    build_ready_ward()  # published as full online service, with its address
    assert "procedure.online.url_missing" not in findings()
    change_procedure(channels=[{"kind": "in_person", "processing_time": 1, "is_free": True},
                               {"kind": "online", "processing_time": 1, "is_free": True}])
    found = findings()["procedure.online.url_missing"]
    assert "toàn trình" in found[0].message
    change_procedure(online_level="partial")
    assert "một phần" in findings()["procedure.online.url_missing"][0].message
    change_procedure(online_level="none")
    assert "procedure.online.url_missing" not in findings()
    change_procedure(channels=[
        {"kind": "in_person", "processing_time": 1, "is_free": True},
        {"kind": "online", "processing_time": 1, "is_free": True, "online_url": ONLINE_URL}],
        online_level="full")
    assert "procedure.online.url_missing" not in findings()
