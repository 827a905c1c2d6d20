"""Files the app reads: Excel workbooks from the offices, checked and previewed before anything is written."""
