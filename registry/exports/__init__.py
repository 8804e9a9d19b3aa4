"""Downloads: `files` writes tables as .csv and .xlsx (the rekap's downloads, the list exports and their
templates); `lists` gives the WKSBM and KPS lists' export rows in exactly the import's columns."""
