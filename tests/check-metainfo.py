#!/usr/bin/env python3
# check-metainfo.py: the metainfo's screenshots are the repository's own.
#   check-metainfo.py METAINFO SOURCE-ROOT
# Each <image> URL ends in data/screenshots/NAME.png, a file of the repository
# whose size is the one the metainfo states; every screenshot of that folder is
# shown; exactly one is the default. appstreamcli (test validate-metainfo) checks
# the rest without network, so this is what keeps the links from going stale.
# Output is TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import struct
import sys
import xml.etree.ElementTree as ET

metainfo, root = sys.argv[1], sys.argv[2]
shots_dir = os.path.join(root, 'data', 'screenshots')
results = []


def check(ok, description):
    results.append(ok)
    print('%s %d - %s' % ('ok' if ok else 'not ok', len(results), description))


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    if head[:8] != b'\x89PNG\r\n\x1a\n' or head[12:16] != b'IHDR':
        return None
    return struct.unpack('>II', head[16:24])


screenshots = ET.parse(metainfo).getroot().findall('./screenshots/screenshot')
check(len(screenshots) > 0, 'the metainfo has screenshots')
check(sum(1 for s in screenshots if s.get('type') == 'default') == 1,
      'exactly one screenshot is the default')

shown = set()
for shot in screenshots:
    image = shot.find('image')
    url = image.text.strip()
    name = url.rsplit('/', 1)[-1]
    path = os.path.join(shots_dir, name)
    check(url.startswith('https://') and url.endswith('/data/screenshots/' + name),
          '%s is an https link to data/screenshots/%s' % (url, name))
    check(os.path.isfile(path), 'data/screenshots/%s exists' % name)
    if not os.path.isfile(path):
        continue
    shown.add(name)
    size = png_size(path)
    stated = (int(image.get('width', 0)), int(image.get('height', 0)))
    check(size == stated, '%s is %s as stated (%s)' % (name, size, stated))
    check(shot.find('caption') is not None and shot.find('caption').text.strip() != '',
          '%s has a caption' % name)

for name in sorted(os.listdir(shots_dir)):
    if name.endswith('.png'):
        check(name in shown, 'data/screenshots/%s is in the metainfo' % name)

print('1..%d' % len(results))
sys.exit(0 if all(results) else 1)
