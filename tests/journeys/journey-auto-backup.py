#!/usr/bin/python3
"""Journey: automatic backups. In the preferences, the switch is off and
insensitive until a folder is chosen (through the folder chooser); turn it on;
then an edit on an account's page (recovery codes saved) writes a backup into
the folder a few seconds later, not only at lock, and rvault verify-backup
opens it with the vault's password.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey as j  # noqa: E402

SWITCH = "Automatic backups Automatic Backups"


def main():
    vault = j.new_vault()
    vault.init()
    vault.add("JBSWY3DPEHPK3PXP", "--issuer", "Alpha")
    folder = j.scratch("auto-backups")
    os.makedirs(folder)
    app = j.launch(vault)
    app.type_into(app.find("text", "Password"), j.PASSWORD, enter=True)
    app.find("list", "Accounts")

    j.step("choose a folder, turn automatic backups on")
    app.keys("ctrl+comma")
    prefs = app.dialog("Preferences")
    # Named by its own label and its row's title.
    switch = app.find("check box", SWITCH, node=prefs, showing=False)
    assert not switch.sensitive, "automatic backups can be turned on with no folder"
    app.click("push button", "Backup Folder", node=prefs)  # "Choose…", named for its row
    app.choose_file(folder, button="Select")
    app.find("label", folder, node=prefs)
    j.poll("the switch sensitive", lambda: switch.sensitive)
    app.scroll_into_view(switch)
    app.click("check box", SWITCH, node=prefs)
    j.poll("the switch on", lambda: switch.checked)
    app.keys("Escape", node=prefs)
    app.dialog_gone("Preferences")

    j.step("edit the account: save recovery codes")
    app.click("push button", "Account Details")
    text = app.find("text", "New recovery codes, one per line")
    app.type_into(text, "1234-5678")
    j.press("Return")
    j.type_text("badc-0ffe")
    app.click("push button", j.poll("Save Codes", lambda: [
        b for b in app.find_all("push button", None) if j.name_is(b.name, "Save Codes")])[0].name)
    j.poll("2 codes saved", lambda: json_total(vault) == 2)

    j.step("a backup appears in the folder and opens")
    backups = j.poll("a backup in the folder", lambda: glob.glob(os.path.join(folder, "*")),
                     timeout=max(j.TIMEOUT, 60))
    app.quit()
    # With the app closed: rvault may record the verification in the vault.
    info = vault.rvault("verify-backup", backups[0]).stdout
    assert info.strip(), "verify-backup said nothing"


def json_total(vault):
    import json
    out = vault.rvault("recovery-codes", "Alpha", "--list", "--json").stdout
    return json.loads(out)["recovery_codes"]["total"]


j.run(main)
