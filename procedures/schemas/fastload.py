"""A schema's load without marshmallow's per-field machinery, for input that is valid.

marshmallow spends most of a load on bookkeeping around each field (error stores, getter
closures, an And() of the validators built per value, hook lookups). An import loads about
twenty nested rows per procedure, so that bookkeeping was a third of its time. compile_load()
turns a schema into one function that does what Schema.load does for valid input, calling the
same fields, validators and hooks:

- the schema's pre_load hooks (one that works value by value, as BaseSchema's normalisation,
  applied to each field's value: see inline_pre_load), then each field: missing → load_default (or skipped),
  None → None where the field allows it, else the field's own conversion and validators;
- the schema's validates_schema hooks, then its post_load hooks.

Nothing is decided here: every rule stays in the schema. The function gives up (raises
Fallback) at the first thing it does not handle exactly as marshmallow does: a required field
missing, None where it is not allowed, an unknown key, a value of an unusual type, any
ValidationError from a field or a hook. BaseSchema.load then runs marshmallow's own load, which
produces the error messages (or, for an unusual but valid value, the same result). So the
result is the same as marshmallow's by construction; tests/test_fastload.py checks it on
generated input.
"""
from marshmallow import ValidationError, missing, validate
from marshmallow import fields as mf
from marshmallow.decorators import POST_LOAD, PRE_LOAD, VALIDATES, VALIDATES_SCHEMA


class Fallback(Exception):
    """The fast load cannot say: let marshmallow's load decide (and word the errors)."""


_GIVE_UP = Fallback()


def _text(field):
    """marshmallow.String's conversion: text stays as it is (bytes and others: marshmallow)."""
    return lambda value, data: value if value.__class__ is str else _generic(field, value, data)


def _stripped_text(field):
    """CodeText: text stripped; numbers typed in a cell go through the field itself."""
    return lambda value, data: value.strip() if value.__class__ is str else _generic(
        field, value, data)


def _integer(field):
    """Int (not strict): an int is itself; anything else (1.0, "7", True…) through the field."""
    return lambda value, data: value if value.__class__ is int else _generic(field, value, data)


def _boolean(field):
    truthy, falsy = field.truthy, field.falsy
    if not truthy:  # marshmallow: bool(value) when no truthy set is given
        return lambda value, data: _generic(field, value, data)

    def convert(value, data):
        try:
            if value in truthy:
                return True
            if value in falsy:
                return False
        except TypeError:  # unhashable
            pass
        raise _GIVE_UP
    return convert


def _generic(field, value, data):
    """The field's own conversion (what Field.deserialize does after the missing/None checks);
    a list's items are converted without the attribute name and the data, as marshmallow does."""
    try:
        return field._deserialize(value, None if data is None else field.name, data)
    except ValidationError:
        raise _GIVE_UP from None


def _exact_method(field, base, name="_deserialize"):
    """Whether the field's class uses base's method (no subclass changes the conversion)."""
    return getattr(type(field), name) is getattr(base, name)


def _converter(field):
    """value, data → the converted value (before validators), or raise Fallback."""
    from procedures.schemas.fields import Bool, CodeText, Int

    cls = type(field)
    if isinstance(field, mf.List) and _exact_method(field, mf.List):
        inner = field_loader(field.inner)
        if inner is None:
            return None

        nested = _plain_nested(field.inner)
        if nested is not None:  # a list of records: each dict straight to its schema's load
            def convert_records(value, data):
                if value.__class__ is not list:
                    return _generic(field, value, data)
                return [nested(item) if item.__class__ is dict else inner(item, None)
                        for item in value]
            return convert_records

        def convert_list(value, data):
            if value.__class__ is not list:
                return _generic(field, value, data)
            return [inner(item, None) for item in value]
        return convert_list
    if _whole_nested(field):
        load = compile_load(field.schema)
        if load is None:
            return None
        return lambda value, data: load(value) if value.__class__ is dict else _generic(
            field, value, data)
    if _plain_string(field):
        return _text(field)
    if cls is CodeText:
        return _stripped_text(field)
    if cls is Int:
        return _integer(field)
    if cls is Bool or (isinstance(field, mf.Boolean) and _exact_method(field, mf.Boolean)):
        return _boolean(field)
    return lambda value, data: _generic(field, value, data)


def _whole_nested(field) -> bool:
    """A Nested field loading one record with all its schema's fields, as the schema says."""
    return isinstance(field, mf.Nested) and _exact_method(field, mf.Nested) and not field.many \
        and field.only is None and not field.exclude and field.unknown is None


