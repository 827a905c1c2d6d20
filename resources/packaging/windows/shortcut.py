"""install.bat's last step: a desktop shortcut 协商会务台 that starts the app without a console window.

Written through PowerShell's WScript.Shell from Python, so the Chinese name reaches Windows as Unicode
whatever the console's code page is.
"""

import subprocess
import sys
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent
NAME = "协商会务台"


def script() -> str:
    def quoted(value: Path | str) -> str:
        return "'" + str(value).replace("'", "''") + "'"

    return (f"$s = (New-Object -ComObject WScript.Shell).CreateShortcut("
            f"[Environment]::GetFolderPath('Desktop') + '\\' + {quoted(NAME + '.lnk')}); "
            f"$s.TargetPath = {quoted(KIT / '.venv' / 'Scripts' / 'pythonw.exe')}; "
            f"$s.Arguments = {quoted(chr(34) + str(KIT / 'app' / 'main.py') + chr(34))}; "
            f"$s.WorkingDirectory = {quoted(KIT / 'app')}; "
            f"$s.IconLocation = {quoted(KIT / 'consultdesk.ico')}; "
            f"$s.Description = {quoted('区政协协商工作管理')}; $s.Save()")


if __name__ == "__main__":
    done = subprocess.run(["powershell", "-NoProfile", "-ExecutionPolicy", "Bypass", "-Command", script()])
    if done.returncode != 0:
        print("未能建立桌面快捷方式；可以改为双击安装文件夹中的 start.bat 启动。")
    sys.exit(0)  # the installation itself is complete either way
