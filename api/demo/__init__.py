"""`keyhold demo-data`: the demo company (content.py), its orders (orders.py), score sheets (scores.py) and
complaints (complaints.py), loaded by data.py through the use cases and the ports (customers.py reads the imported
customers back through them), as the company's people and its ERP would have entered them. No session, no table:
the import-linter contract "Demo data goes through the ports" keeps SQLAlchemy out of this package."""
