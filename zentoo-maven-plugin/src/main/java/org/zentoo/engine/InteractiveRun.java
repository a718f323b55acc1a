package org.zentoo.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A container a person works in (zentoo:freshroot). A terminal session needs a
 * real TTY on both ends, which the docker CLI gives and a Java process does not,
 * so this runs {@code docker run -it --rm} with the same labels and mounts Zentoo
 * would use. The CLI honours the same DOCKER_HOST as the engine.
 */
public final class InteractiveRun {

    private InteractiveRun() {
    }

    /**
     * The docker command line for a spec; {@code tty} adds -it. Without a {@code run}
     * (a command for people to copy) it carries the spec's own labels only.
     */
    public static List<String> commandLine(ContainerSpec spec, RunIdentity run, boolean tty) {
        return commandLine(spec, run, tty, java.util.Optional.empty());
    }

    /**
     * The docker command line for a spec, with {@code --platform} when Docker should be
     * given one (see {@link Containers#createPlatform}).
     */
    public static List<String> commandLine(ContainerSpec spec, RunIdentity run, boolean tty,
                                           java.util.Optional<org.zentoo.machine.Platform> platform) {
        List<String> cmd = new ArrayList<>(List.of("docker", "run", "--rm"));
        if (tty) {
            cmd.add("-it");
        }
        platform.ifPresent(p -> cmd.addAll(List.of("--platform", p.toString())));
        Map<String, String> labels = new TreeMap<>(spec.labels());
        if (run != null) {
            labels.putAll(run.labels(spec.machine()));
        }
        labels.forEach((k, v) -> cmd.addAll(List.of("--label", k + "=" + v)));
        for (Mount m : spec.mounts()) {
            cmd.addAll(List.of("--mount", "type=" + (m.kind() == Mount.Kind.BIND ? "bind" : "volume")
                    + ",source=" + m.source() + ",target=" + m.target() + (m.readOnly() ? ",readonly" : "")));
        }
        new TreeMap<>(spec.env()).forEach((k, v) -> cmd.addAll(List.of("--env", k + "=" + v)));
        cmd.add(spec.image());
        cmd.addAll(spec.command());
        return cmd;
    }

    /** Runs the command with this process's terminal and returns its exit code. */
    public static int run(List<String> commandLine) throws EngineException {
        try {
            Process p = new ProcessBuilder(commandLine).inheritIO().start();
            return p.waitFor();
        } catch (IOException e) {
            throw new EngineException("cannot start the docker CLI (" + e.getMessage()
                    + "); zentoo:freshroot needs `docker` on the PATH for its terminal", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", e);
        }
    }
}
