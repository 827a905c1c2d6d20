"""Statements run on a database by a test, outside the app's services (set-up, or what an administrator does)."""


def run_statements(engine, statements) -> None:
    """Each statement, in one transaction (each on its own with an AUTOCOMMIT engine); the engine disposed after."""
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.exec_driver_sql(statement)
    finally:
        engine.dispose()
