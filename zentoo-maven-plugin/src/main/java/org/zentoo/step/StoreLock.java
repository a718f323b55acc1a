package org.zentoo.step;

import org.zentoo.engine.ContainerSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The binpkg store's lock: a file at the store's root that every container
 * writing into the store (a build, a kernel build, the making of the distcc
 * image, a writable zentoo:freshroot) holds shared with {@code flock} for its
 * whole life, and zentoo:gc holds exclusively ({@code gc.sh}). So zentoo:gc never
 * removes a binpkg that a running build of the same store may install, reuse or
 * be writing, and builds wait while zentoo:gc collects.
 */
public final class StoreLock {

    /** The lock file, inside the store as the containers mount it. */
    public static final String FILE = Volumes.BINPKGS_PATH + "/.zentoo-store-lock";
    /** The variable that names {@link #FILE} to zentoo:gc's script. */
    static final String GC_VARIABLE = "ZENTOO_STORE_LOCK";
    /** $0 of the wrapping shell: what {@code ps} in the container shows for it. */
    private static final String NAME = "zentoo-store-lock";

    private StoreLock() {
    }

    /**
     * The spec with its command run under a shared hold of the store's lock: a
     * bash opens the lock file on fd 9, takes the lock (saying so when zentoo:gc
     * has it, then waiting), and execs the command, which inherits fd 9 and so
     * keeps the lock until the container's last process holding it ends.
     */
    public static ContainerSpec shared(ContainerSpec spec) {
        return spec.command(shared(FILE, spec.command()).toArray(String[]::new));
    }

    /** Whether {@code command} is one {@link #shared(ContainerSpec)} made. */
    public static boolean holds(List<String> command) {
        List<String> prefix = wrapper(FILE);
        return command.size() > prefix.size() && command.subList(0, prefix.size()).equals(prefix);
    }

    /** The command a {@link #shared(ContainerSpec)} command runs once it holds the lock. */
    static List<String> unwrapped(List<String> command) {
        return holds(command) ? command.subList(wrapper(FILE).size(), command.size()) : command;
    }

    /** {@link #shared(ContainerSpec)} for a lock file at {@code lockFile} (the tests use a host path). */
    static List<String> shared(String lockFile, List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a container that writes into the binpkg store needs a command to run"
                    + " under the store's lock");
        }
        if (holds(command)) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(wrapper(lockFile));
        wrapped.addAll(command);
        return wrapped;
    }

    private static List<String> wrapper(String lockFile) {
        return List.of("/bin/bash", "-c", "exec 9>>'" + lockFile + "' && { flock -s -n 9 || {"
                + " echo '[zentoo] zentoo:gc is collecting this binpkg store: waiting for it';"
                + " flock -s 9; }; } || exit 75; exec \"$@\"", NAME);
    }
}
