package org.zentoo.engine;

import org.zentoo.machine.Platform;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a Swarm job may run: a node of the machine's architecture, in Swarm's
 * words ({@code node.platform.arch} is the node's {@code uname -m}: x86_64,
 * aarch64), and on the nodes the user's constraints allow
 * ({@code -Dzentoo.swarm.constraints}, comma separated, e.g.
 * {@code node.labels.zentoo==builder}).
 */
public final class JobPlacement {

    private JobPlacement() {
    }

    /**
     * The placement constraints of a job for {@code platform} (null: the image's
     * own, no architecture constraint) under the user's {@code constraints}.
     */
    public static List<String> constraints(Platform platform, String constraints) {
        List<String> all = new ArrayList<>();
        if (platform != null) {
            all.add("node.platform.arch==" + platform.unameMachine());
        }
        if (constraints != null) {
            for (String c : constraints.split(",")) {
                String t = c.strip();
                if (t.isEmpty()) {
                    continue;
                }
                if (!t.matches("[A-Za-z0-9_.-]+\\s*(==|!=)\\s*\\S.*")) {
                    throw new IllegalArgumentException("zentoo.swarm.constraints: \"" + t + "\" is no Swarm placement"
                            + " constraint; write ATTRIBUTE==VALUE or ATTRIBUTE!=VALUE, e.g. node.labels.zentoo==builder,"
                            + " and separate several with commas");
                }
                all.add(t);
            }
        }
        return all;
    }
}
