// WriteJavaMap.java: writes a java.util.HashMap<String, String> with Java's
// own ObjectOutputStream, as FreeOTP 2 writes its backup
// (TokenPersistence.copyBackupToExternal). Used by make-samples.py:
//   java WriteJavaMap.java OUTPUT < "key<TAB>value" lines
//
// SPDX-License-Identifier: GPL-3.0-or-later

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;

public class WriteJavaMap {
    public static void main(String[] args) throws Exception {
        HashMap<String, String> map = new HashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            int tab = line.indexOf('\t');
            map.put(line.substring(0, tab), line.substring(tab + 1));
        }
        try (ObjectOutputStream out = new ObjectOutputStream(new FileOutputStream(args[0]))) {
            out.writeObject(map);
        }
        // The order the map keeps (its hash order), for the tests' expectations.
        for (String key : map.keySet())
            System.out.println(key);
    }
}
