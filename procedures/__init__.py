"""The domain: models, schemas, services, audit."""
