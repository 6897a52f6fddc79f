"""Data that seeds a registry: the demo city and the real administrative units."""
