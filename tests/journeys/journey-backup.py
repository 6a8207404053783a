#!/usr/bin/python3
"""Journey: export an encrypted backup from the main menu (password typed,
confirmed with Enter in the second field), which the app verifies; verify it
from the Backups page and restore it (merge) after an account was removed,
the backup password typed and confirmed with Enter in the shared prompt (it
closes, and no critical is logged). rvault verify-backup opens the file, and
the removed account is back in the vault.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey as j  # noqa: E402

BACKUP_PASSWORD = "backup password 1234"


def backup_password_fd(vault, *args):
    r, w = os.pipe()
    os.write(w, (BACKUP_PASSWORD + "\n").encode())
    os.close(w)
    try:
        return vault.rvault(*args, "--file-password-fd", str(r), pass_fds=(r,))
    finally:
        os.close(r)


def open_backups_page(app):
    app.click("push button", "Main Menu")
    app.click("menu item", "Backups")
    app.find("label", "Backup State")


def choose_backup(app, row, path):
    app.click(None, row)
    app.choose_file(path)
    prompt = app.dialog("Backup Password")
    app.type_into(app.find("text", "Password", node=prompt), BACKUP_PASSWORD, enter=True)
    app.dialog_gone("Backup Password")


def close_message(app, heading):
    dialog = app.dialog(heading)
    app.click("push button", "Close", node=dialog)
    app.dialog_gone(heading)


def main():
    vault = j.new_vault()
    vault.init()
    vault.add("JBSWY3DPEHPK3PXP", "--issuer", "Alpha")
    vault.add("GEZDGNBVGY3TQOJQ", "--issuer", "Beta")
    home = os.environ.get("HOME", j.scratch("home"))
    before = set(glob.glob(os.path.join(home, "**", "recovery-vault-backup-*.rvault"),
                           recursive=True))
    app = j.launch(vault)
    app.type_into(app.find("text", "Password"), j.PASSWORD, enter=True)
    app.find("list", "Accounts")

    j.step("export an encrypted backup, Enter in the second password")
    app.click("push button", "Main Menu")
    app.click("menu item", "Export Backup…")
    dialog = app.dialog("Export")
    app.type_into(app.find("text", "Backup Password", node=dialog), BACKUP_PASSWORD)
    app.type_into(app.find("text", "Repeat Backup Password", node=dialog), BACKUP_PASSWORD,
                  enter=True)
    app.find("label", "Backup Verified", node=dialog)
    app.click("push button", "Close", node=dialog)
    app.dialog_gone("Export")
    backups = set(glob.glob(os.path.join(home, "**", "recovery-vault-backup-*.rvault"),
                            recursive=True)) - before
    assert len(backups) == 1, backups
    backup = backups.pop()

    j.step("verify it from the Backups page, Enter in the prompt")
    open_backups_page(app)
    choose_backup(app, "Verify a Backup…", backup)
    close_message(app, "The Backup Opens")
    app.quit()

    # With the app closed: rvault records the verification in the vault.
    j.step("rvault verify-backup opens it")
    info = backup_password_fd(vault, "verify-backup", backup).stdout
    assert "2" in info, info

    j.step("remove Beta, then restore the backup (merge)")
    vault.rvault("remove", "--yes", "Beta")
    assert vault.names() == ["Alpha:"], vault.names()
    app = j.launch(vault)
    app.type_into(app.find("text", "Password"), j.PASSWORD, enter=True)
    app.find("list", "Accounts")
    open_backups_page(app)
    choose_backup(app, "Restore from a Backup…", backup)
    preview = app.dialog("Restore the Backup?")
    app.click("push button", "Merge", node=preview)
    app.dialog_gone("Restore the Backup?")
    j.poll("Beta restored", lambda: vault.names() == ["Alpha:", "Beta:"])
    app.quit()
    app.check_log()


j.run(main)
