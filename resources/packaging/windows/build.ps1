# 在 Windows 电脑上运行（不在本仓库的 CI 中运行）：用 PyInstaller 生成 Windows 程序目录，再用 Inno Setup 生成安装程序。
#   需要：Python 3.11（64 位）、能访问 PyPI 或本单位的镜像；Inno Setup 6（生成安装程序时）。
#   用法：在仓库根目录打开 PowerShell，运行
#       powershell -ExecutionPolicy Bypass -File resources\packaging\windows\build.ps1
#   结果：build\package\consultdesk\consultdesk.exe（程序目录），build\package\协商会务台-<版本>-安装程序.exe
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..\..")

py -3.11 -m venv .venv-win
.\.venv-win\Scripts\python.exe -m pip install --quiet ".[package]"
# the icon of the .exe and the installer, from the one app icon (resources\icons\app.svg)
.\.venv-win\Scripts\python.exe -c "import sys; sys.path.insert(0, 'resources/packaging'); import windows_kit, pathlib; windows_kit.write_icon(pathlib.Path('resources/packaging/consultdesk.ico'))"
.\.venv-win\Scripts\python.exe -m PyInstaller --noconfirm --distpath build\package --workpath build\package\work resources\packaging\consultdesk.spec
$env:QT_QPA_PLATFORM = "offscreen"
# a windowed .exe: Start-Process -Wait is what waits for it and gives its exit code
$test = Start-Process -FilePath build\package\consultdesk\consultdesk.exe -Wait -PassThru -ArgumentList `
    "--demo", "--data-dir", "build\package\selftest-data", "--self-test", "build\package\selftest-out"
if ($test.ExitCode -ne 0) { throw "程序目录自检失败（退出码 $($test.ExitCode)），详见 build\package\selftest-data\logs" }
Remove-Item Env:QT_QPA_PLATFORM

$version = (.\.venv-win\Scripts\python.exe -c "from models import __version__; print(__version__)").Trim()
$iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
if (Test-Path $iscc) {
    & $iscc "/DAppVersion=$version" resources\packaging\windows\consultdesk.iss
} else {
    Write-Host "未找到 Inno Setup 6，只生成了程序目录 build\package\consultdesk。"
}
