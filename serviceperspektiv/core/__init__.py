"""Pure-Python core of Serviceperspektiv (numpy, optional scipy; no QGIS imports).

Everything here works on plain arrays so that it can be tested and benchmarked without QGIS.
"""
