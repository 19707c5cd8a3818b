"""Processing provider and algorithms (thin wrappers over the core)."""
