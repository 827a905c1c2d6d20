"""ConsultDesk user interface (PySide6). Imports models, never the other way round."""
