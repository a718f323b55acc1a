package org.zentoo.pipeline;

import org.zentoo.site.Site;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What zentoo:assemble compares each new stage with, besides the machine's record in
 * {@code zentoo.lock} as the build found it. Without {@code against} and without a lock
 * record, the previous stage is the one the last assembly left in target/zentoo (its
 * record in {@code changes/<machine>.record.json}).
 *
 * @param site    config/, to attribute USE changes to its lines; null attributes nothing
 * @param against with {@code -Dzentoo.changes.against=<version>}: that version's artifacts, by machine id
 */
public record ChangesInput(Site site, Map<String, Against> against) {

    /** Compare with the previous assembly in target/zentoo only, without attribution. */
    public static final ChangesInput NONE = new ChangesInput(null, Map.of());

    public ChangesInput {
        against = Map.copyOf(against);
    }

    /**
     * A deployed version's artifacts of one machine, as resolved from the Maven
     * repositories; a missing one is empty and its parts are said to be not compared.
     *
     * @param packages {@code packages-<machine>.txt}; empty when the version has no such machine
     * @param stage    {@code stage3-<machine>}, for /etc, setuid files, services and the seed
     * @param kernel   {@code kernel-<machine>}, for the kernel options
     */
    public record Against(String version, Optional<Path> packages, Optional<Path> stage, Optional<Path> kernel) {
    }
}
