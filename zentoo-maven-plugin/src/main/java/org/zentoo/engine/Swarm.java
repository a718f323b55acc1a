package org.zentoo.engine;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.Secret;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker Swarm as Zentoo uses it: replicated services of one image on an
 * overlay network, placed on nodes by Swarm. Services carry the run's labels and
 * are removed with the run, also on Ctrl-C.
 */
public final class Swarm {

    /** What the daemon says about its Swarm membership. */
    public record State(String localNodeState, boolean manager, String nodeAddress, int nodes) {
        public boolean active() {
            return "active".equals(localNodeState);
        }
    }

    /** One replica of a service: its Swarm name (service.slot), where it runs and how it is doing. */
    public record Replica(String id, String name, String node, String state, String desiredState,
                          Integer exitCode, String message) {
        public boolean running() {
            return "running".equals(state);
        }
    }

    private final DockerEngine engine;

    public Swarm(DockerEngine engine) {
        this.engine = engine;
    }

    public State state() throws EngineException {
        try {
            SwarmInfo swarm = engine.client().infoCmd().exec().getSwarm();
            if (swarm == null) {
                return new State("inactive", false, null, 0);
            }
            LocalNodeState local = swarm.getLocalNodeState();
            return new State(local == null ? "inactive" : local.getValue(),
                    Boolean.TRUE.equals(swarm.getControlAvailable()), swarm.getNodeAddr(),
                    swarm.getNodes() == null ? 0 : swarm.getNodes());
        } catch (DockerException e) {
            throw new EngineException("cannot ask the daemon for its Swarm state: " + e.getMessage(), e);
        }
    }

    /**
     * Creates a service of {@code replicas} copies of {@code image} running
     * {@code command} on {@code network}, on the nodes that meet the placement
     * {@code constraints} (e.g. {@code node.labels.zentoo.distcc==true}). Failed
     * replicas are not restarted: a new replica would have an address no client
     * was told about.
     */
    public String createService(String name, String image, List<String> command, int replicas, String network,
                                String machine, List<String> constraints) throws EngineException {
        Map<String, String> labels = new HashMap<>(engine.run().labels(machine));
        ServiceSpec spec = new ServiceSpec().withName(name).withLabels(labels)
                .withMode(new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(replicas)))
                .withTaskTemplate(new TaskSpec()
                        .withContainerSpec(new com.github.dockerjava.api.model.ContainerSpec()
                                .withImage(image).withCommand(command).withLabels(labels))
                        .withRestartPolicy(new ServiceRestartPolicy().withCondition(ServiceRestartCondition.NONE))
                        .withNetworks(List.of(new NetworkAttachmentConfig().withTarget(network)))
                        .withPlacement(new ServicePlacement().withConstraints(constraints)));
        String id;
        try {
            id = engine.client().createServiceCmd(spec).exec().getId();
        } catch (DockerException e) {
            throw new EngineException("cannot create Swarm service " + name + " from " + image + ": "
                    + e.getMessage(), e);
        }
        engine.cleanupLater(() -> removeService(id));
        return id;
    }

    /** How many nodes of the Swarm carry the node label {@code name=value}. */
    public int nodesLabelled(String name, String value) throws EngineException {
        try {
            return (int) engine.client().listSwarmNodesCmd().exec().stream()
                    .filter(n -> n.getSpec() != null && n.getSpec().getLabels() != null
                            && value.equals(n.getSpec().getLabels().get(name)))
                    .count();
        } catch (DockerException e) {
            throw new EngineException("cannot list the Swarm's nodes: " + e.getMessage(), e);
        }
    }


    public void removeService(String id) {
        try {
            engine.client().removeServiceCmd(id).exec();
        } catch (NotFoundException e) {
            // gone already
        } catch (RuntimeException e) {
            // the next run collects it
        }
    }

    /** The service's replicas, newest first per slot. */
    public List<Replica> replicas(String serviceId) throws EngineException {
        try {
            List<Replica> replicas = new ArrayList<>();
            String service = serviceName(serviceId);
            List<Task> tasks = new ArrayList<>(engine.client().listTasksCmd().withServiceFilter(serviceId).exec());
            tasks.sort(Comparator.comparing((Task t) -> t.getSlot() == null ? 0 : t.getSlot())
                    .thenComparing(t -> t.getUpdatedAt() == null ? "" : t.getUpdatedAt(), Comparator.reverseOrder()));
            for (Task t : tasks) {
                Integer exit = t.getStatus() != null && t.getStatus().getContainerStatus() != null
                        ? t.getStatus().getContainerStatus().getExitCode() : null;
                replicas.add(new Replica(t.getId(), service + "." + t.getSlot(), t.getNodeId(),
                        t.getStatus() == null || t.getStatus().getState() == null ? "?" : t.getStatus().getState().getValue(),
                        t.getDesiredState() == null ? "?" : t.getDesiredState().getValue(), exit,
                        t.getStatus() == null ? null : firstNonBlank(t.getStatus().getErr(), t.getStatus().getMessage())));
            }
            return replicas;
        } catch (DockerException e) {
            throw new EngineException("cannot list the tasks of service " + serviceId + ": " + e.getMessage(), e);
        }
    }

    /** What one replica wrote to stdout and stderr, wherever Swarm placed it. */
    public List<String> replicaLogs(String taskId) throws EngineException {
        return engine.client().logTaskCmd(taskId).withStdout(true).withStderr(true).withFollow(false)
                .exec(new FrameLines()).await("task " + taskId);
    }

    /** What a service's tasks wrote to stdout and stderr, once they ended (bounded, see FrameLines). */
    List<String> serviceLogs(String serviceId) throws EngineException {
        return engine.client().logServiceCmd(serviceId).withStdout(true).withStderr(true).withFollow(false)
                .exec(new FrameLines()).await("service " + serviceId);
    }

    /** Services and secrets of the site that a killed run left behind; nothing to do outside a Swarm. */
    List<String> collectLeftovers() {
        List<String> removed = new ArrayList<>();
        try {
            if (!state().manager()) {
                return removed;
            }
            for (Service s : engine.client().listServicesCmd()
                    .withLabelFilter(Map.of(RunIdentity.SITE, engine.run().site())).exec()) {
                if (engine.run().leftBehind(s.getSpec() == null ? null : s.getSpec().getLabels())) {
                    removeService(s.getId());
                    removed.add("service " + s.getSpec().getName());
                }
            }
            // After the services: a secret a service still uses cannot be removed.
            for (Secret s : engine.client().listSecretsCmd()
                    .withLabelFilter(Map.of(RunIdentity.SITE, engine.run().site())).exec()) {
                if (engine.run().leftBehind(s.getSpec() == null ? null : s.getSpec().getLabels())) {
                    new SwarmSecrets(engine).remove(s.getId());
                    removed.add("secret " + s.getSpec().getName());
                }
            }
        } catch (EngineException | RuntimeException e) {
            // Collection is a courtesy: an old service never blocks a build.
        }
        return removed;
    }

    private String serviceName(String serviceId) {
        try {
            return engine.client().inspectServiceCmd(serviceId).exec().getSpec().getName();
        } catch (RuntimeException e) {
            return serviceId.length() > 12 ? serviceId.substring(0, 12) : serviceId;
        }
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
