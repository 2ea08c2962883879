"""Visits: plans by tier, the visit log, check-in anomalies (docs/domain.md section 8)."""
