package org.zentoo.distcc;

import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.engine.Networks;
import org.zentoo.engine.Swarm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Workers placed by Docker Swarm: a replicated service of the build's image on an
 * attachable overlay network, which the build container joins. Swarm's DNS name
 * tasks.SERVICE lists the replicas' addresses.
 */
final class SwarmWorkers implements WorkerPool {

    private final Placement at;
    private final Swarm swarm;
    private final int replicas;
    private String serviceId;

    private SwarmWorkers(Placement at, int replicas) {
        this.at = at;
        this.swarm = new Swarm(at.engine());
        this.replicas = replicas;
    }

    /**
     * Starts the service; {@link #requireUsable} has checked the Swarm. When nodes
     * are labelled {@code zentoo.distcc=true}, the workers go to those alone.
     *
     * @param say gets a line about where the workers may go
     */
    static SwarmWorkers start(Placement at, DistccOptions options, Consumer<String> say) throws EngineException {
        SwarmWorkers pool = new SwarmWorkers(at, options.workers());
        int labelled = pool.swarm.nodesLabelled(NODE_LABEL, "true");
        say.accept(labelled == 0 ? "no Swarm node is labelled " + NODE_LABEL + "=true: Swarm may place workers on"
                + " any node" : "workers go to the " + labelled + " Swarm node(s) labelled " + NODE_LABEL + "=true");
        String subnet = new Networks(at.engine()).create(at.name(), Networks.Driver.OVERLAY, at.machine());
        try {
            pool.serviceId = pool.swarm.createService(at.name(), at.image(), Distccd.command(subnet, options.jobs()),
                    options.workers(), at.name(), at.machine(), constraints(labelled));
        } catch (EngineException e) {
            pool.close();
            throw e;
        }
        return pool;
    }

    /** The node label that marks the Swarm nodes meant to compile. */
    static final String NODE_LABEL = "zentoo.distcc";

    /** Placement constraints: only labelled nodes, once any node is labelled. */
    static List<String> constraints(int labelledNodes) {
        return labelledNodes == 0 ? List.of() : List.of("node.labels." + NODE_LABEL + "==true");
    }

    /**
     * Swarm mode needs a manager, and with more than one node a registry: the
     * distcc image is made on this node, and the others can only pull it.
     */
    static void requireUsable(Swarm.State state, String host, String registry) throws EngineException {
        requireManager(state, host);
        if (state.nodes() > 1 && registry == null) {
            throw new EngineException("the Swarm has " + state.nodes() + " nodes, but the distcc image Zentoo makes"
                    + " from the seed exists only on this one: replicas placed on the others could not start."
                    + " Set zentoo.distcc.registry to a registry every node can pull from (for example"
                    + " registry.example:5000/zentoo); Zentoo pushes the image there.");
        }
    }

    /**
     * Pushes the distcc image to {@code registry}/zentoo-distcc under its own tag,
     * and returns the pushed reference pinned by digest, which every node pulls.
     */
    static String publish(DockerEngine engine, String image, String registry, Consumer<String> progress)
            throws EngineException {
        String tag = image.substring(image.lastIndexOf(':') + 1);
        return engine.images().push(image, registry + "/zentoo-distcc", tag, progress);
    }

    /** Swarm mode needs a manager: only managers create services. The message says how to get one. */
    static void requireManager(Swarm.State state, String host) throws EngineException {
        if (!state.active()) {
            throw new EngineException("zentoo.distcc.mode=swarm needs the Docker daemon at " + host
                    + " to be a Swarm manager, but it is not in a Swarm (state: " + state.localNodeState() + ").\n"
                    + "Start a Swarm on it:   docker swarm init --advertise-addr <this host's address>\n"
                    + "or join one as manager: docker swarm join --token <manager token> <manager>:2377\n"
                    + "(the token comes from `docker swarm join-token manager` on a manager);"
                    + " or build with zentoo.distcc.mode=local.");
        }
        if (!state.manager()) {
            throw new EngineException("zentoo.distcc.mode=swarm needs a Swarm manager, but the Docker daemon at "
                    + host + " is a worker node. Point DOCKER_HOST at a manager, or promote this node on a manager"
                    + " with `docker node promote <node>`.");
        }
    }

    @Override
    public String network() {
        return at.name();
    }

    @Override
    public WorkerProbe.Result probe(WorkerProbe probe) throws EngineException {
        return probe.discover(at.name(), at.machine(), "tasks." + at.name(), replicas);
    }

    @Override
    public List<String> lost() throws EngineException {
        List<String> lost = new ArrayList<>();
        for (Swarm.Replica r : current()) {
            if (!r.running()) {
                lost.add(r.name() + " (" + r.state() + (r.exitCode() == null ? "" : " " + r.exitCode())
                        + (r.message() == null ? "" : ": " + r.message()) + ")");
            }
        }
        return lost;
    }

    @Override
    public void saveLogs(Function<String, Path> logFile) throws EngineException {
        for (Swarm.Replica r : current()) {
            LocalWorkers.write(logFile.apply(r.name()), swarm.replicaLogs(r.id()));
        }
    }

    /** The newest task of each slot: the replica as it is now. */
    private List<Swarm.Replica> current() throws EngineException {
        if (serviceId == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        List<Swarm.Replica> current = new ArrayList<>();
        for (Swarm.Replica r : swarm.replicas(serviceId)) {
            if (seen.add(r.name())) {
                current.add(r);
            }
        }
        return current;
    }

    @Override
    public void close() throws EngineException {
        if (serviceId != null) {
            swarm.removeService(serviceId);
        }
        new Networks(at.engine()).remove(at.name());
    }
}
