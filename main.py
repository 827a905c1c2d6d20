"""协商会务台 (ConsultDesk): start the application.

    python main.py                 open the database (default: the user data folder)
    python main.py --demo          open the demo database (built on first use)
    python main.py --data-dir DIR  keep database, logs and settings in DIR
    python main.py --database-url URL
    python main.py --demo --exit-when-ready   smoke test: exit 0 once the first page has its data
    python main.py --demo --self-test DIR      smoke test of an installation: also writes one PDF, one .xlsx and
                                               one .docx into DIR, reads them back, exits 0 when all open
    python main.py --demo --sample-documents DIR   write every printed sheet, Word document and workbook
                                                   of one demo meeting and bulletin into DIR, then exit
"""

import time

STARTED = time.perf_counter()  # before anything else is imported: --exit-when-ready counts from here

import argparse  # noqa: E402
import sys  # noqa: E402

if sys.version_info < (3, 11):  # noqa: UP036 - a clear message for whoever starts it with an old Python
    sys.exit("协商会务台需要 Python 3.11 或更新版本。")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py", description="协商会务台：区政协协商工作管理")
    parser.add_argument("--demo", action="store_true", help="打开演示数据库（首次使用时自动生成）")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="数据文件夹（数据库、日志和窗口设置），也可用环境变量 CONSULTDESK_DATA_DIR 指定")
    parser.add_argument("--database-url", metavar="URL",
                        help="数据库地址（SQLAlchemy URL），也可用环境变量 CONSULTDESK_DATABASE_URL 指定")
    parser.add_argument("--version", action="store_true", help="显示版本后退出")
    parser.add_argument("--exit-when-ready", action="store_true",
                        help="第一页显示出数据后即退出（返回 0），并打印首次绘制和就绪的毫秒数；用于冒烟测试")
    parser.add_argument("--self-test", metavar="DIR",
                        help="冒烟测试：同 --exit-when-ready，并在文件夹 DIR 中生成一个 PDF、一个 Excel 表格和"
                             "一个 Word 文档，逐个读回检查，全部能打开时返回 0；与 --demo 一起使用。"
                             "出错、卡住或弹出对话框时以非 0 退出")
    parser.add_argument("--sample-documents", metavar="DIR",
                        help="不打开窗口，把一次双月协商会和一期《政协建言》的全部打印文件（PDF）、Word 文档和"
                             "Excel 表格写入文件夹 DIR（样张），完成后退出；与 --demo 一起使用即为演示数据的样张")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        from models import __version__
        from ui.app import run, write_samples
    except ImportError as exc:  # dependencies not installed: say how, in the user's language
        from ui.system_libraries import missing_library_hint  # no Qt in it: Qt may be what failed

        hint = missing_library_hint(exc)
        plain = f"缺少运行所需的组件（{exc.name}）。请按 README.md 中的命令安装后再启动。"
        print(f"协商会务台无法启动：{hint}" if hint else plain, file=sys.stderr)
        return 1
    if args.version:
        print(f"协商会务台 {__version__}")
        return 0
    if args.sample_documents:
        return write_samples(args)
    return run(args, STARTED)


if __name__ == "__main__":
    sys.exit(main())
