"""HTTP adapter: FastAPI app, routers, schemas, auth, CLI."""
