"""Qt table models over plain data from models.services."""
