package org.zentoo.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Zentoo container is made of. Never privileged: the builds switch off
 * Portage's namespace sandboxes instead (see config/sets/zentoo/base).
 */
public final class ContainerSpec {

    private final String image;
    private final List<String> command = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<Mount> mounts = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private String user;
    private String network;
    private String name;
    private String machine = "-";
    private org.zentoo.machine.Platform platform;

    public ContainerSpec(String image) {
        this.image = image;
    }

    public ContainerSpec command(String... args) {
        command.clear();
        command.addAll(List.of(args));
        return this;
    }

    /** Runs a shell script with bash -c; the usual form for Portage steps. */
    public ContainerSpec script(String script) {
        return command("/bin/bash", "-c", script);
    }

    public ContainerSpec env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public ContainerSpec mount(Mount mount) {
        mounts.add(mount);
        return this;
    }

    public ContainerSpec label(String name, String value) {
        labels.put(name, value);
        return this;
    }

    public ContainerSpec user(String user) {
        this.user = user;
        return this;
    }

    public ContainerSpec network(String network) {
        this.network = network;
        return this;
    }

    /** A fixed container name, for containers others reach by name on a network (distcc workers). */
    public ContainerSpec name(String name) {
        this.name = name;
        return this;
    }

    /** The machine this container works for: its label and the log prefix. */
    public ContainerSpec machine(String machine) {
        this.machine = machine;
        return this;
    }

    /**
     * The platform the container must run as; the engine checks the image is of it.
     * Null leaves it to the image (helpers that run on the host's own platform).
     */
    public ContainerSpec platform(org.zentoo.machine.Platform platform) {
        this.platform = platform;
        return this;
    }

    public String image() { return image; }
    public org.zentoo.machine.Platform platform() { return platform; }
    public List<String> command() { return List.copyOf(command); }
    public Map<String, String> env() { return Map.copyOf(env); }
    public List<Mount> mounts() { return List.copyOf(mounts); }
    public Map<String, String> labels() { return Map.copyOf(labels); }
    public String user() { return user; }
    public String network() { return network; }
    public String name() { return name; }
    public String machine() { return machine; }
}
