"""What the buttons of the 委员 screen do: edit, 离任, delete, merge, import and export."""

from models.services import lookups
from models.services.people import get_person
from models.services.people_records import delete_person, person_delete_refusal, references, set_former
from models.text import quoted
from ui import messages
from ui.deleting import delete_after_check
from ui.dialogs import exec_dialog
from ui.files import ask_save_path, show_saved
from ui.operations import run_background, run_command, run_query
from ui.widgets.tables import select_keys, selected_rows


class MembersActions:
    def __init__(self, page):
        self.page = page

    @property
    def context(self):
        return self.page.context

    # -- selection ------------------------------------------------------------------------------------
    def selected_rows(self):
        return selected_rows(self.page.table)

    def selected_ids(self) -> list[int]:
        return [row.id for row in self.selected_rows()]

    def select_ids(self, person_ids: list[int]) -> None:
        select_keys(self.page.table, person_ids)

    # -- edit ------------------------------------------------------------------------------------------
    def _person_dialog(self, person_id: int | None) -> None:
        from ui.dialogs.person_dialog import PersonDialog

        def load(session):
            values = lookups.values_of(session)
            return (get_person(session, person_id) if person_id else None), values

        def opened(loaded) -> None:
            data, values = loaded
            dialog = PersonDialog(self.context, data, values, self.page)
            if exec_dialog(dialog):
                self.page.after_reload_select([dialog.saved_id])

        run_query(self.context, self.page, load, on_done=opened)

    def add(self) -> None:
        self._person_dialog(None)

    def edit(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self._person_dialog(rows[0].id)

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
        changes = [(row.id, row.version) for row in rows]

        def change(session) -> None:
            for person_id, version in changes:
                set_former(session, person_id, not restore, expected_version=version)

        run_command(self.context, self.page, change, label="正在保存…")

    def delete(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        row = rows[0]
        delete_after_check(self.context, self.page, refusal=lambda s: person_delete_refusal(s, row.id),
                           question=f"确定删除{quoted(row.name)}吗？删除后无法恢复。",
                           delete=lambda s: delete_person(s, row.id))

    def merge(self) -> None:
        from ui.dialogs.merge_people_dialog import MergePeopleDialog

        rows = self.selected_rows()
        if len(rows) != 2:
            messages.inform(self.page, "请先在名单中选中两条需要合并的记录（按住 Ctrl 键单击）。")
            return
        first, second = rows

        def opened(used) -> None:
            dialog = MergePeopleDialog(self.context, first, second, used, self.page)
            if exec_dialog(dialog):
                self.page.after_reload_select([dialog.kept_id])

        run_query(self.context, self.page, lambda s: (references(s, first.id), references(s, second.id)),
                  on_done=opened)

    def show_visits(self) -> None:
        from models.services.research import list_visits
        from ui.dialogs.member_visits_dialog import MemberVisitsDialog

        rows = self.selected_rows()
        if len(rows) == 1:
            person = rows[0]
            run_query(self.context, self.page, lambda s: list_visits(s, person_id=person.id),
                      on_done=lambda visits: exec_dialog(MemberVisitsDialog(person.name, visits, self.page)))

    # -- Excel ----------------------------------------------------------------------------------------
    def import_excel(self) -> None:
        from ui.dialogs.import_people_dialog import ImportPeopleDialog

        dialog = ImportPeopleDialog(self.context, self.page)
        if dialog.choose_file():
            exec_dialog(dialog)
        else:
            dialog.deleteLater()

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
        run_background(self.context, self.page,
                       lambda _ctx: export_people(rows, columns, path, title="人员名单", subtitle=subtitle),
                       label="正在导出名单…", on_done=lambda saved: show_saved(self.page, saved, "名单"))

    def export_roster(self) -> None:
        from models.exports.people_xlsx import export_roster_by_sector

        rows = [row for row in self.page.model.visible_rows() if row.is_member]
        if not rows:
            messages.inform(self.page, "当前名单中没有委员。花名册只包含委员（不含嘉宾），请调整筛选条件。")
            return
        path = ask_save_path(self.page, self.context, "导出委员花名册", "委员花名册")
        if path is None:
            return
        order = [value.name for value in self.page.lookup_values.get("sector", [])]
        run_background(self.context, self.page,
                       lambda _ctx: export_roster_by_sector(rows, path, title="委员花名册", sector_order=order),
                       label="正在导出花名册…", on_done=lambda saved: show_saved(self.page, saved, "委员花名册"))
