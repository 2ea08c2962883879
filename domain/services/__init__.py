"""Use cases: each takes a unit of work, holds the transaction boundary and states its rule."""
