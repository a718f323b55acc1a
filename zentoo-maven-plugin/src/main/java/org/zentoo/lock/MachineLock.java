package org.zentoo.lock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one machine was built from. The seed and snapshot keep the value the config
 * names (a tag, a URL, a date) beside what it resolved to, so that a tag that moves
 * is visible as a changed digest on an unchanged value.
 *
 * @param seed         the SEED value as configured
 * @param seedDigest   {@code sha256:…} image id or repo digest, or {@code sha512:…} of a tarball
 * @param snapshot     the SNAPSHOT value as configured, or {@code seed}
 * @param snapshotDigest {@code sha512:…} of the tarball, or {@code sha256:…} of the seed's repositories
 * @param configHash   {@code sha256:…} of the rendered configuration root
 * @param partition    the binpkg partition the machine's packages come from
 * @param platform     the seed's platform ({@code linux/arm64}); empty in a lock written before Zentoo knew it
 * @param kernel       the KERNEL package as installed ({@code cat/pkg-ver}), or empty
 * @param packages     installed packages, by {@code cat/pkg-ver::repo}
 */
public record MachineLock(String machine, String seed, String seedDigest, String snapshot, String snapshotDigest,
                          String configHash, String partition, String platform, Optional<String> kernel,
                          Map<String, LockedPackage> packages) {

    public MachineLock {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(seedDigest, "seedDigest");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(snapshotDigest, "snapshotDigest");
        Objects.requireNonNull(configHash, "configHash");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(kernel, "kernel");
        packages = java.util.Collections.unmodifiableMap(new TreeMap<>(packages));
    }

    /** A record without a platform, as locks before Zentoo knew platforms hold. */
    public MachineLock(String machine, String seed, String seedDigest, String snapshot, String snapshotDigest,
                       String configHash, String partition, Optional<String> kernel,
                       Map<String, LockedPackage> packages) {
        this(machine, seed, seedDigest, snapshot, snapshotDigest, configHash, partition, "", kernel, packages);
    }

    public static Map<String, LockedPackage> byName(Collection<LockedPackage> packages) {
        Map<String, LockedPackage> map = new TreeMap<>();
        for (LockedPackage p : packages) {
            map.put(p.cpvr() + "::" + p.repo(), p);
        }
        return map;
    }

    /** The same machine with other packages (after an assembly records what it installed). */
    public MachineLock withPackages(Collection<LockedPackage> installed) {
        return new MachineLock(machine, seed, seedDigest, snapshot, snapshotDigest, configHash, partition, platform,
                kernel, byName(installed));
    }

    /** The fact lines of this machine, in the file's order, without indentation. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("seed " + seed + " " + seedDigest);
        lines.add("snapshot " + snapshot + " " + snapshotDigest);
        lines.add("config " + configHash);
        lines.add("partition " + partition);
        if (!platform.isEmpty()) {
            lines.add("platform " + platform);
        }
        kernel.ifPresent(k -> lines.add("kernel " + k));
        packages.values().stream().sorted(Comparator.comparing(p -> p.cpvr() + "::" + p.repo()))
                .forEach(p -> lines.add(p.line()));
        return lines;
    }
}
