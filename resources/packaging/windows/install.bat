@echo off
rem 协商会务台 Windows 离线安装。本文件在代码库中以 UTF-8 保存；windows_kit.py 把它以 GBK 编码、CRLF 换行写入安装包，
rem 中文 Windows 的命令提示符（代码页 936）才能正确显示其中的中文。
setlocal
cd /d "%~dp0"
title 协商会务台 安装
set "PY="
py -3.11 -c "import sys" >nul 2>nul && set "PY=py -3.11"
if not defined PY python -c "import sys; sys.exit(sys.version_info[:2] != (3, 11))" >nul 2>nul && set "PY=python"
if not defined PY (
    echo 没有找到 Python 3.11。
    echo 请先安装 Python 3.11（64 位）：双击本文件夹中的 python-3.11 安装程序（如已放入），
    echo 安装时勾选“Add python.exe to PATH”，装好后再双击 install.bat。详见“安装说明.txt”。
    pause
    exit /b 1
)
echo 正在建立运行环境（约需一两分钟，不需要联网）……
%PY% -m venv .venv || goto failed
".venv\Scripts\python.exe" -m pip install --no-index --find-links wheelhouse -r requirements.txt || goto failed
echo 正在桌面上建立“协商会务台”快捷方式……
".venv\Scripts\python.exe" tools\shortcut.py || goto failed
echo.
echo 安装完成。双击桌面上的“协商会务台”即可使用；也可以双击本文件夹中的 start.bat。
pause
exit /b 0

:failed
echo.
echo 安装没有完成，请把本窗口的内容拍照或复制，发给技术支持人员。
pause
exit /b 1
