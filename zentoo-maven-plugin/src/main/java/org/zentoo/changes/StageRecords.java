package org.zentoo.changes;

import org.zentoo.archive.EntryType;
import org.zentoo.archive.TarEntry;
import org.zentoo.archive.TarballEntries;
import org.zentoo.files.Sha256;
import org.zentoo.json.Json;
import org.zentoo.kernel.KernelOptions;
import org.zentoo.lock.LockedPackage;
import org.zentoo.lock.MachineLock;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes {@link StageRecord}s from what Zentoo has: stage and kernel tarballs, the lock, a saved record. */
public final class StageRecords {

    static final String PACKAGES = "./var/lib/zentoo/packages.txt";
    static final String SEED = "./var/lib/zentoo/seed";
    private static final Pattern RUNLEVEL = Pattern.compile("\\./etc/runlevels/([^/]+)/([^/]+)");
    private static final Pattern WANTS = Pattern.compile("\\./etc/systemd/system/([^/]+\\.wants)/([^/]+)");
    private static final Pattern KERNEL_CONFIG = Pattern.compile("\\./boot/config-[^/]+");
    private static final Pattern OPTION_SET = Pattern.compile("(CONFIG_[A-Za-z0-9_]+)=(.*)");
    private static final Pattern OPTION_UNSET = Pattern.compile("# (CONFIG_[A-Za-z0-9_]+) is not set");
    private static final int SETUID = 04000;
    private static final int SETGID = 02000;

    private StageRecords() {
    }

    /**
     * Reads a stage tarball: packages and seed from {@code /var/lib/zentoo}, every entry
     * under {@code /etc}, setuid and setgid files anywhere, OpenRC runlevel links and
     * systemd {@code .wants} links. A stage without {@code /var/lib/zentoo/packages.txt}
     * (not made by zentoo:assemble) has no package list in its record.
     */
    public static StageRecord fromStage(Path tarball) throws IOException {
        SortedMap<String, String> etc = new TreeMap<>();
        SortedMap<String, String> setid = new TreeMap<>();
        SortedSet<String> services = new TreeSet<>();
        String[] packages = new String[1];
        String[] seed = new String[1];
        TarballEntries.forEach(tarball, (entry, data) -> {
            String name = entry.name();
            if (name.equals(PACKAGES)) {
                packages[0] = text(data);
            } else if (name.equals(SEED)) {
                seed[0] = text(data).strip();
            }
            if (name.startsWith("./etc/")) {
                etc.put(path(entry), describe(entry, data));
                Matcher runlevel = RUNLEVEL.matcher(name);
                Matcher wants = WANTS.matcher(name);
                if (entry.type() == EntryType.SYMLINK && runlevel.matches()) {
                    services.add("openrc:" + runlevel.group(1) + "/" + runlevel.group(2));
                } else if (entry.type() == EntryType.SYMLINK && wants.matches()) {
                    services.add("systemd:" + wants.group(1) + "/" + wants.group(2));
                }
            }
            if (entry.type() != EntryType.DIRECTORY && entry.type() != EntryType.SYMLINK
                    && (entry.mode() & (SETUID | SETGID)) != 0) {
                setid.put(path(entry), mode(entry));
            }
        });
        String source = tarball.getFileName().toString();
        StageRecord record = new StageRecord(source, Optional.ofNullable(packages[0])
                .map(t -> InstalledPackage.parseList(t, source + ":/var/lib/zentoo/packages.txt")), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(etc), Optional.of(setid), Optional.of(services));
        if (seed[0] != null && seed[0].contains(" ")) {
            int space = seed[0].lastIndexOf(' ');
            record = record.withSeed(new StageRecord.Pinned(seed[0].substring(0, space), seed[0].substring(space + 1)));
        } else if (seed[0] != null && !seed[0].isEmpty()) {
            // Since zentoo.lock, a stage names its seed by digest alone, so that a moved tag cannot change its bytes.
            record = record.withSeed(new StageRecord.Pinned(seed[0], seed[0]));
        }
        return record;
    }

    /** The options of a packed kernel's {@code /boot/config-<version>}, or empty when it has none. */
    public static Optional<StageRecord.KernelConfig> fromKernel(Path tarball) throws IOException {
        SortedMap<String, String> options = new TreeMap<>();
        boolean[] found = new boolean[1];
        TarballEntries.forEach(tarball, (entry, data) -> {
            if (!found[0] && entry.type() == EntryType.FILE && KERNEL_CONFIG.matcher(entry.name()).matches()) {
                found[0] = true;
                options.putAll(kernelOptions(text(data)));
            }
        });
        return found[0] ? Optional.of(new StageRecord.KernelConfig(StageRecord.KernelConfig.ARTIFACT, options))
                : Optional.empty();
    }

    /** The options of a kernel {@code .config}: {@code CONFIG_X=value}, and {@code n} for "is not set". */
    public static SortedMap<String, String> kernelOptions(String config) {
        SortedMap<String, String> options = new TreeMap<>();
        for (String line : config.split("\n")) {
            Matcher set = OPTION_SET.matcher(line.strip());
            Matcher unset = OPTION_UNSET.matcher(line.strip());
            if (set.matches()) {
                options.put(set.group(1), set.group(2));
            } else if (unset.matches()) {
                options.put(unset.group(1), "n");
            }
        }
        return options;
    }

