"""All demo procedures in one list: commune, district, then province level."""
from importers.seed.demo_data import (
    procedures_commune,
    procedures_commune_social,
    procedures_district,
    procedures_district_social,
    procedures_province,
)

PROCEDURES = (
    procedures_commune.PROCEDURES
    + procedures_commune_social.PROCEDURES
    + procedures_district.PROCEDURES
    + procedures_district_social.PROCEDURES
    + procedures_province.PROCEDURES
)
