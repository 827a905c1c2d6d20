@echo off
rem 启动协商会务台（不显示命令窗口）。以 GBK 编码、CRLF 换行写入安装包，见 install.bat 开头的说明。
cd /d "%~dp0"
if not exist ".venv\Scripts\pythonw.exe" (
    echo 协商会务台尚未安装，请先双击本文件夹中的 install.bat。
    pause
    exit /b 1
)
start "" ".venv\Scripts\pythonw.exe" "app\main.py" %*
