"""The front half of every bulk import (WKSBM, KPS, training attendance lists), pure and database-free.

read a file (`reader.read_table`) → map its header (`headers.map_headers`) → normalise each cell (`normalize`) →
resolve each row's wilayah (`wilayah_resolver.WilayahResolver`). Whole-file problems raise
`errors.ImportRefused`; a bad cell raises `errors.CellError`, which the caller collects with its row number.
"""
