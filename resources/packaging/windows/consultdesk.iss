; Inno Setup 6 script of the Windows installer (run on a Windows PC through build.ps1; not run in CI here).
; Installs the PyInstaller folder build\package\consultdesk for the current user (no administrator needed),
; with a desktop and Start-menu shortcut 协商会务台. Saved as UTF-8 with a BOM, which Inno Setup 6 reads.
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6C2F3E0A-5B7D-4E0B-9A51-2C7D1E6F4A11}
AppName=协商会务台
AppVersion={#AppVersion}
AppPublisher=协商会务台
DefaultDirName={autopf}\ConsultDesk
DefaultGroupName=协商会务台
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\..\build\package
OutputBaseFilename=协商会务台-{#AppVersion}-安装程序
SetupIconFile=..\consultdesk.ico
UninstallDisplayIcon={app}\consultdesk.exe
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "在桌面上建立快捷方式"; GroupDescription: "快捷方式："

[Files]
Source: "..\..\..\build\package\consultdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\协商会务台"; Filename: "{app}\consultdesk.exe"
Name: "{group}\协商会务台（演示数据）"; Filename: "{app}\consultdesk.exe"; Parameters: "--demo"
Name: "{autodesktop}\协商会务台"; Filename: "{app}\consultdesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\consultdesk.exe"; Description: "现在启动协商会务台"; Flags: nowait postinstall skipifsilent
