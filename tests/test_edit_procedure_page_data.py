"""The procedure form keeps and edits the citizen page's data (issue 14): saving the form as a
browser submits it keeps the cases, the fee table, the online address and the form links, and a
fee row typed into the form is stored as data."""
from html.parser import HTMLParser

from procedures import services
from tests.factories import make_catalogue, procedure_data


class FormValues(HTMLParser):
    """What a browser submits for the page's main form (no button)."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._textarea, self._text = {}, None, None, ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name"):
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.values[a["name"]] = a.get("value", "1")
            else:
                self.values[a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.values[self._textarea] = self._text
            self._textarea = None


def submitted(html):
    parser = FormValues()
    parser.feed(html)
    return parser.values


def test_saving_the_form_keeps_and_adds_the_page_data(client, db, make_user, login):
    make_catalogue()
    services.procedures.create(procedure_data(
        owner_unit_code="22918",
        channels=[{"kind": "in_person", "processing_time": 3, "is_free": True},
                  {"kind": "online", "processing_time": 3, "is_free": True,
                   "online_url": "https://dichvucong.gov.vn/p/home/dvc.html?ma_thu_tuc=1.001193"}],
        cases=[{"position": 1, "name": "Trẻ bị bỏ rơi", "processing_time": 5, "sets": 2}],
        fees=[{"position": 1, "kind": "fee", "amount": 2000, "per": "trang"}],
        dossier_items=[{"position": 1, "name": "Tờ khai", "form_name": "Mẫu TK",
                        "form_url": "https://example.gov.vn/tk.pdf", "originals": 1}]))
    login(make_user("unit_editor", "mui-ne", "22918"))
    form = submitted(client.get("/procedures/1.001193/edit").get_data(as_text=True))
    # the editor types the second row of "2.000 đ/trang, từ trang 3 1.000 đ, tối đa 200.000 đ/bản"
    form.update({"fees-1-position": "2", "fees-1-kind": "fee", "fees-1-amount": "1000",
                 "fees-1-per": "trang", "fees-1-from_quantity": "3", "fees-1-cap": "200000",
                 "fees-1-cap_per": "bản"})
    response = client.post("/procedures/1.001193/edit", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    stored = services.procedures.serialize(services.procedures.get("1.001193"))
    assert [(c["name"], c["sets"]) for c in stored["cases"]] == [("Trẻ bị bỏ rơi", 2)]
    assert [(f["amount"], f["from_quantity"], f["cap"]) for f in stored["fees"]] == [
        (2000, None, None), (1000, 3, 200000)]
    assert stored["channels"][1]["online_url"].startswith("https://dichvucong.gov.vn/")
    assert stored["dossier_items"][0]["form_url"] == "https://example.gov.vn/tk.pdf"
