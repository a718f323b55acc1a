package org.zentoo.changes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What differs between the previous and the current stage of one machine, part by
 * part. A part that one of the two records does not know is not compared, and
 * {@link #notCompared()} says so: "no change" is only ever said of what was compared.
 *
 * @param previous    where the previous record came from, or empty for a machine's first stage
 * @param current     where the current record came from
 * @param notCompared one line per part that could not be compared, saying why
 */
public record Changes(String machine, Optional<String> previous, String current, List<PackageChange> packages,
                      List<UseChange> use, List<PinChange> pins, List<OptionChange> kernel, List<FileChange> etc,
                      List<FileChange> setid, List<ServiceChange> services, List<String> notCompared) {

    public enum PackageKind { ADDED, REMOVED, UPGRADED, DOWNGRADED }

    public enum FileKind { ADDED, REMOVED, CHANGED }

    /** A package added or removed ({@code from} or {@code to} null), or moved to another version. */
    public record PackageChange(PackageKind kind, String cp, String from, String to) {
    }

    /**
     * One flag of one package whose state differs; {@code null} before or after means
     * the flag is not in the package's IUSE then.
     *
     * @param origin why it is what it is now ({@link UseOrigins}); null when it is not in IUSE any more
     */
    public record UseChange(String cp, String version, String flag, Boolean before, Boolean after, String origin) {
    }

    /** The seed's or the snapshot's digest moved. */
    public record PinChange(String what, StageRecord.Pinned before, StageRecord.Pinned after) {
    }

    /** A kernel option's value ({@code n}: is not set; null: not mentioned). */
    public record OptionChange(String name, String before, String after) {
    }

    /** An /etc entry or a setuid/setgid file, with its description before and after. */
    public record FileChange(FileKind kind, String path, String before, String after) {
    }

    /** {@code openrc:default/sshd} or {@code systemd:multi-user.target.wants/sshd.service}. */
    public record ServiceChange(boolean enabled, String service) {
    }

    public Changes {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(previous, "previous");
        packages = List.copyOf(packages);
        use = List.copyOf(use);
        pins = List.copyOf(pins);
        kernel = List.copyOf(kernel);
        etc = List.copyOf(etc);
        setid = List.copyOf(setid);
        services = List.copyOf(services);
        notCompared = List.copyOf(notCompared);
    }

    /** A machine without a previous stage: nothing is compared. */
    public static Changes first(String machine, StageRecord current) {
        return new Changes(machine, Optional.empty(), current.source(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of("everything: no previous stage of " + machine
                + " to compare with (its first assembly here, no zentoo.lock record, no zentoo.changes.against)"));
    }

    /** Compares what both records know. */
    public static Changes between(String machine, StageRecord previous, StageRecord current, UseOrigins origins) {
        List<String> notCompared = new ArrayList<>();
        List<PackageChange> packages = new ArrayList<>();
        List<UseChange> use = new ArrayList<>();
        if (previous.packages().isPresent() && current.packages().isPresent()) {
            comparePackages(previous.packagesByName(), current.packagesByName(), origins, packages, use);
        } else {
            notCompared.add("packages and USE: " + missing(previous, current, r -> r.packages().isPresent()));
        }
        List<PinChange> pins = new ArrayList<>();
        pin("seed", previous.seed(), current.seed(), previous, current, pins, notCompared);
        pin("snapshot", previous.snapshot(), current.snapshot(), previous, current, pins, notCompared);
        List<OptionChange> kernel = new ArrayList<>();
        compareKernel(previous, current, kernel, notCompared);
        List<FileChange> etc = new ArrayList<>();
        if (previous.etc().isPresent() && current.etc().isPresent()) {
            compareFiles(previous.etc().get(), current.etc().get(), etc);
        } else {
            notCompared.add("/etc: " + missing(previous, current, r -> r.etc().isPresent()));
        }
        List<FileChange> setid = new ArrayList<>();
        if (previous.setid().isPresent() && current.setid().isPresent()) {
            compareFiles(previous.setid().get(), current.setid().get(), setid);
        } else {
            notCompared.add("setuid/setgid files: " + missing(previous, current, r -> r.setid().isPresent()));
        }
        List<ServiceChange> services = new ArrayList<>();
        if (previous.services().isPresent() && current.services().isPresent()) {
            SortedSet<String> before = previous.services().get();
            SortedSet<String> after = current.services().get();
            after.stream().filter(s -> !before.contains(s)).forEach(s -> services.add(new ServiceChange(true, s)));
            before.stream().filter(s -> !after.contains(s)).forEach(s -> services.add(new ServiceChange(false, s)));
        } else {
            notCompared.add("services: " + missing(previous, current, r -> r.services().isPresent()));
        }
        return new Changes(machine, Optional.of(previous.source()), current.source(), packages, use, pins, kernel, etc,
                setid, services, notCompared);
    }

    /** Whether nothing that was compared differs. */
    public boolean unchanged() {
        return packages.isEmpty() && use.isEmpty() && pins.isEmpty() && kernel.isEmpty() && etc.isEmpty()
                && setid.isEmpty() && services.isEmpty();
    }

    private static void comparePackages(Map<String, List<InstalledPackage>> before,
                                        Map<String, List<InstalledPackage>> after, UseOrigins origins,
                                        List<PackageChange> packages, List<UseChange> use) {
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String cp : names) {
            List<InstalledPackage> old = before.getOrDefault(cp, List.of());
            List<InstalledPackage> now = after.getOrDefault(cp, List.of());
            if (old.size() == 1 && now.size() == 1) {
                InstalledPackage o = old.get(0);
                InstalledPackage n = now.get(0);
                int order = n.parsedVersion().compareTo(o.parsedVersion());
                if (order != 0 || !o.version().equals(n.version())) {
                    packages.add(new PackageChange(order < 0 ? PackageKind.DOWNGRADED : PackageKind.UPGRADED, cp,
                            o.version(), n.version()));
                }
                compareUse(o, n, origins, use);
                continue;
            }
            // Several slots of one name, or a name on one side only: by version.
            for (InstalledPackage o : old) {
                InstalledPackage same = now.stream().filter(n -> n.version().equals(o.version())).findFirst()
                        .orElse(null);
                if (same == null) {
                    packages.add(new PackageChange(PackageKind.REMOVED, cp, o.version(), null));
                } else {
                    compareUse(o, same, origins, use);
                }
            }
            for (InstalledPackage n : now) {
                if (old.stream().noneMatch(o -> o.version().equals(n.version()))) {
                    packages.add(new PackageChange(PackageKind.ADDED, cp, null, n.version()));
                }
            }
        }
    }

    private static void compareUse(InstalledPackage old, InstalledPackage now, UseOrigins origins,
                                   List<UseChange> use) {
        Map<String, Boolean> before = old.flags();
        Map<String, Boolean> after = now.flags();
        Set<String> flags = new TreeSet<>(before.keySet());
        flags.addAll(after.keySet());
        for (String flag : flags) {
            Boolean b = before.get(flag);
            Boolean a = after.get(flag);
            if (!Objects.equals(a, b)) {
                use.add(new UseChange(now.cp(), now.version(), flag, b, a, a == null ? null
                        : origins.origin(now.cp(), flag, a)));
            }
        }
    }

    private static void pin(String what, Optional<StageRecord.Pinned> before, Optional<StageRecord.Pinned> after,
                            StageRecord previous, StageRecord current, List<PinChange> pins,
                            List<String> notCompared) {
        if (before.isPresent() && after.isPresent()) {
            if (!before.get().digest().equals(after.get().digest())) {
                pins.add(new PinChange(what, before.get(), after.get()));
            }
        } else {
            notCompared.add(what + ": " + missing(previous, current, r -> (what.equals("seed") ? r.seed()
                    : r.snapshot()).isPresent()));
        }
    }

    private static void compareKernel(StageRecord previous, StageRecord current, List<OptionChange> kernel,
                                      List<String> notCompared) {
        if (previous.kernel().isEmpty() || current.kernel().isEmpty()) {
            if (previous.kernel().isPresent() || current.kernel().isPresent()) {
                notCompared.add("kernel options: " + missing(previous, current, r -> r.kernel().isPresent()));
            }
            return;
        }
        StageRecord.KernelConfig b = previous.kernel().get();
        StageRecord.KernelConfig a = current.kernel().get();
        Set<String> names = new TreeSet<>(b.options().keySet());
        names.addAll(a.options().keySet());
        if (!a.source().equals(b.source())) {
            // A packed config holds every option; the fragments only what the sets ask for.
            SortedMap<String, String> fragments = a.source().equals(StageRecord.KernelConfig.FRAGMENTS)
                    ? a.options() : b.options();
            names.retainAll(fragments.keySet());
            notCompared.add("kernel options: only those the kernel.config fragments name (the previous record has "
                    + b.source() + ", this one " + a.source() + ")");
        }
        for (String name : names) {
            String before = b.options().get(name);
            String after = a.options().get(name);
            if (!Objects.equals(before, after)) {
                kernel.add(new OptionChange(name, before, after));
            }
        }
    }

    private static void compareFiles(SortedMap<String, String> before, SortedMap<String, String> after,
                                     List<FileChange> out) {
        Set<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        for (String path : paths) {
            String b = before.get(path);
            String a = after.get(path);
            if (b == null) {
                out.add(new FileChange(FileKind.ADDED, path, null, a));
            } else if (a == null) {
                out.add(new FileChange(FileKind.REMOVED, path, b, null));
            } else if (!a.equals(b)) {
                out.add(new FileChange(FileKind.CHANGED, path, b, a));
            }
        }
    }

    private static String missing(StageRecord previous, StageRecord current,
                                  java.util.function.Predicate<StageRecord> knows) {
        if (!knows.test(previous)) {
            return "the previous record (" + previous.source() + ") does not have it";
        }
        return "the current record (" + current.source() + ") does not have it";
    }

    /** Counts per part, for the summary: {@code 1 USE, 2 /etc}. */
    public Map<String, Integer> counts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        put(out, "packages", packages.size());
        put(out, "USE", use.size());
        put(out, "seed/snapshot", pins.size());
        put(out, "kernel options", kernel.size());
        put(out, "/etc", etc.size());
        put(out, "setuid/setgid", setid.size());
        put(out, "services", services.size());
        return out;
    }

    private static void put(Map<String, Integer> out, String key, int n) {
        if (n > 0) {
            out.put(key, n);
        }
    }

    /** Handy for tests and the writer: the changed /etc paths by kind. */
    public SortedMap<String, FileKind> etcPaths() {
        SortedMap<String, FileKind> out = new TreeMap<>();
        etc.forEach(f -> out.put(f.path(), f.kind()));
        return out;
    }
}
