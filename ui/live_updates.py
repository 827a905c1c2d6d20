"""Saves made on other PCs, shown here without a manual refresh: they arrive as the same change notices as
this PC's own commands (ui/notices.py), so every screen refreshes what concerns it.

On PostgreSQL a listener thread (models/live.py) hears each other client's commit with its areas and ids.
On a SQLite file the database executor asks every POLL_MS whether another program wrote the file (one
PRAGMA, queued behind the work already asked for); if so every area is reloaded. Following another database
stops the old listener or poll; so does closing the app.
"""

from PySide6.QtCore import QObject, QTimer, Signal

from models.app_log import get_logger
from models.changes import Changes

log = get_logger("live")

POLL_MS = 1000  # one PRAGMA a second is nothing; a change then shows within about a second


class LiveUpdates(QObject):
    # (database, Changes) from another client: emitted on a worker, delivered on the GUI thread, dropped there
    # if this window follows another database by then (a notification already on its way from the old one)
    arrived = Signal(object, object)

    def __init__(self, context):
        super().__init__(context)
        self.context = context
        self.database = None
        self.listener = None
        self.polls = 0  # answers the file gave so far (tests read it)
        self.arrived.connect(self._publish)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def follow(self, database) -> None:
        """Tell this window of other clients' changes to `database` (None: of nothing)."""
        self.stop()
        self.database = database
        if database is None:
            return
        if database.engine.dialect.name == "postgresql":
            from models.live import Listener

            self.listener = Listener(database.engine, database.client_id,
                                     lambda changes: self.arrived.emit(database, changes)).start()
        elif database.path is not None:
            self._poll()  # the first answer only takes note of the file's state
            self._timer.start()

    @property
    def polling(self) -> bool:
        return self._timer.isActive()

    def stop(self) -> None:
        self._timer.stop()
        if self.listener is not None:
            self.listener.stop()  # its thread closes the connection by itself, without holding up the GUI
            self.listener = None
        self.database = None

    def _publish(self, source, changes: Changes) -> None:
        if source is self.database and source is not None:
            self.context.notices.publish(changes)

    def _poll(self) -> None:
        database = self.database
        if database is None:
            return

        def asked(outcome) -> None:  # on the database executor
            self.polls += 1
            if outcome.kind == "done" and outcome.value and database is self.database:
                self.arrived.emit(database, Changes.elsewhere())
            elif outcome.kind == "failed":
                log.warning("无法检查数据库文件是否被其他程序修改：%r", outcome.error)

        def ask(_ctx) -> bool:
            from models.live import changed_elsewhere

            return changed_elsewhere(database.engine)

        self.context.db.submit(ask, deliver=asked, key=(id(self), "poll"))


__all__ = ["POLL_MS", "LiveUpdates"]
