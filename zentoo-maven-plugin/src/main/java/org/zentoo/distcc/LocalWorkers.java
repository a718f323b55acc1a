package org.zentoo.distcc;

import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.Networks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Workers on this host: containers of the build's image on a bridge network made
 * for this build. Docker's DNS on a user-defined network resolves their names, so
 * DISTCC_HOSTS and distcc's own log name the containers.
 */
final class LocalWorkers implements WorkerPool {

    static final String ROLE_LABEL = "org.zentoo.distcc";

    private final Placement at;
    private final DockerEngine engine;
    private final Map<String, String> containers = new LinkedHashMap<>();

    private LocalWorkers(Placement at) {
        this.at = at;
        this.engine = at.engine();
    }

    static LocalWorkers start(Placement at, DistccOptions options) throws EngineException {
        return start(at, options, null);
    }

    /**
     * @param cross the foreign CHOST the workers compile for, from a native image;
     *              null for workers of the build's own image
     */
    static LocalWorkers start(Placement at, DistccOptions options, CrossCompiler cross) throws EngineException {
        String name = at.name();
        String subnet = new Networks(at.engine()).create(name, Networks.Driver.BRIDGE, at.machine());
        LocalWorkers pool = new LocalWorkers(at);
        try {
            for (int i = 1; i <= options.workers(); i++) {
                String worker = name + "-w" + i;
                ContainerSpec spec = new ContainerSpec(at.image()).machine(at.machine()).platform(at.platform())
                        .name(worker).network(name).label(ROLE_LABEL, "worker");
                List<String> distccd = Distccd.command(subnet, options.jobs());
                String id = pool.engine.containers().create(cross == null
                        ? spec.command(distccd.toArray(String[]::new)) : spec.script(cross.workerScript(distccd)));
                pool.containers.put(worker, id);
                pool.engine.containers().start(id);
            }
        } catch (EngineException e) {
            pool.close();
            throw e;
        }
        return pool;
    }

    @Override
    public String network() {
        return at.name();
    }

    @Override
    public WorkerProbe.Result probe(WorkerProbe probe) throws EngineException {
        return probe.probe(at.name(), at.machine(), List.copyOf(containers.keySet()));
    }

    @Override
    public List<String> lost() {
        List<String> lost = new ArrayList<>();
        containers.forEach((name, id) -> engine.containers().stopped(id).ifPresent(how -> lost.add(name + " (" + how + ")")));
        return lost;
    }

    @Override
    public void saveLogs(Function<String, Path> logFile) throws EngineException {
        for (Map.Entry<String, String> c : containers.entrySet()) {
            write(logFile.apply(c.getKey()), engine.containers().logs(c.getValue()));
        }
    }

    static void write(Path file, List<String> lines) throws EngineException {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EngineException("cannot write distccd log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws EngineException {
        containers.values().forEach(engine.containers()::remove);
        new Networks(engine).remove(at.name());
    }
}
