"""Request and response models (pydantic); the domain never sees them."""
