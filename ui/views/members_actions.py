"""What the buttons of the 委员 screen do: edit, 离任, delete, merge, import and export."""

from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtWidgets import QDialog

from models.errors import DomainError
from models.services import lookups
from models.services.people_list import PersonRow
from models.services.people_records import delete_person, set_former
from ui import messages
from ui.files import ask_save_path, show_saved


class MembersActions:
    def __init__(self, page):
        self.page = page

    @property
    def context(self):
        return self.page.context

    # -- selection ------------------------------------------------------------------------------------
    def selected_rows(self) -> list[PersonRow]:
        selection = self.page.table.selectionModel()
        if selection is None:
            return []
        rows = sorted(index.row() for index in selection.selectedRows())
        return [row for row in (self.page.model.row_at(r) for r in rows) if row is not None]

    def selected_ids(self) -> list[int]:
        return [row.id for row in self.selected_rows()]

    def select_ids(self, person_ids: list[int]) -> None:
        table, model = self.page.table, self.page.model
        selection = QItemSelection()
        for person_id in person_ids:
            row = model.row_of(person_id)
            if row >= 0:
                selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        table.selectionModel().select(selection, flags)
        if person_ids and model.row_of(person_ids[0]) >= 0:
            table.scrollTo(model.index(model.row_of(person_ids[0]), 0))

    def _run(self, service, *args, **kwargs) -> bool:
        try:
            self.context.call(service, *args, **kwargs)
        except DomainError as exc:
            messages.warn(self.page, exc.message)
            return False
        return True

    # -- edit ------------------------------------------------------------------------------------------
    def add(self) -> None:
        from ui.dialogs.person_dialog import PersonDialog

        dialog = PersonDialog(self.context, None, self.page)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.context.data_changed.emit()
            self.page.after_reload_select([dialog.saved_id])

    def edit(self) -> None:
        from ui.dialogs.person_dialog import PersonDialog

        rows = self.selected_rows()
        if len(rows) != 1:
            return
        dialog = PersonDialog(self.context, rows[0].id, self.page)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.context.data_changed.emit()
            self.page.after_reload_select([rows[0].id])

    def toggle_former(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        restore = all(not row.active for row in rows)
        names = "、".join(row.name for row in rows[:5]) + (f" 等 {len(rows)} 人" if len(rows) > 5 else "")
        if not restore and not messages.confirm(
                self.page, f"将 {names} 标记为离任吗？",
                informative="离任人员的参会、调研、建议等历史记录全部保留，但不再出现在在任名单和新的邀请名单中。"
                            "以后可以“恢复在任”。", yes="标记离任"):
            return

        def change(session) -> None:
            for row in rows:
                set_former(session, row.id, not restore, expected_version=row.version)

        if self._run(change):
            self.context.data_changed.emit()

    def delete(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        row = rows[0]
        if not messages.confirm(self.page, f"确定删除“{row.name}”吗？删除后无法恢复。", yes="删除", danger=True):
            return
        if self._run(delete_person, row.id):
            self.context.data_changed.emit()

    def merge(self) -> None:
        from ui.dialogs.merge_people_dialog import MergePeopleDialog

        rows = self.selected_rows()
        if len(rows) != 2:
            messages.inform(self.page, "请先在名单中选中两条需要合并的记录（按住 Ctrl 键单击）。")
            return
        dialog = MergePeopleDialog(self.context, rows[0], rows[1], self.page)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.context.data_changed.emit()
            self.page.after_reload_select([dialog.kept_id])

    def show_visits(self) -> None:
        from ui.dialogs.member_visits_dialog import MemberVisitsDialog

        rows = self.selected_rows()
        if len(rows) == 1:
            MemberVisitsDialog(self.context, rows[0].id, rows[0].name, self.page).exec()

    # -- Excel ----------------------------------------------------------------------------------------
    def import_excel(self) -> None:
        from ui.dialogs.import_people_dialog import ImportPeopleDialog

        dialog = ImportPeopleDialog(self.context, self.page)
        if dialog.choose_file() and dialog.exec() == QDialog.DialogCode.Accepted:
            self.context.data_changed.emit()

    def export_list(self) -> None:
        from models.exports.people_xlsx import export_people

        rows = self.page.model.visible_rows()
        if not rows:
            messages.inform(self.page, "当前名单是空的，没有可导出的人员。请调整筛选条件。")
            return
        path = ask_save_path(self.page, self.context, "导出名单", "人员名单")
        if path is None:
            return
        columns = self.page.shown_column_keys()
        described = self.page.filters.describe()
        subtitle = "；".join(filter(None, [described, self.page.search.text() and f"搜索：{self.page.search.text()}",
                                           f"共 {len(rows)} 人"]))
        self.context.tasks.run(
            lambda _ctx: export_people(rows, columns, path, title="人员名单", subtitle=subtitle),
            with_session=False, label="正在导出名单…", parent=self.page,
            on_done=lambda saved: show_saved(self.page, saved, "名单"))

    def export_roster(self) -> None:
        from models.exports.people_xlsx import export_roster_by_sector

        rows = [row for row in self.page.model.visible_rows() if row.is_member]
        if not rows:
            messages.inform(self.page, "当前名单中没有委员。花名册只包含委员（不含嘉宾），请调整筛选条件。")
            return
        path = ask_save_path(self.page, self.context, "导出委员花名册", "委员花名册")
        if path is None:
            return
        order = [value.name for value in self.context.call(lookups.list_values, "sector")]
        self.context.tasks.run(
            lambda _ctx: export_roster_by_sector(rows, path, title="委员花名册", sector_order=order),
            with_session=False, label="正在导出花名册…", parent=self.page,
            on_done=lambda saved: show_saved(self.page, saved, "委员花名册"))
