#!/bin/sh
# po/update-po.sh [--check] [ADD.po...]: extracts every translatable string
# (po/POTFILES.in, with the keywords of meson's "glib" preset) and merges it
# into each translation in po/LINGUAS.
#   --check   changes nothing; fails when a translation misses a string of
#             the source tree (untranslated or fuzzy), naming the first ones
#   ADD.po    translations to take first (new strings of a change)
# Used by the test po-complete-LANG (data/meson.build).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
check=no
if [ "${1:-}" = --check ]; then check=yes; shift; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

xgettext -f "$root/po/POTFILES.in" -D "$root" -o "$tmp/all.pot" --from-code=UTF-8 \
  --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --package-name=recovery-vault

status=0
# Every source file with a translatable string is listed (else its strings
# are never extracted, and no check would see them missing).
if [ $check = yes ]; then
  for file in $(cd "$root" && grep -rlE '\b_\("|\bN_\("|ngettext \(|translatable="yes"' \
                  --include='*.c' --include='*.ui' src | sort); do
    if ! grep -qx "$file" "$root/po/POTFILES.in"; then
      echo "po/POTFILES.in does not list $file, which has translatable strings"
      status=1
    fi
  done
fi
for lang in $(grep -v '^#' "$root/po/LINGUAS"); do
  po=$root/po/$lang.po
  msgmerge --quiet --no-fuzzy-matching "$po" "$tmp/all.pot" -o "$tmp/$lang.po"
  if [ $check = yes ]; then
    missing=$(msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
    fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
    # msgattrib prints the header's empty msgid with any other entry.
    [ "$missing" -gt 0 ] && missing=$((missing - 1))
    [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
    echo "$lang: $missing untranslated, $fuzzy fuzzy"
    if [ "$missing" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
      msgattrib --untranslated --no-obsolete --no-location "$tmp/$lang.po" |
        grep -A1 '^msgid ' | grep -v '^--' | sed -n '3,22p'
      echo "run po/update-po.sh ADD.po with the $lang translations of these strings"
      status=1
    fi
  else
    if [ $# -gt 0 ]; then
      # The translation's own header and strings first, then the new ones.
      msgattrib --translated "$tmp/$lang.po" -o "$tmp/$lang-done.po"
      msgcat --use-first "$tmp/$lang-done.po" "$@" -o "$tmp/$lang-new.po"
      msgmerge --quiet --no-fuzzy-matching "$tmp/$lang-new.po" "$tmp/all.pot" -o "$tmp/$lang.po"
    fi
    msgattrib --no-obsolete "$tmp/$lang.po" -o "$po"
    msgfmt --check --statistics -o /dev/null "$po"
  fi
done
exit $status
