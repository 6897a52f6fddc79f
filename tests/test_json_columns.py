"""JSON columns are written by procedures.db.dump_json (orjson) and read back as they were."""
from sqlalchemy import select, text

from procedures.db import dump_json
from procedures.models import Revision


def test_dump_json_keeps_vietnamese_text_and_falls_back_for_what_orjson_refuses():
    assert dump_json({"name": "Đăng ký khai sinh", 1: [None, True]}) == \
        '{"name":"Đăng ký khai sinh","1":[null,true]}'
    assert dump_json({"big": 2 ** 70}) == '{"big": 1180591620717411303424}'


def test_the_engine_writes_json_columns_with_it(app, db):
    assert db.engine.dialect._json_serializer is dump_json
    db.session.add(Revision(entity="procedure", record_key="1.001193", action="create",
                            changes={"name": [None, "Đăng ký khai sinh"]}, actor="hệ thống"))
    db.session.commit()
    stored = db.session.execute(text("SELECT changes FROM revisions")).scalar_one()
    if isinstance(stored, str):  # SQLite: the text as written (PostgreSQL gives it parsed)
        assert "Đăng ký khai sinh" in stored
    assert db.session.scalars(select(Revision.changes)).one() == {
        "name": [None, "Đăng ký khai sinh"]}
