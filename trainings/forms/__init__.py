"""The field pages' forms of the pembinaan work, one module per kind of page (`penyuluhan`, …)."""
