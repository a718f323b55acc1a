package org.zentoo.seed;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Gentoo release {@code .DIGESTS} file: blocks of {@code # SHA512 HASH} (or
 * {@code # BLAKE2B HASH}) headers, each followed by {@code <hex>  <file name>}
 * lines. Only the text is read here; a clearsigned file is unwrapped by the caller.
 */
final class Digests {

    private static final Pattern HEADER = Pattern.compile("#\\s*([A-Za-z0-9_-]+)\\s+HASH\\s*");
    private static final Pattern ENTRY = Pattern.compile("([0-9a-fA-F]+)\\s+\\*?(\\S.*?)\\s*");
    private static final Map<String, Integer> HEX_LENGTHS = Map.of("SHA512", 128, "BLAKE2B", 128);

    /** Algorithm, then file name, then lowercase hex. */
    private final Map<String, Map<String, String>> hashes;

    private Digests(Map<String, Map<String, String>> hashes) {
        this.hashes = hashes;
    }

    /**
     * @param source the file name for messages, e.g. the DIGESTS URL
     */
    static Digests parse(String text, String source) throws SeedException {
        Map<String, Map<String, String>> hashes = new HashMap<>();
        String algorithm = null;
        int lineNumber = 0;
        for (String line : text.lines().toList()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            Matcher header = HEADER.matcher(line.strip());
            if (header.matches()) {
                algorithm = header.group(1).toUpperCase(Locale.ROOT);
                continue;
            }
            if (line.strip().startsWith("#")) {
                continue;
            }
            Matcher entry = ENTRY.matcher(line.strip());
            if (!entry.matches()) {
                throw unusable(source, lineNumber, "expected '<hex digest>  <file name>' or '# <ALGORITHM> HASH', found '"
                        + line.strip() + "'");
            }
            if (algorithm == null) {
                throw unusable(source, lineNumber, "a digest line comes before any '# <ALGORITHM> HASH' header");
            }
            String hex = entry.group(1).toLowerCase(Locale.ROOT);
            Integer expectedLength = HEX_LENGTHS.get(algorithm);
            if (expectedLength != null && hex.length() != expectedLength) {
                throw unusable(source, lineNumber, "a " + algorithm + " digest has " + expectedLength
                        + " hex digits, found " + hex.length());
            }
            String name = baseName(entry.group(2));
            String earlier = hashes.computeIfAbsent(algorithm, a -> new HashMap<>()).putIfAbsent(name, hex);
            if (earlier != null && !earlier.equals(hex)) {
                throw unusable(source, lineNumber, "two different " + algorithm + " digests for " + name);
            }
        }
        return new Digests(hashes);
    }

    /** The SHA512 listed for a file name, lowercase hex. */
    Optional<String> sha512(String fileName) {
        return Optional.ofNullable(hashes.getOrDefault("SHA512", Map.of()).get(fileName));
    }

    private static String baseName(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static SeedException unusable(String source, int line, String why) {
        return new SeedException(SeedException.Problem.DIGESTS_UNUSABLE, source + ":" + line + ": " + why);
    }
}
