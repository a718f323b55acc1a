package org.zentoo.engine;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ContainerSpecFile;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskSpec;


import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Jobs as Swarm services in {@code replicated-job} mode: one task, no restart,
 * the run's labels on service and secrets, placed by {@link JobPlacement}. The
 * manager is the daemon Zentoo talks to. A task whose node dies or is drained is
 * run once more on another node (see {@link TaskEnd}); a process that exits
 * non-zero is an answer, not a fault, and is never run again. Service and secrets
 * are removed when the job ends, on Ctrl-C, or by the next run if this one is killed.
 */
public final class SwarmJobs implements Jobs {

    /** How a job ended: its exit code, the node its last task ran on, and how many tasks it took. */
    public record Outcome(int exitCode, String nodeId, int attempts) {
    }

    private static final long POLL_MILLIS = 500;
    /**
     * How long a task may find no node that meets its constraints. A node may be back from a
     * restart within it; past it, the job fails instead of waiting out the job timeout (the
     * swarm-site IT's retry, constrained away from the lost node, found the one node left full).
     */
    static final Duration PLACEMENT_TIMEOUT = Duration.ofMinutes(10);

    private final DockerEngine engine;
    private final String constraints;
    private final Duration timeout;
    private final Consumer<String> notes;
    private final AtomicInteger jobs = new AtomicInteger();
    private final SwarmSecrets secretStore;

    /**
     * @param constraints the user's placement constraints, comma separated (zentoo.swarm.constraints)
     * @param timeout     how long one task may take before the job fails
     * @param notes       receives what a person should know: a retry, and why
     */
    public SwarmJobs(DockerEngine engine, String constraints, Duration timeout, Consumer<String> notes) {
        this.engine = engine;
        this.constraints = constraints;
        this.timeout = timeout;
        this.notes = notes;
        this.secretStore = new SwarmSecrets(engine);
    }

    @Override
    public int runToCompletion(ContainerSpec spec, List<JobSecret> secrets, Consumer<String> lines)
            throws EngineException {
        return run(spec, secrets, lines).exitCode();
    }

    /** As {@link #runToCompletion}, saying also where the job ran and in how many tasks. */
    public Outcome run(ContainerSpec spec, List<JobSecret> secrets, Consumer<String> lines) throws EngineException {
        refuseLocalOnly(spec);
        List<String> placement;
        try {
            placement = JobPlacement.constraints(spec.platform(), constraints);
        } catch (IllegalArgumentException e) {
            throw new EngineException(e.getMessage(), e);
        }
        Attempt first = attempt(spec, secrets, placement, lines);
        if (first.end().kind() != TaskEnd.Kind.LOST) {
            return new Outcome(first.end().exitCode(), first.node(), 1);
        }
        notes.accept("[" + spec.machine() + "] the job's task lost node " + first.node() + " (" + first.end().why()
                + "): running it once more on another node");
        List<String> elsewhere = new ArrayList<>(placement);
        if (first.node() != null) {
            elsewhere.add("node.id!=" + first.node());
        }
        Attempt second = attempt(spec, secrets, elsewhere, lines);
        if (second.end().kind() == TaskEnd.Kind.LOST) {
            throw new EngineException("the job of " + spec.machine() + " lost its node twice (" + first.end().why()
                    + "; then " + second.end().why() + "); check the Swarm's nodes with docker node ls and run again");
        }
        return new Outcome(second.end().exitCode(), second.node(), 2);
    }

    private record Attempt(TaskEnd end, String node) {
    }

    private Attempt attempt(ContainerSpec spec, List<JobSecret> secrets, List<String> placement,
                            Consumer<String> lines) throws EngineException {
        String name = "zentoo-job-" + engine.run().runId() + "-" + jobs.incrementAndGet();
        Map<String, String> labels = new HashMap<>(spec.labels());
        labels.putAll(engine.run().labels(spec.machine()));
        List<String> secretIds = new ArrayList<>();
        String service = null;
        try {
            List<ContainerSpecSecret> refs = new ArrayList<>();
            for (JobSecret s : secrets) {
                String id = secretStore.create(name + "-" + s.name(), s, labels);
                secretIds.add(id);
                refs.add(new ContainerSpecSecret().withSecretId(id).withSecretName(name + "-" + s.name())
                        .withFile(new ContainerSpecFile().withName(s.fileName()).withUid("0").withGid("0")
                                .withMode(0400L)));
            }
            service = createService(name, spec, labels, refs, placement);
            Attempt attempt = await(service, spec, placement);
            if (attempt.end().kind() == TaskEnd.Kind.EXITED) {
                new Swarm(engine).serviceLogs(service).forEach(lines);
            }
            return attempt;
        } finally {
            if (service != null) {
                new Swarm(engine).removeService(service);
            }
            secretIds.forEach(secretStore::remove);
        }
    }

