"""Other clients' changes, told to this one: several PCs on one office database see each other's saves.

PostgreSQL: every committed unit of work that changed something sends, in the same transaction,
`NOTIFY consultdesk, '<json>'` with the client that wrote and the areas and ids it touched (the same
Changes a command reports on its own PC). A `Listener` — a thread with a connection of its own — turns each
notification from another client back into Changes; its own are skipped. The server delivers a notification
only when its transaction commits, so nobody is told of a save that was rolled back.

SQLite: a file has no notifications; `PRAGMA data_version` tells a connection whether another connection
committed since it last asked, which is cheap enough to ask every two seconds. It cannot say what changed:
the answer is Changes.elsewhere() (every area, no ids).

Nothing here knows about Qt: ui/live_updates.py delivers the Changes as change notices on the GUI thread.
"""

import contextlib
import json
import threading
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.engine import make_url

from models.app_log import get_logger
from models.changes import Area, ChangeLog, Changes

log = get_logger("live")

CHANNEL = "consultdesk"
PAYLOAD_LIMIT = 7000  # bytes; PostgreSQL refuses a payload of 8000 or more: ids are left out above this
RETRY_SECONDS = (1, 2, 5, 10)  # waits between attempts to reach the server again (the last one repeats)
WAIT_SECONDS = 0.5  # how long the listener waits for notifications before it looks whether it should stop
_DATA_VERSION = "consultdesk.data_version"  # where a pooled SQLite connection keeps the version it saw last


# -- what one commit says ---------------------------------------------------------------------------------
def payload(client: str, changes: Changes) -> str:
    """The notification text: {"client": …, "areas": {area: [ids] or null}} (null: which ones is not known)."""
    areas = {area.value: sorted(changes.ids[area]) if area in changes.ids else None
             for area in sorted(changes.areas)}
    text = json.dumps({"client": client, "areas": areas}, separators=(",", ":"))
    if len(text.encode()) > PAYLOAD_LIMIT:  # a large import: "something in these areas" instead of the ids
        text = json.dumps({"client": client, "areas": dict.fromkeys(areas)}, separators=(",", ":"))
    return text


def parse(text: str) -> tuple[str, Changes] | None:
    """(client, Changes) from a notification; None (and a log line) for text this version cannot read."""
    try:
        data = json.loads(text)
        areas, ids = set(), {}
        for name, found in data["areas"].items():
            try:
                area = Area(name)
            except ValueError:  # an area a newer version knows: nothing here shows it
                continue
            areas.add(area)
            if found is not None:
                ids[area] = frozenset(int(i) for i in found)
        return str(data["client"]), Changes(frozenset(areas), ids)
    except (ValueError, KeyError, TypeError, AttributeError):
        log.warning("无法读取数据库改动通知：%.200s", text)
        return None


def announce_commits(sessions, url: str, client: str) -> None:
    """Make every session of `sessions` that changed something NOTIFY the others as it commits (PostgreSQL)."""
    if make_url(url).get_backend_name() != "postgresql":
        return

    def before_commit(session) -> None:
        session.flush()  # the commit would flush what is pending: its rows belong in the notice
        changes = session.info.get(ChangeLog.KEY)
        changes = changes.changes() if changes is not None else None
        if changes:
            session.connection().exec_driver_sql("SELECT pg_notify(%(channel)s, %(payload)s)",
                                                 {"channel": CHANNEL, "payload": payload(client, changes)})

    event.listen(sessions, "before_commit", before_commit)


# -- PostgreSQL: listening ---------------------------------------------------------------------------------
class Listener:
    """LISTENs on a connection of its own, in a thread; each notification from another client becomes
    `deliver(changes)` (called on the listener's thread). A lost connection (the server restarted, the network
    dropped) is logged and tried again quietly; once back, `deliver(Changes.elsewhere())` stands for whatever
    was missed meanwhile. `stop()` returns at once; the thread closes its connection within WAIT_SECONDS."""

    def __init__(self, engine, client: str, deliver: Callable[[Changes], None]):
        self.engine, self.client, self.deliver = engine, client, deliver
        self._stop = threading.Event()
        self.connected = threading.Event()  # set while listening (tests wait on it)
        self.reconnects = 0
        self.own = 0  # notifications of this client's own commits, heard and skipped
        self._thread = threading.Thread(target=self._run, name="consultdesk-listener", daemon=True)

    def start(self) -> "Listener":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def join(self, timeout: float | None = None) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _connect(self):
        """A connection of the engine's (same server, login and settings), taken out of its pool for good."""
        pooled = self.engine.raw_connection()
        connection = pooled.dbapi_connection
        pooled.detach()
        try:
            connection.autocommit = True
            connection.execute(f"LISTEN {CHANNEL}")
        except BaseException:
            connection.close()
            raise
        return connection

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                connection = self._connect()
            except Exception as exc:  # the server is not there (yet): try again later, quietly
                if failures == 0:
                    log.warning("无法连接数据库服务器接收其他电脑的改动，稍后重试：%s", exc)
                failures += 1
                self._stop.wait(RETRY_SECONDS[min(failures, len(RETRY_SECONDS)) - 1])
                continue
            if failures:
                self.reconnects += 1
                log.info("已重新连接数据库服务器，继续接收其他电脑的改动")
                self.deliver(Changes.elsewhere())  # whatever others saved while this one was away
            failures = 0
            self.connected.set()
            try:
                self._listen(connection)
            except Exception as exc:
                log.warning("与数据库服务器的连接断开，正在重新连接：%s", exc)
                failures = 1
            finally:
                self.connected.clear()
                with contextlib.suppress(Exception):  # already broken: nothing to close cleanly
                    connection.close()
            if failures:
                self._stop.wait(RETRY_SECONDS[0])

    def _listen(self, connection) -> None:
        while not self._stop.is_set():
            for notification in connection.notifies(timeout=WAIT_SECONDS):
                told = parse(notification.payload)
                if told is not None and told[0] == self.client:
                    self.own += 1  # its own command already told this client's screens
                elif told is not None and told[1]:
                    self.deliver(told[1])
                if self._stop.is_set():
                    return


# -- SQLite: asking the file ------------------------------------------------------------------------------
def changed_elsewhere(engine) -> bool:
    """Whether another connection (another program, another PC) committed to the SQLite file since the last
    call. Asked on the connection this app works with, so its own commits do not count; the first call only
    takes note. Sent past SQLAlchemy's statement events: a poll is not part of any command."""
    from models.db import sqlite_data_version

    pooled = engine.raw_connection()
    try:
        version = sqlite_data_version(pooled.dbapi_connection)
        last = pooled.info.get(_DATA_VERSION)
        pooled.info[_DATA_VERSION] = version
    finally:
        pooled.close()  # back to the pool, with what it saw
    return last is not None and last != version


__all__ = ["CHANNEL", "Listener", "announce_commits", "changed_elsewhere", "parse", "payload"]
