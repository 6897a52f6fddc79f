"""marshmallow schemas: input (load) and output (dump)."""
