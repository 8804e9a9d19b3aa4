"""Reports of the registry: the rekap of an area with its drill-down, its charts, printable pages and exports."""