    /** What the machine's kernel.config fragments ask for, before a kernel is packed. */
    public static StageRecord.KernelConfig fromFragments(KernelOptions fragments) {
        SortedMap<String, String> options = new TreeMap<>();
        fragments.options().forEach(o -> options.put(o.name(), o.value()));
        return new StageRecord.KernelConfig(StageRecord.KernelConfig.FRAGMENTS, options);
    }

    /** What {@code zentoo.lock} pins for a machine: packages with USE, seed and snapshot; no /etc. */
    public static StageRecord fromLock(MachineLock lock) {
        List<InstalledPackage> packages = new ArrayList<>();
        for (LockedPackage p : lock.packages().values()) {
            packages.add(InstalledPackage.of(p.cpvr(), p.repo(), p.use()));
        }
        return StageRecord.empty("zentoo.lock").withPackages(packages)
                .withSeed(new StageRecord.Pinned(lock.seed(), lock.seedDigest()))
                .withSnapshot(new StageRecord.Pinned(lock.snapshot(), lock.snapshotDigest()));
    }

    /**
     * One line for an entry: type, mode, owner, and the SHA-256 of a file's content
     * (first 16 hex digits) or a link's target, so that a changed file shows.
     */
    static String describe(TarEntry entry, InputStream data) throws IOException {
        String base = String.format("%04o %d:%d", entry.mode(), entry.uid(), entry.gid());
        return switch (entry.type()) {
            case FILE -> "file " + base + " sha256:" + Sha256.of(data.readAllBytes()).substring(0, 16);
            case DIRECTORY -> "dir " + base;
            case SYMLINK -> "symlink -> " + entry.linkName();
            case HARDLINK -> "hardlink " + base + " = " + entry.linkName().replaceFirst("^\\./", "/");
            default -> entry.type().name().toLowerCase(java.util.Locale.ROOT) + " " + base;
        };
    }

    private static String mode(TarEntry entry) {
        return String.format("%04o %d:%d", entry.mode(), entry.uid(), entry.gid());
    }

    /** {@code /etc/motd} from {@code ./etc/motd}; directories without their trailing slash. */
    private static String path(TarEntry entry) {
        String name = entry.displayName();
        String p = name.startsWith("./") ? name.substring(1) : "/" + name;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static String text(InputStream data) throws IOException {
        return new String(data.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The record as JSON, for the next assembly to compare with. */
    public static String toJson(StageRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", record.source());
        record.packages().ifPresent(p -> out.put("packages", p.stream().map(InstalledPackage::line).toList()));
        record.seed().ifPresent(s -> out.put("seed", pinned(s)));
        record.snapshot().ifPresent(s -> out.put("snapshot", pinned(s)));
        record.kernel().ifPresent(k -> {
            Map<String, Object> kernel = new LinkedHashMap<>();
            kernel.put("source", k.source());
            kernel.put("options", new LinkedHashMap<>(k.options()));
            out.put("kernel", kernel);
        });
        record.etc().ifPresent(e -> out.put("etc", new LinkedHashMap<>(e)));
        record.setid().ifPresent(e -> out.put("setid", new LinkedHashMap<>(e)));
        record.services().ifPresent(s -> out.put("services", new ArrayList<>(s)));
        return Json.write(out);
    }

    /** Reads what {@link #toJson} wrote; {@code name} is the file, for messages. */
    @SuppressWarnings("unchecked")
    public static StageRecord fromJson(String json, String name) {
        Map<String, Object> in = (Map<String, Object>) Json.parse(json);
        StageRecord record = StageRecord.empty(String.valueOf(in.getOrDefault("source", name)));
        if (in.get("packages") instanceof List<?> lines) {
            record = record.withPackages(InstalledPackage.parseList(String.join("\n",
                    lines.stream().map(String::valueOf).toList()), name));
        }
        if (in.get("seed") instanceof Map<?, ?> s) {
            record = record.withSeed(pinned((Map<String, Object>) s));
        }
        if (in.get("snapshot") instanceof Map<?, ?> s) {
            record = record.withSnapshot(pinned((Map<String, Object>) s));
        }
        if (in.get("kernel") instanceof Map<?, ?> k) {
            record = record.withKernel(new StageRecord.KernelConfig(String.valueOf(k.get("source")),
                    strings(k.get("options"))));
        }
        return new StageRecord(record.source(), record.packages(), record.seed(), record.snapshot(), record.kernel(),
                in.containsKey("etc") ? Optional.of(strings(in.get("etc"))) : Optional.empty(),
                in.containsKey("setid") ? Optional.of(strings(in.get("setid"))) : Optional.empty(),
                in.get("services") instanceof List<?> l
                        ? Optional.of(new TreeSet<>(l.stream().map(String::valueOf).toList())) : Optional.empty());
    }

    private static Map<String, Object> pinned(StageRecord.Pinned p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", p.value());
        out.put("digest", p.digest());
        return out;
    }

    private static StageRecord.Pinned pinned(Map<String, Object> in) {
        return new StageRecord.Pinned(String.valueOf(in.get("value")), String.valueOf(in.get("digest")));
    }

    private static SortedMap<String, String> strings(Object map) {
        SortedMap<String, String> out = new TreeMap<>();
        if (map instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }
}
