package org.zentoo.pipeline;

import org.zentoo.lock.Lock;
import org.zentoo.lock.LockDiff;
import org.zentoo.lock.LockException;
import org.zentoo.lock.LockFile;
import org.zentoo.lock.LockedPackage;
import org.zentoo.lock.MachineLock;
import org.zentoo.machine.Machine;
import org.zentoo.seed.SeedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's view of {@code zentoo.lock}: what it pins, what this run resolved, and
 * the lock it writes.
 * <ul>
 *   <li><b>Honoured</b> (a lock, neither frozen nor updating the machine): the seed resolves
 *   by its locked digest while the machine's SEED value is the locked one, the snapshot
 *   must have its locked digest while SNAPSHOT is the locked one, and assembly installs
 *   exactly the locked binpkg instances while the rendered config, seed and snapshot
 *   are the locked ones.</li>
 *   <li><b>Frozen</b> ({@code zentoo.lock.frozen}): everything resolves afresh, and any
 *   difference from the lock fails the run before assembly; the lock is never written.</li>
 *   <li><b>Update</b> ({@code zentoo.lock.update}, all machines or a list): the machines'
 *   seeds and snapshots resolve afresh, which is the only way a locked seed or snapshot
 *   moves while its configured value stays.</li>
 * </ul>
 * The lock read at the start stays available ({@link #previous}) after the run
 * wrote the new one, for what compares the two.
 */
public final class SiteLock {

    /** {@code cat/pf::repo sha256:HEX}: a line of assemble.sh's instance record. */
    private static final Pattern INSTANCE = Pattern.compile("(\\S+)::(\\S+) sha256:([0-9a-f]{64})");
    /** {@code cat/pf::repo USE="…"}: a line of the packages list. */
    private static final Pattern PACKAGE = Pattern.compile("(\\S+)::(\\S+) USE=\"([^\"]*)\"");

    private final Path file;
    private volatile Lock previous;
    /** Records of a lock from before platforms were recorded, given the platform the seed has now. */
    private final java.util.Set<String> platformAdded = ConcurrentHashMap.newKeySet();
    private final boolean present;
    private final boolean frozen;
    /** null: no update; empty: every machine; else these machines. */
    private final Set<String> update;
    private final Set<String> siteMachines;
    private final PipelineSettings.Console console;
    /** What this run resolved per machine; packages are the locked ones while they are pinned. */
    private final Map<String, MachineLock> resolved = new ConcurrentHashMap<>();
    private Lock current;

    private SiteLock(Path file, Optional<Lock> read, boolean frozen, Set<String> update, Set<String> siteMachines,
                     PipelineSettings.Console console) {
        this.file = file;
        this.previous = read.orElse(Lock.EMPTY);
        this.present = read.isPresent();
        this.frozen = frozen;
        this.update = update;
        this.siteMachines = siteMachines;
        this.console = console;
        this.current = previous;
    }

    /**
     * Reads {@code file} (absent: no lock yet).
     *
     * @param update       null for no update, "" or "true" for every machine, else a comma-separated list of ids
     * @param siteMachines every machine of the site: a record of any other machine is dropped when the lock is written
     */
    public static SiteLock load(Path file, boolean frozen, String update, Set<String> siteMachines,
                                PipelineSettings.Console console) throws IOException, LockException {
        Set<String> machines = null;
        if (update != null && !update.equalsIgnoreCase("false")) {
            machines = new TreeSet<>();
            if (!update.isBlank() && !update.equalsIgnoreCase("true")) {
                for (String id : update.split(",")) {
                    if (!id.isBlank()) {
                        machines.add(id.strip());
                    }
                }
            }
        }
        return new SiteLock(file, LockFile.read(file), frozen, machines, Set.copyOf(siteMachines), console);
    }

    /** No lock at all: nothing pinned, nothing written (goals and tests that do not use one). */
    public static SiteLock none(PipelineSettings.Console console) {
        return new SiteLock(null, Optional.empty(), false, null, Set.of(), console);
    }

    public boolean frozen() {
        return frozen;
    }

    /** The record of {@code machine} as the lock was when the run started (before any write). */
    public Optional<MachineLock> previous(String machine) {
        return previous.machine(machine);
    }

    /** The lock as the run started. */
    public Lock previous() {
        return previous;
    }

    /** The lock as it is now: after {@link #afterAssembly} or {@link #writeResolved}, what was written. */
    public Lock current() {
        return current;
    }

    /** What this run resolved for {@code machine} (seed, snapshot, config, partition), once its partition is known. */
    public Optional<MachineLock> resolved(String machine) {
        return Optional.ofNullable(resolved.get(machine));
    }

    private boolean honours(String machine) {
        return file != null && present && !frozen && !(update != null && (update.isEmpty() || update.contains(machine)));
    }

    /** The locked seed digest to resolve {@code machine}'s SEED by, while its SEED value is the locked one. */
    public Optional<String> pinnedSeed(Machine machine) {
        if (!honours(machine.id())) {
            return Optional.empty();
        }
        return previous.machine(machine.id()).filter(m -> m.seed().equals(machine.seed())).map(MachineLock::seedDigest);
    }

    /** The locked snapshot digest {@code machine}'s repositories must have, while its SNAPSHOT value is the locked one. */
    public Optional<String> pinnedSnapshot(String machine, String snapshotValue) {
        if (!honours(machine)) {
            return Optional.empty();
        }
        return previous.machine(machine).filter(m -> m.snapshot().equals(snapshotValue))
                .map(MachineLock::snapshotDigest);
    }

    /**
     * Fails when {@code machine}'s repositories, in {@code volume}, do not have the locked snapshot
     * digest while its SNAPSHOT value is the locked one: what the source gives now never replaces
     * a locked snapshot.
     */
    public void requireSnapshot(String machine, String snapshotValue, String volume, String digest)
            throws SeedException {
        Optional<String> locked = pinnedSnapshot(machine, snapshotValue);
        if (locked.isPresent() && !locked.get().equals(digest)) {
            throw new SeedException(SeedException.Problem.LOCKED_DIGEST_UNAVAILABLE, "[" + machine + "] snapshot "
                    + snapshotValue + " is locked to " + locked.get() + " (zentoo.lock), but volume " + volume
                    + " holds " + digest + ". A locked snapshot is never replaced: move the lock with"
                    + " mvn zentoo:lock -Dzentoo.lock.update");
        }
    }

    /** What a machine resolved to before its partition is known; see {@link #located}. */
    private final Map<String, MachineLock> prepared = new ConcurrentHashMap<>();

    /** Records what the run resolved for a machine's seed, snapshot and rendered config. */
    public void prepared(String machine, String seed, String seedDigest, String snapshot, String snapshotDigest,
                         String configHash, String platform) {
        adoptPlatform(machine, platform);
        prepared.put(machine, new MachineLock(machine, seed, seedDigest, snapshot, snapshotDigest, configHash, "-",
                platform, Optional.empty(), Map.of()));
    }

    /**
     * A lock written before Zentoo recorded platforms holds none: it is read as holding the
     * seed's platform, so that this alone is no drift (a frozen lock still passes), and the
     * next write records it.
     */
    private synchronized void adoptPlatform(String machine, String platform) {
        Optional<MachineLock> old = previous.machine(machine);
        if (old.isPresent() && old.get().platform().isEmpty()) {
            MachineLock m = old.get();
            previous = previous.with(new MachineLock(m.machine(), m.seed(), m.seedDigest(), m.snapshot(),
                    m.snapshotDigest(), m.configHash(), m.partition(), platform, m.kernel(), m.packages()));
            platformAdded.add(machine);
        }
    }

    /**
     * The machine's partition is known: its facts are complete. Its packages are the locked
     * ones when the lock pins them (see {@link #pins}), else none yet.
     */
    public void located(String machine, String partition) {
        MachineLock p = prepared.get(machine);
        if (p != null) {
            resolved(machine, p.seed(), p.seedDigest(), p.snapshot(), p.snapshotDigest(), p.configHash(), partition,
                    p.platform());
        }
    }

    private MachineLock resolved(String machine, String seed, String seedDigest, String snapshot,
                                 String snapshotDigest, String configHash, String partition, String platform) {
        Optional<MachineLock> old = previous.machine(machine);
        Map<String, LockedPackage> packages = Map.of();
        Optional<String> kernel = Optional.empty();
        if (old.isPresent() && old.get().configHash().equals(configHash) && old.get().seedDigest().equals(seedDigest)
                && old.get().snapshotDigest().equals(snapshotDigest) && old.get().partition().equals(partition)) {
            packages = old.get().packages();
            kernel = old.get().kernel();
        }
        MachineLock facts = new MachineLock(machine, seed, seedDigest, snapshot, snapshotDigest, configHash, partition,
                platform, kernel, packages);
        resolved.put(machine, facts);
        return facts;
    }

    /**
     * The instances assembly must install for {@code machine} ({@code cat/pf::repo sha256:HEX}),
     * empty when nothing is pinned: no lock, frozen off and updating, or the machine's config,
     * seed, snapshot or partition differ from its record.
     */
    public List<String> pins(String machine) {
        if (file == null || !present || (!frozen && !honours(machine))) {
            return List.of();
        }
        MachineLock facts = resolved.get(machine);
        if (facts == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        facts.packages().values().forEach(p -> lines.add(p.cpvr() + "::" + p.repo() + " sha256:" + p.instanceSha256()));
        return lines;
    }

    /**
     * Frozen: fails when what the run resolved for {@code machines} differs from the lock in
     * any fact (seed, snapshot, config, partition), listing every difference.
     */
    public void checkFrozen(Collection<String> machines) throws LockException {
        if (!frozen) {
            return;
        }
        if (!present) {
            throw new LockException(0, "no zentoo.lock, and -Dzentoo.lock.frozen needs one: build once without"
                    + " it (mvn install writes the lock) and commit zentoo.lock with config/");
        }
        Map<String, MachineLock> before = new TreeMap<>();
        Map<String, MachineLock> after = new TreeMap<>();
        for (String id : machines) {
            MachineLock facts = resolved.get(id);
            if (facts == null) {
                continue;
            }
            after.put(id, withoutPackages(facts));
            previous.machine(id).ifPresent(m -> before.put(id, withoutPackages(m)));
        }
        LockDiff diff = LockDiff.between(new Lock(before), new Lock(after));
        if (!diff.isEmpty()) {
            StringBuilder text = new StringBuilder("-Dzentoo.lock.frozen: the build resolves differently from the"
                    + " lock (- locked, + resolved now):");
            for (String id : diff.machines()) {
                diff.describe(id).forEach(line -> text.append("\n  [").append(id).append("] ").append(line));
            }
            text.append("\nCommit the lock a build without -Dzentoo.lock.frozen writes, or move seeds and snapshots"
                    + " with mvn zentoo:lock -Dzentoo.lock.update");
            throw new LockException(0, text.toString());
        }
    }

    private static MachineLock withoutPackages(MachineLock m) {
        return new MachineLock(m.machine(), m.seed(), m.seedDigest(), m.snapshot(), m.snapshotDigest(),
                m.configHash(), m.partition(), m.platform(), Optional.empty(), Map.of());
    }

    /**
     * After assembly: the machines that produced a stage (or kept a current one) get their
     * record, with the packages as installed; the others keep theirs. Writes the lock
     * unless frozen, and logs what changed in it.
     *
     * @param installed per machine that succeeded: its packages list and its instance record
     */
    public void afterAssembly(Map<String, Installed> installed) throws IOException, LockException {
        if (file == null || frozen) {
            return;
        }
        Map<String, MachineLock> records = new LinkedHashMap<>();
        for (Map.Entry<String, Installed> e : installed.entrySet()) {
            MachineLock facts = resolved.get(e.getKey());
            if (facts != null) {
                records.put(e.getKey(), facts.withPackages(e.getValue().packages()));
            }
        }
        write(records);
    }

    /**
     * After zentoo:kernel: the kernel line of each machine whose record matches what the run
     * resolved (the assembly of the same config wrote it, usually just before).
     *
     * @param kernels per machine, the KERNEL package as built ({@code cat/pkg-ver}; blank when unknown)
     */
    public void afterKernel(Map<String, String> kernels) throws IOException {
        if (file == null || frozen) {
            return;
        }
        Map<String, MachineLock> records = new LinkedHashMap<>();
        kernels.forEach((id, cpvr) -> {
            MachineLock facts = resolved.get(id);
            Optional<MachineLock> old = previous.machine(id);
            if (facts != null && old.isPresent() && !cpvr.isBlank()
                    && withoutPackages(old.get()).equals(withoutPackages(facts))) {
                MachineLock m = old.get();
                records.put(id, new MachineLock(id, m.seed(), m.seedDigest(), m.snapshot(), m.snapshotDigest(),
                        m.configHash(), m.partition(), m.platform(), Optional.of(cpvr), m.packages()));
            }
        });
        if (!records.isEmpty()) {
            write(records);
        }
    }

    /** zentoo:lock: writes what the run resolved, without building (packages while they stay pinned). */
    public void writeResolved() throws IOException, LockException {
        if (file == null || frozen) {
            return;
        }
        write(new LinkedHashMap<>(resolved));
    }

    private void write(Map<String, MachineLock> records) throws IOException {
        Lock next = previous;
        for (String id : previous.machines().keySet()) {
            if (!siteMachines.contains(id)) {
                console.info("zentoo.lock: machine " + id + " is no longer in the site; its record is dropped");
            }
        }
        next = next.retainOnly(siteMachines);
        for (MachineLock record : records.values()) {
            next = next.with(record);
        }
        LockDiff diff = LockDiff.between(previous, next);
        if (present && diff.isEmpty() && next.machines().keySet().stream().anyMatch(platformAdded::contains)) {
            LockFile.write(file, next);
            console.info("zentoo.lock: unchanged, and now records each machine's platform");
        } else if (present && diff.isEmpty()) {
            console.info("zentoo.lock: unchanged");
        } else {
            LockFile.write(file, next);
            console.info("zentoo.lock: " + (present ? "updated" : "written") + " (" + diff.machines().size()
                    + " machine(s) changed)");
            for (String id : diff.machines()) {
                Optional<MachineLock> added = previous.machine(id).isPresent() ? Optional.empty() : next.machine(id);
                if (added.isPresent()) {
                    // A new record is all new lines; what a reader wants is what it pins.
                    console.info(id, "zentoo.lock + machine " + id + ": seed " + added.get().seedDigest()
                            + ", snapshot " + added.get().snapshotDigest() + ", " + added.get().packages().size()
                            + " packages");
                } else {
                    diff.describe(id).forEach(line -> console.info(id, "zentoo.lock " + line));
                }
            }
        }
        current = next;
    }

    /** Whether {@code file} holds exactly {@code lines}, in any order: a stage already made from the pinned instances. */
    static boolean sameLines(Path file, List<String> lines) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        List<String> have = new ArrayList<>(Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                .toList());
        List<String> want = new ArrayList<>(lines);
        have.sort(null);
        want.sort(null);
        return have.equals(want);
    }

    /** What one machine's assembly installed, parsed from its packages list and instance record. */
    public record Installed(List<LockedPackage> packages) {

        /**
         * @param packages  lines {@code cat/pf::repo USE="…"}
         * @param instances lines {@code cat/pf::repo sha256:HEX}
         */
        public static Installed parse(String packages, String instances) throws IOException {
            Map<String, String> use = new TreeMap<>();
            for (String line : packages.split("\n")) {
                Matcher m = PACKAGE.matcher(line.strip());
                if (m.matches()) {
                    use.put(m.group(1) + "::" + m.group(2), m.group(3));
                }
            }
            List<LockedPackage> list = new ArrayList<>();
            for (String line : instances.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                Matcher m = INSTANCE.matcher(line.strip());
                if (!m.matches()) {
                    throw new IOException("unexpected line in the assembled stage's instance record: " + line);
                }
                String flags = use.getOrDefault(m.group(1) + "::" + m.group(2), "").strip();
                list.add(new LockedPackage(m.group(1), m.group(2), m.group(3),
                        flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"))));
            }
            return new Installed(list);
        }
    }
}
