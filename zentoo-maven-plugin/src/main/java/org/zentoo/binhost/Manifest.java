package org.zentoo.binhost;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Zentoo last published in a partition: one {@code <sha256>  <path>} line per
 * file, as sha256sum writes them, in path order. It is how a publish knows the
 * remote hashes without downloading the files: a file whose hash the manifest
 * already gives is not uploaded again. The manifest is uploaded after everything
 * else, so an interrupted publish at worst uploads again what it had sent.
 * It vouches for what Zentoo sent, not for what the server holds now: a file
 * changed on the server behind Zentoo's back is not noticed (Portage's
 * signature and index checks on the machines are what catch that).
 */
public final class Manifest {

    /** The manifest's name in each published partition. */
    public static final String NAME = "zentoo-sha256sums";

    private Manifest() {
    }

    /** Path to sha256; malformed lines are ignored (the file is then uploaded again). */
    public static Map<String, String> parse(byte[] content) {
        Map<String, String> hashes = new TreeMap<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            if (line.length() > 66 && line.substring(0, 64).matches("[0-9a-f]{64}") && line.startsWith("  ", 64)) {
                hashes.put(line.substring(66), line.substring(0, 64));
            }
        }
        return hashes;
    }

    public static String write(Map<String, String> hashes) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(hashes).forEach((path, hash) -> out.append(hash).append("  ").append(path).append('\n'));
        return out.toString();
    }
}
