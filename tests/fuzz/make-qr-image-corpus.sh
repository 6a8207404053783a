#!/usr/bin/env bash
# Makes the seed corpus of fuzz-qr-image (tests/fuzz/corpus/qr-image/):
# pictures holding several otpauth QR codes, as a photographed emergency
# sheet does, with obviously fake secrets. Needs qrencode and ImageMagick:
#   apt-get install qrencode imagemagick
set -euo pipefail
cd "$(dirname "$0")/corpus/qr-image"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

qrencode -l M -s 3 -m 4 -o "$tmp/a.png" \
  'otpauth://totp/Example:alice?secret=BADCAFEBADCAFEBA&issuer=Example'
qrencode -l M -s 3 -m 4 -o "$tmp/b.png" \
  'otpauth://hotp/Demo:bob?secret=KRSXG5CTMVRXEZLU&issuer=Demo&counter=7'
qrencode -l M -s 2 -m 4 -o "$tmp/c.png" 'otpauth://totp/Fake:carol?secret=JBSWY3DPEHPK3PXP'

# Two codes side by side, in colour, as a PNG.
convert "$tmp/a.png" "$tmp/b.png" +append -fill '#f4f0e8' -opaque white two-codes.png
# Three codes on a page, grey, turned a little, as a JPEG.
convert "$tmp/a.png" "$tmp/b.png" "$tmp/c.png" -append -colorspace Gray \
  -background white -rotate 4 -quality 60 three-codes.jpg
# One code with an alpha channel; the same code twice.
convert "$tmp/c.png" -alpha set -channel A -evaluate set 90% one-code-alpha.png
convert "$tmp/c.png" "$tmp/c.png" +append same-code-twice.png
# Not a picture, and a cut one.
printf 'not an image' > not-an-image.txt
head -c 200 two-codes.png > cut.png
