package org.zentoo.engine;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Networks a run makes for its own containers: a bridge on one host, an
 * attachable overlay across a Swarm. They carry the run's labels, are removed
 * with the run (also on Ctrl-C), and a later run collects those of a killed one.
 */
public final class Networks {

    public enum Driver {
        BRIDGE("bridge"), OVERLAY("overlay");

        final String name;

        Driver(String name) {
            this.name = name;
        }
    }

    /** How long removal waits for endpoints to go: Swarm detaches a service's tasks asynchronously. */
    private static final long REMOVE_WAIT_MILLIS = 30_000;

    private final DockerEngine engine;

    public Networks(DockerEngine engine) {
        this.engine = engine;
    }

    /**
     * Creates a network this run owns and returns its IPv4 subnet, which is what
     * services on it may trust (distccd's --allow).
     */
    public String create(String name, Driver driver, String machine) throws EngineException {
        try {
            // Overlays must be attachable, or plain containers (the build) cannot join them.
            engine.client().createNetworkCmd().withName(name).withDriver(driver.name)
                    .withAttachable(driver == Driver.OVERLAY ? Boolean.TRUE : null)
                    .withCheckDuplicate(true)
                    .withLabels(engine.run().labels(machine)).exec();
        } catch (DockerException e) {
            throw new EngineException("cannot create " + driver.name + " network " + name + ": " + e.getMessage(), e);
        }
        engine.cleanupLater(() -> removeQuietly(name));
        // A Swarm manager allocates an overlay's subnet just after it answers the
        // create, so the first inspect may show none yet: ask again, a bounded time.
        long deadline = System.currentTimeMillis() + REMOVE_WAIT_MILLIS;
        while (true) {
            String subnet = ipv4Subnet(name);
            if (subnet != null) {
                return subnet;
            }
            if (System.currentTimeMillis() > deadline) {
                break;
            }
            pause();
        }
        throw new EngineException("network " + name + " has no IPv4 subnet");
    }

    private String ipv4Subnet(String name) throws EngineException {
        try {
            Network network = engine.client().inspectNetworkCmd().withNetworkId(name).exec();
            if (network.getIpam() != null && network.getIpam().getConfig() != null) {
                for (Network.Ipam.Config config : network.getIpam().getConfig()) {
                    if (config.getSubnet() != null && config.getSubnet().contains(".")) {
                        return config.getSubnet();
                    }
                }
            }
            return null;
        } catch (DockerException e) {
            throw new EngineException("cannot inspect network " + name + ": " + e.getMessage(), e);
        }
    }

    /** Removes a network, waiting a bounded time for the last endpoints to leave. */
    public void remove(String name) throws EngineException {
        long deadline = System.currentTimeMillis() + REMOVE_WAIT_MILLIS;
        while (true) {
            try {
                engine.client().removeNetworkCmd(name).exec();
                return;
            } catch (NotFoundException e) {
                return;
            } catch (DockerException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new EngineException("cannot remove network " + name + ": " + e.getMessage(), e);
                }
                pause();
            }
        }
    }

    /** Networks of the site that a killed run left behind; call after its containers are gone. */
    List<String> collectLeftovers() {
        List<String> removed = new ArrayList<>();
        try {
            for (Network n : engine.client().listNetworksCmd()
                    .withFilter("label", List.of(RunIdentity.SITE + "=" + engine.run().site())).exec()) {
                Map<String, String> labels = n.getLabels() == null ? Map.of() : n.getLabels();
                if (engine.run().leftBehind(labels)) {
                    removeQuietly(n.getName());
                    removed.add("network " + n.getName());
                }
            }
        } catch (DockerException e) {
            // Collection is a courtesy: an old network never blocks a build.
        }
        return removed;
    }

    private void removeQuietly(String name) {
        try {
            remove(name);
        } catch (EngineException e) {
            // the next run collects it
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
