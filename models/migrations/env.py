"""Alembic environment, configured in code by models/migrate.py (no alembic.ini).

The caller passes an open connection in config.attributes["connection"]; SQLite runs in
batch mode so column changes rebuild the table instead of failing.
"""

from alembic import context
from sqlmodel.sql.sqltypes import AutoString

import models.tables  # noqa: F401 - registers every table on the metadata
from models.tables import metadata


def render_item(type_, obj, _autogen_context):
    """Write SQLModel's AutoString as a plain sa.String so revisions need only SQLAlchemy."""
    if type_ == "type" and isinstance(obj, AutoString):
        return f"sa.String(length={obj.length})" if obj.length else "sa.String()"
    return False


config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("请通过 models.migrate 运行数据库迁移（需要传入数据库连接）。")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
    render_item=render_item,
    include_object=config.attributes.get("include_object"),
)
with context.begin_transaction():
    context.run_migrations()
