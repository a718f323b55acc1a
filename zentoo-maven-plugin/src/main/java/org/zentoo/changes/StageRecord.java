package org.zentoo.changes;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one stage of a machine is made of, as far as a change list goes. Each part is
 * empty when its source did not say (a lock knows no /etc, a packages file no seed).
 *
 * @param source   what the record was read from, for people ("stage3-web01.tar.xz", "zentoo.lock", ...)
 * @param packages installed packages, sorted by name and version
 * @param seed     the seed as configured or as the stage names it, with its digest
 * @param snapshot the repository snapshot with what identifies its content
 * @param kernel   the kernel's options
 * @param etc      every entry under {@code /etc} ({@code etc/...}) with {@link StageRecords#describe its description}
 * @param setid    every setuid or setgid file anywhere in the stage, with its mode and owner
 * @param services enabled services: {@code openrc:<runlevel>/<name>} or {@code systemd:<x>.wants/<unit>}
 */
public record StageRecord(String source, Optional<List<InstalledPackage>> packages, Optional<Pinned> seed,
                          Optional<Pinned> snapshot, Optional<KernelConfig> kernel,
                          Optional<SortedMap<String, String>> etc, Optional<SortedMap<String, String>> setid,
                          Optional<SortedSet<String>> services) {

    /** A value as configured, and the digest it resolved to. */
    public record Pinned(String value, String digest) {
        public Pinned {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(digest, "digest");
        }

        @Override
        public String toString() {
            return value + " (" + digest + ")";
        }
    }

    /**
     * Kernel options ({@code CONFIG_X} to its value, {@code n} for "is not set").
     *
     * @param source {@link #ARTIFACT} (the packed kernel's config) or {@link #FRAGMENTS} (what the machine's
     *               kernel.config fragments ask for, when the kernel is not packed yet)
     */
    public record KernelConfig(String source, SortedMap<String, String> options) {
        public static final String ARTIFACT = "the kernel artifact's config";
        public static final String FRAGMENTS = "the machine's kernel.config fragments";

        public KernelConfig {
            Objects.requireNonNull(source, "source");
            options = Collections.unmodifiableSortedMap(new TreeMap<>(options));
        }
    }

    public StageRecord {
        Objects.requireNonNull(source, "source");
        packages = packages.map(p -> p.stream().sorted(Comparator.comparing(InstalledPackage::cp)
                .thenComparing(InstalledPackage::parsedVersion)).toList());
        etc = etc.map(m -> Collections.unmodifiableSortedMap(new TreeMap<>(m)));
        setid = setid.map(m -> Collections.unmodifiableSortedMap(new TreeMap<>(m)));
        services = services.map(s -> Collections.unmodifiableSortedSet(new TreeSet<>(s)));
    }

    /** A record that knows nothing yet. */
    public static StageRecord empty(String source) {
        return new StageRecord(source, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public StageRecord withPackages(List<InstalledPackage> p) {
        return new StageRecord(source, Optional.of(p), seed, snapshot, kernel, etc, setid, services);
    }

    public StageRecord withSeed(Pinned p) {
        return new StageRecord(source, packages, Optional.of(p), snapshot, kernel, etc, setid, services);
    }

    public StageRecord withSnapshot(Pinned p) {
        return new StageRecord(source, packages, seed, Optional.of(p), kernel, etc, setid, services);
    }

    public StageRecord withKernel(KernelConfig k) {
        return new StageRecord(source, packages, seed, snapshot, Optional.of(k), etc, setid, services);
    }

    public StageRecord withSource(String s) {
        return new StageRecord(s, packages, seed, snapshot, kernel, etc, setid, services);
    }

    /**
     * This record, its unknown parts taken from {@code other}: a lock's record (packages,
     * seed, snapshot) completed by the previous stage's (/etc, setuid files, services).
     */
    public StageRecord completedBy(StageRecord other) {
        return new StageRecord(source + " and " + other.source, or(packages, other.packages), or(seed, other.seed),
                or(snapshot, other.snapshot), or(kernel, other.kernel), or(etc, other.etc), or(setid, other.setid),
                or(services, other.services));
    }

    private static <T> Optional<T> or(Optional<T> mine, Optional<T> theirs) {
        return mine.isPresent() ? mine : theirs;
    }

    /** The packages by {@code cat/pkg}; a name installed in several slots has several versions. */
    public Map<String, List<InstalledPackage>> packagesByName() {
        Map<String, List<InstalledPackage>> out = new TreeMap<>();
        packages.orElse(List.of()).forEach(p -> out.computeIfAbsent(p.cp(), k -> new java.util.ArrayList<>()).add(p));
        return out;
    }
}