def _plain_string(field) -> bool:
    """A text field converted as marshmallow.String converts (Text and its plain kin)."""
    from procedures.schemas.fields import CodeText, Text

    return type(field) is Text or (type(field) is not CodeText and isinstance(field, mf.String)
                                   and _exact_method(field, mf.String))


def _field_as_marshmallow(field) -> bool:
    """No field-level pre/post_load and Field's own deserialize, missing and validate steps."""
    if getattr(field, "pre_load", None) or getattr(field, "post_load", None):
        return False
    return all(_exact_method(field, mf.Field, method)
               for method in ("deserialize", "_validate_missing", "_validate"))


def _plain_nested(field):
    """The compiled load of a Nested field's schema when the field adds nothing to it (no
    validators, no hooks of its own), else None."""
    if not _whole_nested(field) or field.validators or not _field_as_marshmallow(field):
        return None
    return compile_load(field.schema)


def field_loader(field):
    """value, data → what field.deserialize(value) returns, or raise Fallback; None when the
    field has something this module does not reproduce (field-level pre/post_load)."""
    if not _field_as_marshmallow(field):
        return None
    convert = _converter(field)
    if convert is None:
        return None
    validators = tuple(field.validators)
    allow_none = field.allow_none

    def load(value, data):
        if value is None:
            if allow_none:
                return None
            raise _GIVE_UP
        out = convert(value, data)
        for validator in validators:
            try:
                if validator(out) is False:  # marshmallow's And(): a plain function's False fails
                    raise _GIVE_UP
            except ValidationError:
                raise _GIVE_UP from None
        return out
    if getattr(field, "pure", False):
        return _remembering(load)
    if _plain_string(field):
        return _plain_text(field, load) or load
    return load


def _plain_text(field, load):
    """A text field checked only by Length and OneOf: valid text returns at once (load() does
    the rest: None, other types, and any value that fails a check). The function carries its
    checks as text_checks ((low, high) lengths or None, choices or None): the generated load
    makes them in line, with the same condition (_text_condition)."""
    length = choices = None
    for validator in field.validators:
        if type(validator) is validate.Length and validator.equal is None and length is None:
            length = validator
        elif type(validator) is validate.OneOf and choices is None:
            try:
                choices = frozenset(validator.choices)
            except TypeError:
                return None
        else:
            return None
    checks = (length.min if length else None, length.max if length else None, choices)
    env = {"load": load}
    check = eval(  # noqa: S307 — our own text, as the generated load
        f"lambda v, data: v if {_text_condition(0, checks, env)} else load(v, data)", env)
    check.text_checks = checks
    return check


def _text_condition(i, checks, env):
    """The test that v is text its field takes as it is (see _plain_text); names it needs go
    into env."""
    low, high, choices = checks
    parts = ["v.__class__ is str"]
    if low is not None:
        parts.append(f"len(v) >= {int(low)}")
    if high is not None:
        parts.append(f"len(v) <= {int(high)}")
    if choices is not None:
        env[f"C{i}"] = choices
        parts.append(f"v in C{i}")
    return " and ".join(parts)


_SCALARS = frozenset((str, int, float))
MEMO_SIZE = 4096


def _remembering(load):
    """load() remembering its results for plain values: for fields whose result depends on the
    value alone (class attribute pure) and is immutable (numbers, dates, text). An import
    repeats the same times, fees and decision numbers thousands of times."""
    memo = {}

    def remembered(value, data):
        if value.__class__ not in _SCALARS:
            return load(value, data)
        # by type, as 1, 1.0 and True are equal keys otherwise; a float by its text (-0.0)
        key = (value.__class__, repr(value) if value.__class__ is float else value)
        try:
            return memo[key]
        except KeyError:
            pass
        out = load(value, data)
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[key] = out
        return out
    return remembered


def _hooks(schema, tag):
    return schema._hooks.get(tag) or []


# pre_load hooks that work value by value: hook function → (value → value as the hook leaves
# it, raising Fallback where the hook raises; field → whether None there means "missing").
# The compiled load applies them field by field instead of building the hook's new dict.
_INLINE_PRE_LOAD = {}


def inline_pre_load(hook, per_value, none_is_missing, per_text=None, as_is=frozenset()):
    """Register a value-by-value pre_load hook; per_text is per_value for text (str) alone,
    as_is the types per_value returns unchanged (neither is called for them)."""
    _INLINE_PRE_LOAD[hook] = (per_value, none_is_missing, per_text or per_value, as_is)


