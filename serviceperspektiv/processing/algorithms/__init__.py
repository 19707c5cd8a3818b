"""One module per algorithm (or family); each exports ``ALGORITHMS = [Class, ...]``."""
