"""Print layouts: load the .qpt templates, fill them with results and export PDF (no GUI widgets)."""
