package org.zentoo.binpkg;

import org.zentoo.files.Sha256;
import org.zentoo.machine.Platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The build ABI a binary package was made for. Portage does not check it, so binpkgs
 * are kept in one partition per key and a {@code -march=znver3} build never reaches a
 * {@code -march=skylake} machine, nor an arm64 binpkg an amd64 machine.
 *
 * <p>The architecture is the platform the CHOST builds for ({@link Platform#ofChost}); the
 * build checks that it is the seed's platform too, so the key holds the machine's platform.
 *
 * @param id       readable and unique: {@code amd64-x86_64-pc-linux-gnu-1a2b3c4d5e6f}
 * @param inputs   the normalised values that went into the key; null where left to the profile
 * @param platform the platform the CHOST builds for; null when the CHOST is left to the profile or
 *                 names an architecture Zentoo has no name for
 */
public record PartitionKey(String id, Map<String, String> inputs, Platform platform) {

    public static final List<String> VARIABLES = List.of("CHOST", "CFLAGS", "CXXFLAGS", "FCFLAGS", "LDFLAGS");

    /** @param values variable values; a missing key means the variable is left to the profile */
    public static PartitionKey of(Map<String, String> values) {
        Map<String, String> inputs = new LinkedHashMap<>();
        StringBuilder canonical = new StringBuilder();
        for (String name : VARIABLES) {
            String v = values.get(name);
            String normalised = v == null ? null : v.strip().replaceAll("\\s+", " ");
            inputs.put(name, normalised);
            canonical.append(name).append(normalised == null ? "\u0000" : "=" + normalised).append('\n');
        }
        String chost = inputs.get("CHOST");
        Platform platform = chost == null ? null : Platform.ofChost(chost).orElse(null);
        canonical.append("PLATFORM=").append(platform == null ? "\u0000" : platform.toString()).append('\n');
        String readable = chost == null || chost.isEmpty() ? "profile-chost" : chost.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (platform != null) {
            readable = platform.shortName() + "-" + readable;
        }
        return new PartitionKey(readable + "-" + Sha256.of(canonical.toString()).substring(0, 12),
                java.util.Collections.unmodifiableMap(inputs), platform);
    }

    /** The variables whose value this key could not see because no set assigned them. */
    public List<String> leftToProfile() {
        return inputs.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
    }
}
