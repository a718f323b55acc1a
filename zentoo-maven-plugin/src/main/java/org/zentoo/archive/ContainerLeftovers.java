package org.zentoo.archive;

import java.util.Set;
import java.util.function.Predicate;

/** What a container runtime leaves in an exported root that does not belong in a stage. */
public final class ContainerLeftovers {

    /** Bind-mount targets Docker creates as empty files in every container; the real content never reaches an export. */
    private static final Set<String> PLACEHOLDER_FILES = Set.of("./etc/hosts", "./etc/hostname", "./etc/resolv.conf");

    /**
     * Docker's marker {@code ./.dockerenv}, and {@code ./etc/hosts}, {@code ./etc/hostname}
     * and {@code ./etc/resolv.conf} while they are empty regular files, as Docker leaves
     * them. A non-empty one is the stage's own (baselayout ships {@code /etc/hosts}) and
     * stays. For {@link StageArchiver#excluding}.
     */
    public static final Predicate<TarEntry> DOCKER_PLACEHOLDERS = entry -> entry.name().equals("./.dockerenv")
            || (PLACEHOLDER_FILES.contains(entry.name()) && entry.type() == EntryType.FILE && entry.size() == 0);

    private ContainerLeftovers() {
    }
}
