package org.zentoo.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Who owns a container, volume or image: the site, and the run that made it. The
 * owner label (host and pid) lets a later run tell a killed run's leftovers from
 * those of a run that is still going.
 */
public record RunIdentity(String site, String runId, String host, long pid) {

    public static final String SITE = "org.zentoo.site";
    public static final String MACHINE = "org.zentoo.machine";
    public static final String RUN = "org.zentoo.run";
    public static final String OWNER = "org.zentoo.owner";
    public static final String INPUTS = "org.zentoo.inputs";
    /** The step (build, assemble) a Swarm job runs: `docker service ls --filter label=org.zentoo.step=assemble`. */
    public static final String STEP = "org.zentoo.step";

    public static RunIdentity start(String site) {
        String run = Instant.now().getEpochSecond() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new RunIdentity(site, run, hostName(), ProcessHandle.current().pid());
    }

    public Map<String, String> labels(String machine) {
        return Map.of(SITE, site, MACHINE, machine, RUN, runId, OWNER, host + ":" + pid);
    }

    /**
     * True for a resource (container, image, network, service, secret) of this site
     * that another run left behind when its process died; null labels are nobody's.
     */
    public boolean leftBehind(Map<String, String> labels) {
        return labels != null && !runId.equals(labels.get(RUN)) && isDeadOwner(labels.get(OWNER));
    }

    /** True when an owner label names a process on this host that no longer runs. */
    public boolean isDeadOwner(String owner) {
        if (owner == null) {
            return false;
        }
        int colon = owner.lastIndexOf(':');
        if (colon < 0 || !owner.substring(0, colon).equals(host)) {
            return false;
        }
        try {
            long otherPid = Long.parseLong(owner.substring(colon + 1));
            return otherPid != pid && ProcessHandle.of(otherPid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
