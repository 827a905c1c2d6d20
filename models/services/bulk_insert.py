"""One INSERT executed for many rows at the driver, for the bulk writers (imports).

SQLAlchemy's executemany handles every row's parameters in Python (key lookup, type processing per value),
which for 10,000 people costs more than SQLite's own work. Here each column's type processing is looked up
once and the rows go to the driver's executemany as tuples; the values stored are the same as insert(table)'s.
"""

from sqlalchemy import Table
from sqlalchemy.engine import Connection

# The driver's placeholder for one value: sqlite3 takes "?", psycopg "%s".
_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def insert_rows(connection: Connection, table: Table, rows: list[dict]) -> None:
    """Insert `rows` (dicts with the same keys, every column without a Python default among them) into `table`."""
    if not rows:
        return
    names = list(rows[0])
    missing = [c.name for c in table.columns if c.name not in names and c.default is not None]
    if missing:  # insert(table) would fill these; this path does not, so refuse rather than store NULL
        raise ValueError(f"insert_rows: {table.name} rows lack {missing}")
    dialect = connection.dialect
    processors = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
    processed = [(name, process) for name, process in zip(names, processors, strict=True) if process]
    if processed:
        rows = [{**row, **{name: process(row[name]) for name, process in processed}} for row in rows]
    values = [tuple(row[name] for name in names) for row in rows]
    quote = dialect.identifier_preparer.quote
    mark = _PLACEHOLDERS[dialect.paramstyle]
    statement = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)})"
                 f" VALUES ({', '.join([mark] * len(names))})")
    connection.exec_driver_sql(statement, values)
