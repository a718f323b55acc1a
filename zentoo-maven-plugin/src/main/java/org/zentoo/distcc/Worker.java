package org.zentoo.distcc;

/**
 * One distcc worker: the name people see in warnings (a container name, or a
 * Swarm task's service.slot) and the host the client puts in DISTCC_HOSTS.
 */
public record Worker(String name, String host) {

    /** The name, and the address too when it says something the name does not. */
    public String label() {
        return name.equals(host) ? name : name + " (" + host + ")";
    }
}
