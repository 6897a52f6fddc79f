"""A publishing decision's annex (public): the procedures it published, amended or abolished and
the province catalogue lines it published. Decision numbers contain "/": a path converter."""
from flask import render_template

from app import pagecache
from app.http import download
from app.web.blueprint import bp
from procedures.services import decision_annex as annex


@bp.route("/decisions/<path:number>.xlsx")
def decision_annex_xlsx(number):
    decision, rows = annex.decision_annex(number)
    slug = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in decision.number)
    return download(annex.annex_xlsx(decision, rows), f"phu-luc-{slug}.xlsx")


@bp.route("/decisions/<path:number>")
@pagecache.cached("decision_annex")
def decision_annex(number):
    """The decision and its annex."""
    decision, rows = annex.decision_annex(number)
    return render_template("decision.html", d=decision, rows=rows)
