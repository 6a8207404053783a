#!/usr/bin/env python3
# check-search-provider-files.py: GNOME Shell finds the search provider.
#   check-search-provider-files.py INI SERVICE BINDIR APP_ID OBJECT_PATH
# The .ini names the app's desktop file, bus name and the object path the app
# exports (RV_SEARCH_PROVIDER_PATH), version 2; the D-Bus service file starts
# the installed app in service mode under the same bus name. Output is TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import configparser
import sys

ini_path, service_path, bindir, app_id, object_path = sys.argv[1:6]
results = []


def check(ok, description):
    results.append(ok)
    print('%s %d - %s' % ('ok' if ok else 'not ok', len(results), description))


def read(path):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(path, encoding='utf-8')
    return parser


ini = read(ini_path)
check(ini.sections() == ['Shell Search Provider'], '.ini has one [Shell Search Provider] group')
provider = ini['Shell Search Provider'] if ini.has_section('Shell Search Provider') else {}
check(provider.get('DesktopId') == app_id + '.desktop', 'DesktopId is the app\'s desktop file')
check(provider.get('BusName') == app_id, 'BusName is the application id')
check(provider.get('ObjectPath') == object_path, 'ObjectPath is where the app exports it')
check(provider.get('Version') == '2', 'Version=2 (org.gnome.Shell.SearchProvider2)')

service = read(service_path)
check(service.sections() == ['D-BUS Service'], 'service file has one [D-BUS Service] group')
group = service['D-BUS Service'] if service.has_section('D-BUS Service') else {}
check(group.get('Name') == app_id, 'service Name is the application id')
check(group.get('Exec') == bindir + '/recovery-vault --gapplication-service',
      'service Exec starts the installed app in service mode')

print('1..%d' % len(results))
sys.exit(0 if all(results) else 1)
