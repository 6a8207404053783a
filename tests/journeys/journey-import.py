#!/usr/bin/python3
"""Journey: import the plain exports of Aegis, andOTP and 2FAS, the first from
the first-run page (which says the import follows the vault's creation), the
others from the main menu, with the preview confirmed; then the vault holds the
same accounts as `rvault import` puts in a copy. The other formats:
journey-import-more.py; encrypted files: journey-import-encrypted.py (one
journey each stays within its time on a loaded machine).

SPDX-License-Identifier: GPL-3.0-or-later
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey as j  # noqa: E402

# The files the GUI's file chooser reads (images are read by the QR flow of
# the add dialog, see journey-add.py).
FILES = [
    ("aegis-plain.json", False),
    ("andotp-plain.json", False),
    ("2fas-plain.2fas", False),
]
PENDING = "Choose a password for the new vault; the import follows"


def main():
    vault = j.new_vault()
    app = j.launch(vault)
    (first, _), *rest = FILES

    j.step("import %s from the first-run page" % first)
    app.click("push button", "Import From a File…")
    # Said in the page, above the password (a toast covered the buttons).
    note = app.find("label", PENDING)
    assert app.toplevel(note) == app.window
    app.type_into(app.find("text", "Password"), j.PASSWORD)
    app.type_into(app.find("text", "Confirm Password"), j.PASSWORD)
    app.click("push button", "Create Vault")
    app.choose_file(os.path.join(j.IMPORT_DATA, first))
    j.confirm_import_preview(app, vault)

    for name, _ in rest:
        j.import_from_menu(app, name)
        j.confirm_import_preview(app, vault)

    app.quit()
    j.step("compare with rvault import")
    got = vault.names()
    want = j.import_expected(FILES)
    assert got == want, "GUI imported %r, rvault %r" % (got, want)


j.run(main)
