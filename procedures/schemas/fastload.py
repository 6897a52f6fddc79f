"""A schema's load without marshmallow's per-field machinery, for input that is valid.

marshmallow spends most of a load on bookkeeping around each field (error stores, getter
closures, an And() of the validators built per value, hook lookups). An import loads about
twenty nested rows per procedure, so that bookkeeping was a third of its time. compile_load()
turns a schema into one function that does what Schema.load does for valid input, calling the
same fields, validators and hooks:

- the schema's pre_load hooks, then each field: missing → load_default (or skipped),
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
from marshmallow import ValidationError, missing
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
    from procedures.schemas.fields import Bool, CodeText, Int, Text

    cls = type(field)
    if isinstance(field, mf.List) and _exact_method(field, mf.List):
        inner = field_loader(field.inner)
        if inner is None:
            return None

        def convert_list(value, data):
            if value.__class__ is not list:
                return _generic(field, value, data)
            return [inner(item, None) for item in value]
        return convert_list
    if isinstance(field, mf.Nested) and _exact_method(field, mf.Nested) and not field.many \
            and field.only is None and not field.exclude and field.unknown is None:
        load = compile_load(field.schema)
        if load is None:
            return None
        return lambda value, data: load(value) if value.__class__ is dict else _generic(
            field, value, data)
    if cls is Text or (cls is not CodeText and isinstance(field, mf.String)
                       and _exact_method(field, mf.String)):
        return _text(field)
    if cls is CodeText:
        return _stripped_text(field)
    if cls is Int:
        return _integer(field)
    if cls is Bool or (isinstance(field, mf.Boolean) and _exact_method(field, mf.Boolean)):
        return _boolean(field)
    return lambda value, data: _generic(field, value, data)


def field_loader(field):
    """value, data → what field.deserialize(value) returns, or raise Fallback; None when the
    field has something this module does not reproduce (field-level pre/post_load)."""
    if getattr(field, "pre_load", None) or getattr(field, "post_load", None):
        return None
    for method in ("deserialize", "_validate_missing", "_validate"):
        if not _exact_method(field, mf.Field, method):
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
    return load


def _hooks(schema, tag):
    return schema._hooks.get(tag) or []


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
                     callable(default)))
    if any("." in out_key for _, out_key, *_ in plan):  # dotted attributes: set_value nesting
        return None
    plan = tuple(plan)
    allowed = frozenset(key for key, *_ in plan)
    hook_kwargs = {"many": False, "partial": None, "unknown": RAISE}

    def load(data):
        if data.__class__ is not dict:
            raise _GIVE_UP
        try:
            for hook in pre:
                data = hook(data, **hook_kwargs)
        except ValidationError:
            raise _GIVE_UP from None
        if data.__class__ is not dict or not allowed.issuperset(data):
            raise _GIVE_UP
        out = {}
        get = data.get
        for key, out_key, loader, required, default, default_callable in plan:
            value = get(key, missing)
            if value is missing:
                if required:
                    raise _GIVE_UP
                if default is not missing:
                    out[out_key] = default() if default_callable else default
                continue
            out[out_key] = loader(value, data)
        try:
            for check in checks:
                check(out, **hook_kwargs)
            for hook in post:
                out = hook(out, **hook_kwargs)
        except ValidationError:
            raise _GIVE_UP from None
        return out
    return load
