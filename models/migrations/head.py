"""The newest schema revision, so that opening a current database needs no Alembic at all.

When you add a revision under versions/, set HEAD to its id; tests/models/test_migrations.py checks that
this is Alembic's head.
"""

HEAD = "0006"
