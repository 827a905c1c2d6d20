"""The watchdog of unattended runs: a dialog waiting for an answer, or a run that takes too long, ends it."""

import threading

from PySide6.QtWidgets import QMessageBox, QProgressDialog

from ui.watchdog import DIALOG_WAITING, TOO_SLOW, Watchdog


class Exits:
    def __init__(self):
        self.calls, self.event = [], threading.Event()

    def __call__(self, text, code):
        self.calls.append((text, code))
        self.event.set()


def test_a_message_box_ends_the_run_with_its_title_text_and_buttons(qtbot, qapp):
    exits = Exits()
    box = QMessageBox(QMessageBox.Icon.Warning, "无法打开数据库", "文件已损坏。")
    box.addButton("退出", QMessageBox.ButtonRole.RejectRole)
    qtbot.addWidget(box)
    watchdog = Watchdog(qapp, 600, poll_ms=10, exit=exits).start()
    box.show()
    qtbot.waitUntil(lambda: bool(exits.calls))
    watchdog.stop()
    text, code = exits.calls[0]
    assert code == DIALOG_WAITING and "无法打开数据库" in text and "文件已损坏。" in text and "退出" in text


def test_a_progress_dialog_is_no_reason_to_stop(qtbot, qapp):
    exits = Exits()
    progress = QProgressDialog("正在生成演示数据…", None, 0, 0)
    qtbot.addWidget(progress)
    watchdog = Watchdog(qapp, 600, poll_ms=10, exit=exits).start()
    progress.show()
    polled = []
    watchdog.poll.timeout.connect(lambda: polled.append(1))
    qtbot.waitUntil(lambda: len(polled) >= 3)
    watchdog.stop()
    assert exits.calls == []


def test_the_timer_thread_ends_a_run_even_while_the_gui_thread_is_blocked(qapp):
    exits = Exits()
    watchdog = Watchdog(qapp, 0.05, exit=exits).start()
    assert exits.event.wait(30)  # the GUI thread is blocked right here, in wait(): no Qt timer could fire
    watchdog.stop()
    assert exits.calls[0][1] == TOO_SLOW and "秒内完成" in exits.calls[0][0]
