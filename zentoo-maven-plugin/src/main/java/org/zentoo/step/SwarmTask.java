package org.zentoo.step;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.JobSecret;
import org.zentoo.engine.Mount;
import org.zentoo.engine.StreamPump;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A step's container as a Swarm task on any node. A task has no bind mount, volume or
 * copy-in, so what a step gets that way travels another way:
 * <ul>
 *   <li>read-only mounts (rendered config, world sets, kernel fragments, the
 *       reproducibility hook, the snapshot) and copied-in trees go into one layer on top of
 *       the step's image, under {@link #INPUTS}; the image is pushed to the registry and the
 *       task runs it by digest. Before the step's script, the task moves each input where
 *       the mount was and unpacks each copy's tar where it would have been copied;</li>
 *   <li>the store's credentials and the signing directory become Docker secrets at the
 *       paths they were mounted at: never part of an image;</li>
 *   <li>writable mounts (distfiles, the bug-report directory) become empty directories of
 *       the task: what a task writes there stays on its node;</li>
 *   <li>the binpkg volume is refused: on Swarm the store is the binhost.</li>
 * </ul>
 * {@link #INPUTS} is left out of an assembly's staged root, so the stage does not change.
 */
final class SwarmTask {

    /** The inputs' directory in the task's image (its mounts' copies, its copy-ins). */
    static final String INPUTS = "/zentoo-inputs";

    /** Mounts whose files are secrets: the store's credentials, the signing key and passphrase. */
    static final Set<String> SECRET_MOUNTS = Set.of(BinhostStore.CREDENTIALS_PATH,
            BinhostStore.STAGING_CREDENTIALS_PATH, BinpkgSigning.MOUNT);

    /**
     * The prelude's functions. zentoo_input moves an input where its mount was (a directory's
     * content replaces the target's, as a mount hides it). zentoo_copy unpacks a copy's own
     * tar, as {@code docker cp} unpacks it: a directory the tar has no entry for keeps its
     * mode and mtime, which an assembled root would otherwise show (unpacking a second time
     * from an unpacked tree would carry its parent directories along).
     */
    static final String PLACE = """
            zentoo_input() {
              if [ -d "$1" ] && [ ! -L "$1" ]; then
                mkdir -p "$2" && find "$2" -mindepth 1 -maxdepth 1 -exec rm -rf {} + \\
                  && find "$1" -mindepth 1 -maxdepth 1 -exec mv -t "$2" {} +
              else
                rm -rf "$2" && mkdir -p "$(dirname "$2")" && mv "$1" "$2"
              fi || { echo "[zentoo] cannot put the task's input $2 in place" >&2; exit 71; }
            }
            zentoo_copy() {
              tar --extract --file="$1" --preserve-permissions --numeric-owner --xattrs -C "$2" \\
                || { echo "[zentoo] cannot unpack the task's copy into $2" >&2; exit 71; }
            }
            """;

    /**
     * The root directory as the local daemon shows it. A seed imported from a tarball whose
     * {@code ./} entry is 0700 (a root made with mktemp -d) gives a container root of mode
     * 0755 under overlay2, but a vfs node applies the entry, and Portage's fetch, run as the
     * portage user, then cannot chdir to /. The root directory is no part of a stage.
     */
    static final String ROOT_MODE = "[ \"$(stat -c %a /)\" = 755 ] || { echo \"[zentoo] the task's / has mode"
            + " $(stat -c %a /) on this node: made 0755, as the local daemon shows it\"; chmod 0755 /; }\n";

    /** Docker's name for a container without a network, which a Swarm service cannot ask for. */
    static final String NO_NETWORK = "none";

    /**
     * What the step's spec needs, sorted by how it reaches a task; {@code detached}: the
     * step asked for {@value #NO_NETWORK}, and its task is attached to no network of the Swarm.
     */
    record Plan(List<Mount> inputs, List<Mount> secrets, List<Mount> scratch, List<String> copies,
                boolean detached) {

        /** Bash run before the step's own script: inputs, copies and scratch directories in place. */
        String prelude() {
            StringBuilder bash = new StringBuilder(PLACE).append(ROOT_MODE);
            for (int i = 0; i < inputs.size(); i++) {
                String target = inputs.get(i).target();
                bash.append("zentoo_input ").append(quote(INPUTS + "/in/" + i + "/" + baseName(target)))
                        .append(' ').append(quote(target)).append('\n');
            }
            for (int i = 0; i < copies.size(); i++) {
                bash.append("zentoo_copy ").append(quote(INPUTS + "/copy/" + i + ".tar")).append(' ')
                        .append(quote(copies.get(i))).append('\n');
            }
            for (Mount m : scratch) {
                bash.append("mkdir -p ").append(quote(m.target())).append('\n');
            }
            // Everything is in place: the task's root is then the root the container has on one host.
            return bash.append("rm -rf ").append(INPUTS).append('\n').toString();
        }
    }

    private SwarmTask() {
    }

    /**
     * Sorts the spec's mounts; {@code copies} are the paths the step copies trees into. A
     * Swarm service can join only the Swarm's networks ("bridge", "host" and overlays of the
     * Swarm), none named {@value #NO_NETWORK}: a step that asks for no network (the stage
     * test) becomes a task attached to none of them, which Docker starts on its node's
     * default bridge. A step that asks for a network of this daemon is refused.
     */
    static Plan plan(ContainerSpec spec, List<String> copies) throws EngineException {
        if (spec.network() != null && !spec.network().equals(NO_NETWORK)) {
            throw new EngineException("the " + spec.machine() + " step joins the network " + spec.network()
                    + " of this Docker host, which no Swarm node has: run it without -Dzentoo.swarm");
        }
        List<Mount> inputs = new ArrayList<>();
        List<Mount> secrets = new ArrayList<>();
        List<Mount> scratch = new ArrayList<>();
        for (Mount m : spec.mounts()) {
            if (m.target().equals(Volumes.BINPKGS_PATH)) {
                throw new EngineException("the " + spec.machine() + " step mounts the binpkg volume " + m.source()
                        + ", which no Swarm node has: run Swarm mode with -Dzentoo.store=binhost");
            }
            if (SECRET_MOUNTS.contains(m.target())) {
                secrets.add(m);
            } else if (m.readOnly()) {
                inputs.add(m);
            } else {
                scratch.add(m);
            }
        }
        return new Plan(inputs, secrets, scratch, List.copyOf(copies), NO_NETWORK.equals(spec.network()));
    }

    /**
     * The secret files of the plan, each at the path it was mounted at: a mounted file
     * itself, or each regular file of a mounted directory.
     */
    static List<JobSecret> secrets(Plan plan) throws IOException {
        List<JobSecret> secrets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Mount m : plan.secrets()) {
            Path source = Path.of(m.source());
            List<Path> files;
            if (Files.isDirectory(source)) {
                try (Stream<Path> list = Files.list(source)) {
                    files = list.filter(Files::isRegularFile).sorted().toList();
                }
            } else {
                files = List.of(source);
            }
            for (Path file : files) {
                String path = Files.isDirectory(source) ? m.target() + "/" + file.getFileName() : m.target();
                String name = baseName(path);
                // Two mounts may hold files of one name: the secret's name must differ, not its path.
                String unique = names.add(name) ? name : secrets.size() + "-" + name;
                secrets.add(new JobSecret(unique, Files.readAllBytes(file), path));
            }
        }
        return secrets;
    }

    /** The task's spec: the same process, in {@code image}, with the inputs put in place first. */
    static ContainerSpec remote(ContainerSpec spec, String image, Plan plan) throws EngineException {
        List<String> command = spec.command();
        ContainerSpec task = new ContainerSpec(image).machine(spec.machine()).platform(spec.platform());
        spec.env().forEach(task::env);
        spec.labels().forEach(task::label);
        if (spec.user() != null) {
            task.user(spec.user());
        }
        if (command.size() == 3 && command.get(0).equals("/bin/bash") && command.get(1).equals("-c")) {
            return task.script(plan.prelude() + command.get(2));
        }
        if (command.isEmpty()) {
            throw new EngineException("the " + spec.machine() + " step runs its image's default command, which a"
                    + " Swarm task cannot prefix with its inputs: give the step a command");
        }
        List<String> wrapped = new ArrayList<>(List.of("/bin/bash", "-c", plan.prelude() + "exec \"$@\"", "zentoo"));
        wrapped.addAll(command);
        return task.command(wrapped.toArray(String[]::new));
    }

    /**
     * Builds the task's image on the local daemon: a container of the step's image, never
     * started, gets each input and each copy under {@link #INPUTS}; it is committed, pushed
     * to {@code registry} and removed here. Returns the pushed image by digest. The inputs
     * are read from a second container that mounts them read-only (so a volume comes the
     * same way as a host directory): the daemon locks a container while a copy out of it
     * streams, so one container cannot be both ends.
     */
    static String image(DockerEngine engine, ContainerSpec spec, Plan plan, List<StreamPump.Writer> copies,
                        String registry, String tag, Consumer<String> progress)
            throws EngineException, IOException {
        ContainerSpec mounts = new ContainerSpec(spec.image()).machine(spec.machine()).platform(spec.platform())
                .command("true");
        List<String> directories = new ArrayList<>(List.of("zentoo-inputs", "zentoo-inputs/in",
                "zentoo-inputs/copy"));
        for (int i = 0; i < plan.inputs().size(); i++) {
            Mount m = plan.inputs().get(i);
            mounts.mount(new Mount(m.kind(), m.source(), mountPoint(i, m), true));
            directories.add("zentoo-inputs/in/" + i);
        }
        String reader = engine.containers().create(mounts);
        try {
            String id = engine.containers().create(new ContainerSpec(spec.image()).machine(spec.machine())
                    .platform(spec.platform()).command("true"));
            try {
                engine.containers().copyIn(id, "/", out -> directories(directories, out));
                for (int i = 0; i < plan.inputs().size(); i++) {
                    String from = mountPoint(i, plan.inputs().get(i));
                    engine.containers().copyIn(id, INPUTS + "/in/" + i,
                            out -> engine.containers().copyOut(reader, from, out));
                }
                for (int i = 0; i < copies.size(); i++) {
                    copyTar(engine, id, i, copies.get(i));
                }
                String local = engine.images().commit(id, "zentoo-inputs", tag, engine.run().labels(spec.machine()));
                try {
                    return engine.images().push(local, registry + "/zentoo-inputs", tag, progress);
                } finally {
                    engine.images().remove(local);
                }
            } finally {
                engine.containers().remove(id);
            }
        } finally {
            engine.containers().remove(reader);
        }
    }

    /**
     * Puts the tar {@code copy} writes into the container as the file
     * {@code INPUTS/copy/<i>.tar}: a tar entry needs its size first, so the tar waits in a
     * temporary file of the host.
     */
    private static void copyTar(DockerEngine engine, String id, int i, StreamPump.Writer copy)
            throws EngineException, IOException {
        Path file = Files.createTempFile("zentoo-task-copy-", ".tar");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                copy.writeTo(out);
            }
            engine.containers().copyIn(id, INPUTS + "/copy", out -> {
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                TarArchiveEntry entry = new TarArchiveEntry(i + ".tar");
                entry.setSize(Files.size(file));
                entry.setMode(0100600);
                entry.setIds(0, 0);
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
                tar.finish();
            });
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** An image tag for the task of {@code step}: letters, digits, '.', '_' and '-', at most 128. */
    static String tag(String run, String machine, String step) {
        String tag = (run + "-" + machine + "-" + step).replaceAll("[^A-Za-z0-9_.-]", "_");
        return tag.length() > 128 ? tag.substring(0, 128) : tag;
    }

    /** Where the reading container sees input {@code i}. */
    private static String mountPoint(int i, Mount m) {
        return INPUTS + "/mnt/" + i + "/" + baseName(m.target());
    }

    private static void directories(List<String> names, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        for (String name : names) {
            TarArchiveEntry entry = new TarArchiveEntry(name + "/");
            entry.setMode(040755);
            entry.setIds(0, 0);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        }
        tar.finish();
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
