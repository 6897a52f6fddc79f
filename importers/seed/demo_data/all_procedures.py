"""All demo procedures in one list: commune, district, then province level."""
from importers.seed.demo_data.procedures_commune import PROCEDURES as COMMUNE
from importers.seed.demo_data.procedures_commune_social import PROCEDURES as COMMUNE_SOCIAL
from importers.seed.demo_data.procedures_district import PROCEDURES as DISTRICT
from importers.seed.demo_data.procedures_district_social import PROCEDURES as DISTRICT_SOCIAL
from importers.seed.demo_data.procedures_province import PROCEDURES as PROVINCE

PROCEDURES = COMMUNE + COMMUNE_SOCIAL + DISTRICT + DISTRICT_SOCIAL + PROVINCE