def compile_load(schema):
    """The fast load of a schema instance (cached on it), or None when it cannot have one."""
    cached = schema.__dict__.get("_fast_load", missing)
    if cached is not missing:
        return cached
    schema._fast_load = None  # a schema nested in itself gets no fast load
    schema._fast_load = _compile(schema)
    return schema._fast_load


def _compile(schema):
    from marshmallow import RAISE

    if schema.many or schema.partial or schema.unknown != RAISE or _hooks(schema, VALIDATES):
        return None
    for tag in (PRE_LOAD, POST_LOAD, VALIDATES_SCHEMA):
        for _name, pass_collection, kwargs in _hooks(schema, tag):
            if pass_collection or kwargs.get("pass_original"):
                return None
    pre = tuple(getattr(schema, name) for name, _, _ in _hooks(schema, PRE_LOAD))
    inline = None
    if len(pre) == 1:
        inline = _INLINE_PRE_LOAD.get(getattr(type(schema), _hooks(schema, PRE_LOAD)[0][0]))
        if inline is not None:
            pre = ()
    checks = tuple(getattr(schema, name) for name, _, _ in _hooks(schema, VALIDATES_SCHEMA))
    post = tuple(getattr(schema, name) for name, _, _ in _hooks(schema, POST_LOAD))
    plan = []
    for attr_name, field in schema.load_fields.items():
        loader = field_loader(field)
        if loader is None:
            return None
        key = field.data_key if field.data_key is not None else attr_name
        default = field.load_default
        plan.append((key, field.attribute or attr_name, loader, field.required, default,
                     callable(default), inline is not None and inline[1](field)))
    if any("." in out_key for _, out_key, *_ in plan):  # dotted attributes: set_value nesting
        return None
    plan = tuple(plan)
    allowed = frozenset(key for key, *_ in plan)
    hook_kwargs = {"many": False, "partial": None, "unknown": RAISE}
    per_value = inline if inline is not None else None

    return _generated(plan, allowed, pre, checks, post, hook_kwargs, per_value)


def _generated(plan, allowed, pre, checks, post, hook_kwargs, per_value):
    """The load function, written out field by field (one straight run of code per schema:
    no loop over the plan, no tuple unpacking per field)."""
    env = {"G": _GIVE_UP, "M": missing, "VE": ValidationError, "allowed": allowed,
           "pre": pre, "checks": checks, "post": post, "kw": hook_kwargs}
    if per_value is not None:
        env["pv"], _, env["pt"], env["AS_IS"] = per_value
        env["AS_IS"] = frozenset(env["AS_IS"]) | {type(missing)}
    lines = ["def load(data):",
             "    if data.__class__ is not dict:",
             "        raise G"]
    if pre:
        lines += ["    try:",
                  "        for hook in pre:",
                  "            data = hook(data, **kw)",
                  "    except VE:",
                  "        raise G from None",
                  "    if data.__class__ is not dict:",
                  "        raise G"]
    lines += ["    if not allowed.issuperset(data):",
              "        raise G",
              "    out = {}",
              "    get = data.get"]
    for i, (key, out_key, loader, required, default, default_callable, none_missing) in \
            enumerate(plan):
        env[f"L{i}"], env[f"D{i}"] = loader, default
        lines.append(f"    v = get({key!r}, M)")
        if per_value is not None:
            lines += ["    if v.__class__ is str:",
                      "        v = pt(v)",
                      "    elif v.__class__ not in AS_IS:",
                      "        v = pv(v)"]
            if none_missing:
                lines += ["    if v is None:",
                          "        v = M"]
        lines.append("    if v is M:")
        if required:
            lines.append("        raise G")
        elif default is missing:
            lines.append("        pass")
        else:
            lines.append(f"        out[{out_key!r}] = D{i}()" if default_callable
                         else f"        out[{out_key!r}] = D{i}")
        text_checks = getattr(loader, "text_checks", None)
        if text_checks is not None:  # valid text kept as it is, without a call
            lines += [f"    elif {_text_condition(i, text_checks, env)}:",
                      f"        out[{out_key!r}] = v"]
        lines += ["    else:",
                  f"        out[{out_key!r}] = L{i}(v, data)"]
    if checks or post:
        lines += ["    try:",
                  "        for check in checks:",
                  "            check(out, **kw)",
                  "        for hook in post:",
                  "            out = hook(out, **kw)",
                  "    except VE:",
                  "        raise G from None"]
    lines.append("    return out")
    exec(compile("\n".join(lines), "<fastload>", "exec"), env)  # noqa: S102 — our own text
    return env["load"]
