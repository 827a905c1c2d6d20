"""Use cases. Each takes a Session, enforces the rules and returns plain data."""
