; Included by electron-builder's NSIS script (nsis.include in electron-builder.yml).
;
; What it is for: per-machine steps IT expects on a packing-station PC, kept out of the app.
; electron-builder calls these macros at fixed points of the install; each is a stub to fill in.
;
;   customInstall   - after the files are copied. Typical uses: write the machine-wide config
;                     location (HKLM\Software\Scan Station\ConfigFile) for GPO-managed stations,
;                     or add a firewall rule if the headless host is ever served beyond 127.0.0.1.
;   customUnInstall - undo what customInstall added. The station's data folder is kept on purpose
;                     (nsis.deleteAppDataOnUninstall: false): acknowledged scans must survive a reinstall.
;
; USB-CDC scanners need no driver on Windows 10/11 (usbser.sys binds them as COM ports). HID POS and
; keyboard-mode scanners need no driver either. Put a vendor's driver here only if a model needs one.

!macro customInstall
  ; Nothing yet.
!macroend

!macro customUnInstall
  ; Nothing yet.
!macroend
