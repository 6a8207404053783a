#!/usr/bin/python3
"""Journey: import the FreeOTP+ (JSON and links), Bitwarden and otpauth:// list
files from the main menu into a vault that has accounts, with the preview
confirmed (or closed when nothing is new); then the vault holds the same
accounts as `rvault import` puts in a copy. (The Google Authenticator file is
in journey-import-encrypted.py: one journey each stays within its time.)

SPDX-License-Identifier: GPL-3.0-or-later
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey as j  # noqa: E402

FILES = [
    ("freeotp-plus.json", False),
    ("freeotp-plus-uris.txt", False),
    ("bitwarden.json", False),
    ("uri-list.txt", False),
]


def main():
    vault = j.new_vault()
    vault.init()
    vault.add("JBSWY3DPEHPK3PXP", "--issuer", "Alpha")
    app = j.launch(vault)
    app.type_into(app.find("text", "Password"), j.PASSWORD, enter=True)
    app.find("list", "Accounts")

    for name, _ in FILES:
        j.import_from_menu(app, name)
        j.confirm_import_preview(app, vault)

    app.quit()
    j.step("compare with rvault import")
    got = vault.names()
    want = sorted(j.import_expected(FILES) + ["Alpha:"])
    assert got == want, "GUI imported %r, rvault %r" % (got, want)


j.run(main)
