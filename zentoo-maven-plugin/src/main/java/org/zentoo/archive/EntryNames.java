package org.zentoo.archive;

import java.util.StringJoiner;

/**
 * Brings names from any tar stream to the form a stage uses ({@code ./usr/bin/},
 * {@code ./usr/bin/ping}), the form GNU tar writes for {@code tar -C root .}.
 * {@code docker export} writes {@code usr/bin/ping}, other tools {@code /usr/...}.
 */
final class EntryNames {

    static final String ROOT = "./";

    private EntryNames() {
    }

    static String normalize(String raw, boolean directory) throws MalformedTarException {
        StringJoiner path = new StringJoiner("/");
        for (String part : raw.split("/")) {
            if (part.equals("..")) {
                // extracting such an entry would write outside the root
                throw new MalformedTarException("entry " + ByteStrings.display(raw) + " climbs out of the root with ..");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                path.add(part);
            }
        }
        if (path.length() == 0) {
            return ROOT;
        }
        return ROOT + path + (directory ? "/" : "");
    }
}
