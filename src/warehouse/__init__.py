"""The DuckDB warehouse: schema, migrations, loading one document per transaction.

Knows nothing about parsing: it stores the typed document model and metadata it is given.
"""

from styrdata.warehouse.store import DEFAULT_DB, StoreError, Warehouse, WarehouseError

__all__ = ["DEFAULT_DB", "StoreError", "Warehouse", "WarehouseError"]
