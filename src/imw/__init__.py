"""IMW warehouse: Python side (simulator, delivery gate, publishing, reports)."""
