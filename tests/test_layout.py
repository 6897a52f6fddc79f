"""The layout keeps its promises: transports hold no rule and no query, the import graph has no
cycle, the intake side knows nothing of the web framework."""
import ast
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGES = ("app", "jobs", "procedures", "importers", "search_index")
# What a permission decision or a query looks like in a transport.
FORBIDDEN_IN_APP = {
    r"\bselect\(": "a query (ask a service)",
    r"\bdb\.session\b": "the database session (ask a service)",
    r"\.role\s*(==|!=|\bin\b|\bnot\s+in\b)": "a role check (ask procedures.policy)",
    r"\brequire_role\b|\bensure_can_\w+": "a permission helper outside the policy",
    r"\blogin_required\b": "an authentication rule (the services answer 401)",
}


def sources(package):
    return sorted((ROOT / package).rglob("*.py"))


def test_no_query_and_no_permission_decision_in_app():
    found = []
    for path in sources("app"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            for pattern, what in FORBIDDEN_IN_APP.items():
                if re.search(pattern, code):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {what}: {line.strip()}")
    templates = (ROOT / "app/web/templates").rglob("*.html")
    for path in templates:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"current_user\.role\s*(==|in|!=)", line):
                found.append(f"{path.relative_to(ROOT)}:{number}: a role check in a template")
    assert found == []


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def top_level_imports(path, modules=None):
    """Modules imported when the file is imported (not the deliberate lazy imports in functions):
    `from a import b` imports the module a.b when there is one, else takes the name b from a."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if modules is not None and submodule in modules else node.module)
    return found


def import_graph():
    modules = {module_name(p): p for package in PACKAGES for p in sources(package)}
    graph = {}
    for name, path in modules.items():
        graph[name] = {t for t in top_level_imports(path, modules) if t in modules and t != name}
    return graph


def test_the_import_graph_has_no_cycle():
    graph = import_graph()
    state, cycles = {}, []

    def visit(node, trail):
        state[node] = "open"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                cycles.append(trail[trail.index(target):] + [target] if target in trail else [node, target])
            elif target not in state:
                visit(target, trail + [target])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_intake_and_domain_know_nothing_of_flask_or_click():
    for package in ("jobs", "importers", "procedures", "search_index"):
        for path in sources(package):
            imported = top_level_imports(path) | {
                n.module or "" for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(n, ast.ImportFrom)}
            web = {m for m in imported if m.split(".")[0] in ("flask", "click", "flask_login",
                                                              "werkzeug", "app")}
            assert web <= {"werkzeug.security", "werkzeug.security.check_password_hash",
                           "werkzeug.security.generate_password_hash"}, path  # hashing only
