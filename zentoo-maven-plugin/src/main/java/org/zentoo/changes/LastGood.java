package org.zentoo.changes;

import org.zentoo.lock.LockedPackage;
import org.zentoo.lock.MachineLock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A failed package against the last instance of it that built for the same machine,
 * as {@code zentoo.lock} records it: what differs in version, USE, seed and snapshot.
 * Each flag that differs is attributed to the line that decides it now; the lock
 * keeps the USE an instance was built with but not the lines that decided it then,
 * so the text says where to find those (the commit that wrote the locked line).
 *
 * @param machine  the machine id
 * @param cpvr     the failed package, {@code cat/pkg-ver[-rN]}
 * @param useNow   the failed build's IUSE flags, in IUSE order, each on or off
 * @param locked   the locked instance of the same {@code cat/pkg}
 * @param seedNow  the seed digest the failed build started from
 * @param snapshotNow the snapshot digest the failed build used
 * @param lock     the machine's locked record (its seed and snapshot digests)
 * @param use      the flags whose state differs, each with the line that decides it now
 */
public record LastGood(String machine, String cpvr, Map<String, Boolean> useNow, LockedPackage locked,
                       String seedNow, String snapshotNow, MachineLock lock, List<Changes.UseChange> use) {

    /** The file a bug report holds this in. */
    public static final String FILE = "last-good.txt";

    public LastGood {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(cpvr, "cpvr");
        useNow = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(useNow));
        Objects.requireNonNull(locked, "locked");
        Objects.requireNonNull(lock, "lock");
        use = List.copyOf(use);
    }

    /**
     * The locked instance of {@code cpvr}'s package in {@code lock}, compared; empty when the
     * lock records none for the machine (a package it never built, or a record without packages).
     */
    public static Optional<LastGood> of(String cpvr, Map<String, Boolean> useNow, String seedNow, String snapshotNow,
                                        MachineLock lock, UseOrigins origins) {
        String cp = cpOf(cpvr);
        Optional<LockedPackage> match = lock.packages().values().stream().filter(p -> p.cp().equals(cp)).findFirst();
        if (match.isEmpty()) {
            return Optional.empty();
        }
        LockedPackage locked = match.get();
        Map<String, Boolean> then = flags(locked.use());
        List<Changes.UseChange> use = new ArrayList<>();
        String version = cpvr.substring(cp.length() + 1);
        useNow.forEach((flag, on) -> {
            Boolean before = then.get(flag);
            if (!on.equals(before)) {
                use.add(new Changes.UseChange(cp, version, flag, before, on, origins.origin(cp, flag, on)));
            }
        });
        then.forEach((flag, on) -> {
            if (!useNow.containsKey(flag)) {
                use.add(new Changes.UseChange(cp, version, flag, on, null, null));
            }
        });
        return Optional.of(new LastGood(lock.machine(), cpvr, useNow, locked, seedNow, snapshotNow, lock, use));
    }

    /** {@code flag} and {@code -flag} tokens as a flag to on/off map, in their order. */
    public static Map<String, Boolean> flags(List<String> tokens) {
        Map<String, Boolean> flags = new LinkedHashMap<>();
        for (String t : tokens) {
            if (!t.isEmpty()) {
                flags.put(t.startsWith("-") ? t.substring(1) : t, !t.startsWith("-"));
            }
        }
        return flags;
    }

    /** The locked USE as {@code package.use} tokens for the failed version. */
    public String lockedUseLine() {
        return "=" + cpvr + " " + String.join(" ", locked.use());
    }

    /** The flags the failed build had on that the locked instance had off, or missed: what may break it. */
    public List<Changes.UseChange> turnedOn() {
        return use.stream().filter(u -> Boolean.TRUE.equals(u.after())).toList();
    }

    /** One line for the console. */
    public String consoleLine() {
        List<String> parts = new ArrayList<>();
        if (!locked.cpvr().equals(cpvr)) {
            parts.add("version " + locked.version() + " -> " + cpvr.substring(cpOf(cpvr).length() + 1));
        }
        List<String> flags = use.stream().map(LastGood::token).toList();
        parts.add(flags.isEmpty() ? "same USE" : "USE " + String.join(" ", flags));
        if (!Objects.equals(seedNow, lock.seedDigest())) {
            parts.add("another seed");
        }
        if (!Objects.equals(snapshotNow, lock.snapshotDigest())) {
            parts.add("another snapshot");
        }
        return "last good " + locked.cpvr() + " (zentoo.lock): " + String.join(", ", parts);
    }

    /** {@code last-good.txt}: the whole comparison, for a person and a bug report. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("Last good: what differs between the failed ").append(cpvr).append(" and the last instance of ")
                .append(cpOf(cpvr)).append(" that built for machine ").append(machine)
                .append(", as zentoo.lock records it.\n\n");
        out.append("version   ").append(locked.version()).append(" (locked)  ")
                .append(locked.cpvr().equals(cpvr) ? "same version now" : "now " + cpvr.substring(cpOf(cpvr).length() + 1))
                .append('\n');
        out.append("seed      ").append(lock.seedDigest()).append(" (locked)  ")
                .append(Objects.equals(seedNow, lock.seedDigest()) ? "same seed now" : "now " + seedNow).append('\n');
        out.append("snapshot  ").append(lock.snapshotDigest()).append(" (locked)  ")
                .append(Objects.equals(snapshotNow, lock.snapshotDigest()) ? "same snapshot now" : "now " + snapshotNow)
                .append('\n');
        out.append("USE       \"").append(String.join(" ", locked.use())).append("\" (locked)  now \"")
                .append(useNow.entrySet().stream().map(e -> (e.getValue() ? "" : "-") + e.getKey())
                        .collect(Collectors.joining(" ")))
                .append("\"\n");
        if (use.isEmpty()) {
            out.append("          no flag differs\n");
        }
        for (Changes.UseChange u : use) {
            out.append("          ").append(token(u)).append("  ");
            if (u.after() == null) {
                out.append("not in IUSE any more (was ").append(u.before() ? "on" : "off").append(")\n");
            } else if (u.before() == null) {
                out.append("new in IUSE; now ").append(u.after() ? "set " : "unset ").append(u.origin()).append('\n');
            } else {
                out.append("now ").append(u.after() ? "set " : "unset ").append(u.origin()).append('\n');
            }
        }
        if (!use.isEmpty()) {
            out.append("          then: zentoo.lock keeps the USE, not the lines that decided it; the commit that wrote\n")
                    .append("          the locked line holds the config/ of then:\n")
                    .append("          git log -n 1 -S '").append(locked.instanceSha256()).append("' -- zentoo.lock\n");
        }
        return out.toString();
    }

    /** What the one extra build with the locked USE gave (-Dzentoo.bugreport.tryLastGood). */
    public enum Retry {
        /** The failed version built with the locked USE. */
        BUILDS,
        /** It failed with the locked USE as well. */
        FAILS,
        /** It could not be tried (its dependencies were not in the store as binaries). */
        NOT_TRIED
    }

    /** The verdict sentence for a retry's outcome; {@code detail} says why a retry was not tried. */
    public String verdict(Retry retry, String detail) {
        return switch (retry) {
            case FAILS -> "fails with the locked USE too: not a USE change";
            case BUILDS -> turnedOn().isEmpty() && use.isEmpty()
                    ? "builds with the locked USE, which is the USE it failed with: the failure did not repeat"
                    + " (not a USE change; something outside USE, or a flaky build)"
                    : "builds with the locked USE; fails with " + use.stream()
                    .filter(u -> u.after() != null)
                    .map(u -> token(u) + ", " + (u.after() ? "set " : "unset ") + u.origin())
                    .collect(Collectors.joining("; "));
            case NOT_TRIED -> "not tried with the locked USE: " + detail;
        };
    }

    private static String token(Changes.UseChange u) {
        return (u.after() == null ? "(" + (u.before() ? "+" : "-") + u.flag() + ")" : (u.after() ? "+" : "-") + u.flag());
    }

    private static String cpOf(String cpvr) {
        return LockedPackage.cp(cpvr);
    }
}
