"""Made-up registry data: the DI Yogyakarta demo (`seed_demo`) and national-scale benchmark data (`seed_scale`).

Everything here is invented from seeded `random.Random` generators, so a run is reproducible; no real person,
phone number or NIK is copied from anywhere. Wilayah are never invented: both seeders use the loaded tree.
"""