    private String createService(String name, ContainerSpec spec, Map<String, String> labels,
                                 List<ContainerSpecSecret> secrets, List<String> placement) throws EngineException {
        var container = new com.github.dockerjava.api.model.ContainerSpec().withImage(spec.image())
                .withLabels(labels).withSecrets(secrets)
                .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
        if (!spec.command().isEmpty()) {
            // A service's Command replaces the image's entrypoint; Args is what a container's CMD is.
            container.withArgs(spec.command());
        }
        if (spec.user() != null) {
            container.withUser(spec.user());
        }
        ServiceSpec service = new ServiceSpec().withName(name).withLabels(labels).withMode(new ReplicatedJobMode())
                .withTaskTemplate(new TaskSpec().withContainerSpec(container)
                        .withRestartPolicy(new ServiceRestartPolicy().withCondition(ServiceRestartCondition.NONE))
                        .withPlacement(new ServicePlacement().withConstraints(placement)));
        try {
            String id = engine.client().createServiceCmd(service).exec().getId();
            engine.cleanupLater(() -> new Swarm(engine).removeService(id));
            return id;
        } catch (DockerException e) {
            throw new EngineException("cannot create the Swarm job " + name + " from " + spec.image() + ": "
                    + e.getMessage() + "; the daemon at " + engine.host() + " must be a Swarm manager of API 1.41"
                    + " (Docker 20.10) or later", e);
        }
    }

    /** Polls the job's task until it ends or its node is lost, bounded by the timeout. */
    private Attempt await(String service, ContainerSpec spec, List<String> placement) throws EngineException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextProgress = start + JobProgress.EVERY.toNanos();
        String node = null;
        long unplacedSince = -1;
        while (System.nanoTime() < deadline) {
            Task task = task(service);
            if (System.nanoTime() >= nextProgress) {
                nextProgress += JobProgress.EVERY.toNanos();
                var status = task == null ? null : task.getStatus();
                notes.accept(JobProgress.line(spec.machine(), Duration.ofNanos(System.nanoTime() - start),
                        status == null || status.getState() == null ? null : status.getState().getValue(),
                        task == null ? null : task.getNodeId(),
                        status == null ? null : status.getErr() != null ? status.getErr() : status.getMessage()));
            }
            if (task != null) {
                node = task.getNodeId();
                SwarmNode n = node == null ? null : node(node);
                var status = task.getStatus();
                String state = status == null || status.getState() == null ? null : status.getState().getValue();
                String err = status == null ? null : status.getErr();
                if (!TaskEnd.unplaced(state, err)) {
                    unplacedSince = -1;
                } else if (unplacedSince < 0) {
                    unplacedSince = System.nanoTime();
                } else if (System.nanoTime() - unplacedSince > PLACEMENT_TIMEOUT.toNanos()) {
                    throw new EngineException("the Swarm job of " + spec.machine() + " found no node for "
                            + PLACEMENT_TIMEOUT.toMinutes() + " min: Swarm says \"" + err + "\" for the constraints "
                            + String.join(",", placement) + "; check docker node ls (a node down, drained or out of"
                            + " space) and docker service ps --no-trunc " + service + ", then run again");
                }
                TaskEnd end = TaskEnd.of(state,
                        status == null || status.getContainerStatus() == null ? null
                                : status.getContainerStatus().getExitCode(),
                        status == null ? null : status.getErr() != null ? status.getErr() : status.getMessage(),
                        n == null || n.getStatus() == null || n.getStatus().getState() == null ? null
                                : n.getStatus().getState().name().toLowerCase(Locale.ROOT),
                        n == null || n.getSpec() == null || n.getSpec().getAvailability() == null ? null
                                : n.getSpec().getAvailability().name().toLowerCase(Locale.ROOT));
                if (end.kind() != TaskEnd.Kind.RUNNING) {
                    return new Attempt(end, node);
                }
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted while the Swarm job of " + spec.machine() + " ran", e);
            }
        }
        throw new EngineException("the Swarm job of " + spec.machine() + " did not end within " + timeout.toSeconds()
                + " s (last on node " + node + "); see docker service ps and raise the job timeout if it needs longer");
    }

    private Task task(String service) throws EngineException {
        try {
            List<Task> tasks = engine.client().listTasksCmd().withServiceFilter(service).exec();
            return tasks.isEmpty() ? null : tasks.get(0);
        } catch (DockerException e) {
            throw new EngineException("cannot list the task of Swarm job " + service + ": " + e.getMessage(), e);
        }
    }

    private SwarmNode node(String id) throws EngineException {
        try {
            List<SwarmNode> nodes = engine.client().listSwarmNodesCmd().withIdFilter(List.of(id)).exec();
            return nodes.stream().filter(n -> id.equals(n.getId())).findFirst().orElse(null);
        } catch (DockerException e) {
            throw new EngineException("cannot inspect Swarm node " + id + ": " + e.getMessage(), e);
        }
    }

    /** Bind mounts, named volumes and networks are of one daemon; a job on another node has none of them. */
    private static void refuseLocalOnly(ContainerSpec spec) throws EngineException {
        if (!spec.mounts().isEmpty() || spec.network() != null || spec.name() != null) {
            throw new EngineException("the container of " + spec.machine() + " needs what only the local daemon has ("
                    + (spec.mounts().isEmpty() ? "" : "mounts " + spec.mounts().stream().map(Mount::target).toList())
                    + (spec.network() == null ? "" : " network " + spec.network())
                    + (spec.name() == null ? "" : " name " + spec.name())
                    + "); a Swarm job takes its inputs from its image and the binhost. Run it with LocalJobs");
        }
    }
}
