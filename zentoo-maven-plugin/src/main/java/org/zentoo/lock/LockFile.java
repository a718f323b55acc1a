package org.zentoo.lock;

import org.zentoo.files.AtomicFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes {@code zentoo.lock}. The format, version 1:
 * <pre>
 * # comments and blank lines are ignored
 * version 1
 * machine web01
 *   seed gentoo/stage3:amd64-openrc sha256:…
 *   snapshot 20260101 sha512:…
 *   config sha256:…
 *   partition amd64-x86_64-pc-linux-gnu-…
 *   platform linux/amd64
 *   kernel sys-kernel/gentoo-kernel-bin-6.6.30
 *   package app-misc/hello-1.0::gentoo sha256:… USE="colour -greeting"
 * </pre>
 * Writing is stable: machines sorted by id, facts in a fixed order, packages sorted, so
 * the same lock is always the same bytes and git diffs show only what changed.
 */
public final class LockFile {

    public static final String NAME = "zentoo.lock";
    static final int VERSION = 1;

    /** {@code cat/pkg-ver[-rN]}: group 1 is {@code cat/pkg}, group 2 the version (PMS 3.1, 3.2). */
    static final Pattern CPVR = Pattern.compile(
            "([A-Za-z0-9_][A-Za-z0-9+_.-]*/[A-Za-z0-9_][A-Za-z0-9+_-]*?)"
                    + "-([0-9]+(?:\\.[0-9]+)*[a-z]?(?:_(?:alpha|beta|pre|rc|p)[0-9]*)*(?:-r[0-9]+)?)");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}");
    private static final Pattern SHA256 = Pattern.compile("sha256:([0-9a-f]{64})");
    private static final Pattern PACKAGE = Pattern.compile("(\\S+)::(\\S+) (\\S+) USE=\"([^\"]*)\"");
    private static final Pattern MACHINE_ID = Pattern.compile("[A-Za-z0-9._+-]+(?:/[A-Za-z0-9._+-]+)*");

    private LockFile() {
    }

    /** The lock at {@code file}, or empty when the site has none yet. */
    public static Optional<Lock> read(Path file) throws IOException, LockException {
        return read(file, NAME);
    }

    /** The lock at {@code file}, its errors naming it {@code name} (as the user gave it). */
    public static Optional<Lock> read(Path file, String name) throws IOException, LockException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return Optional.of(parse(text));
        } catch (LockException e) {
            if (name.equals(NAME)) {
                throw e;
            }
            throw new LockException(name, e.line(), e.problem());
        }
    }

    public static void write(Path file, Lock lock) throws IOException {
        AtomicFile.write(file, format(lock), AtomicFile.WORLD_READABLE);
    }

    public static String format(Lock lock) {
        StringBuilder out = new StringBuilder();
        out.append("# zentoo.lock: what each machine was built from. Commit it with config/.\n");
        out.append("# Written by the build; move seeds and snapshots forward with mvn zentoo:lock -Dzentoo.lock.update\n");
        out.append("version ").append(VERSION).append('\n');
        for (MachineLock machine : lock.machines().values()) {
            out.append("machine ").append(machine.machine()).append('\n');
            for (String line : machine.lines()) {
                out.append("  ").append(line).append('\n');
            }
        }
        return out.toString();
    }

    public static Lock parse(String text) throws LockException {
        Map<String, MachineLock> machines = new TreeMap<>();
        Block block = null;
        boolean versioned = false;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String raw = lines[i];
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1);
            if (!versioned) {
                if (!key.equals("version")) {
                    throw new LockException(number, "expected \"version " + VERSION + "\" before anything else, found \""
                            + line + "\"");
                }
                if (!value.equals(String.valueOf(VERSION))) {
                    throw new LockException(number, "lock format version \"" + value + "\" is not supported; this"
                            + " Zentoo reads version " + VERSION);
                }
                versioned = true;
                continue;
            }
            if (key.equals("machine")) {
                if (!Character.isWhitespace(raw.charAt(0)) && MACHINE_ID.matcher(value).matches()) {
                    put(machines, block);
                    if (machines.containsKey(value)) {
                        throw new LockException(number, "machine " + value + " is locked twice");
                    }
                    block = new Block(value, number);
                    continue;
                }
                throw new LockException(number, "expected \"machine <id>\" at the start of the line, found \"" + raw + "\"");
            }
            if (block == null) {
                throw new LockException(number, "\"" + key + "\" before any \"machine <id>\" line");
            }
            block.fact(number, key, value);
        }
        if (!versioned) {
            throw new LockException(1, "expected \"version " + VERSION + "\"; the file is empty");
        }
        put(machines, block);
        return new Lock(machines);
    }

    private static void put(Map<String, MachineLock> machines, Block block) throws LockException {
        if (block != null) {
            MachineLock machine = block.build();
            machines.put(machine.machine(), machine);
        }
    }

    /** The facts of one machine as they are read, checked one line at a time. */
    private static final class Block {
        private final String machine;
        private final int line;
        private final Map<String, String[]> facts = new LinkedHashMap<>();
        private final Map<String, LockedPackage> packages = new TreeMap<>();

        Block(String machine, int line) {
            this.machine = machine;
            this.line = line;
        }

        void fact(int number, String key, String value) throws LockException {
            switch (key) {
                case "seed", "snapshot" -> single(number, key, pair(number, key, value));
                case "config" -> single(number, key, new String[] {digest(number, key, value, SHA256)});
                case "partition" -> single(number, key, new String[] {word(number, key, value)});
                case "platform" -> single(number, key, new String[] {platform(number, word(number, key, value))});
                case "kernel" -> single(number, key, new String[] {cpvr(number, key, word(number, key, value))});
                case "package" -> addPackage(number, value);
                default -> throw new LockException(number, "unknown fact \"" + key + "\"; expected seed, snapshot,"
                        + " config, partition, platform, kernel or package");
            }
        }

        private void single(int number, String key, String[] value) throws LockException {
            if (facts.putIfAbsent(key, value) != null) {
                throw new LockException(number, "machine " + machine + " has a second \"" + key + "\" line");
            }
        }

        private void addPackage(int number, String value) throws LockException {
            Matcher m = PACKAGE.matcher(value);
            if (!m.matches()) {
                throw new LockException(number, "expected \"package <cat/pkg-ver>::<repo> sha256:<64 hex> USE=\\\"…\\\"\","
                        + " found \"package " + value + "\"");
            }
            String cpvr = cpvr(number, "package", m.group(1));
            String hash = digest(number, "package " + m.group(1), m.group(3), SHA256);
            List<String> use = m.group(4).isBlank() ? List.of() : List.of(m.group(4).trim().split("\\s+"));
            LockedPackage p = new LockedPackage(cpvr, m.group(2), hash.substring("sha256:".length()), use);
            if (packages.putIfAbsent(cpvr + "::" + m.group(2), p) != null) {
                throw new LockException(number, "package " + m.group(1) + "::" + m.group(2) + " is locked twice for"
                        + " machine " + machine);
            }
        }

        MachineLock build() throws LockException {
            for (String required : List.of("seed", "snapshot", "config", "partition")) {
                if (!facts.containsKey(required)) {
                    throw new LockException(line, "machine " + machine + " has no \"" + required + "\" line");
                }
            }
            Optional<String> kernel = Optional.ofNullable(facts.get("kernel")).map(k -> k[0]);
            // A lock written before platforms were recorded has none: read as unknown, written with it next time.
            String platform = facts.containsKey("platform") ? facts.get("platform")[0] : "";
            return new MachineLock(machine, facts.get("seed")[0], facts.get("seed")[1], facts.get("snapshot")[0],
                    facts.get("snapshot")[1], facts.get("config")[0], facts.get("partition")[0], platform, kernel,
                    packages);
        }

        private static String platform(int number, String value) throws LockException {
            try {
                return org.zentoo.machine.Platform.parse(value).toString();
            } catch (IllegalArgumentException e) {
                throw new LockException(number, e.getMessage());
            }
        }

        private static String[] pair(int number, String key, String value) throws LockException {
            String[] parts = value.split(" ");
            if (parts.length != 2 || parts[0].isEmpty()) {
                throw new LockException(number, "expected \"" + key + " <value> <sha256:…|sha512:…>\", found \""
                        + key + " " + value + "\"");
            }
            return new String[] {parts[0], digest(number, key, parts[1], DIGEST)};
        }

        private static String digest(int number, String key, String value, Pattern expected) throws LockException {
            if (!expected.matcher(value).matches()) {
                throw new LockException(number, key + ": \"" + value + "\" is not a digest; expected "
                        + (expected == SHA256 ? "sha256:<64 lowercase hex>" : "sha256:<64 hex> or sha512:<128 hex>"));
            }
            return value;
        }

        private static String word(int number, String key, String value) throws LockException {
            if (value.isEmpty() || value.contains(" ")) {
                throw new LockException(number, "expected \"" + key + " <one word>\", found \"" + key + " " + value + "\"");
            }
            return value;
        }

        private static String cpvr(int number, String key, String value) throws LockException {
            if (!CPVR.matcher(value).matches()) {
                throw new LockException(number, key + ": \"" + value + "\" is not a category/package-version");
            }
            return value;
        }
    }
}
