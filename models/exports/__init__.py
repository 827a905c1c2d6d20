"""Files the app writes: Excel workbooks (and later printable sheets)."""
