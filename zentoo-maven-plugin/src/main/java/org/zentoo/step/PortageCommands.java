package org.zentoo.step;

import java.util.List;

/**
 * The emerge invocations of the pipeline, in one place so tests can hold them to
 * the design. {@code --binpkg-respect-use=y} is on both: {@code --usepkgonly}
 * turns it off by default, and Portage then installs whatever variant it finds.
 */
public final class PortageCommands {

    /** Namespace sandboxes need privileges that Zentoo's containers never get. */
    public static final String CONTAINER_FEATURES =
            "-sandbox -usersandbox -ipc-sandbox -network-sandbox -pid-sandbox -mount-sandbox";

    public static final List<String> BUILD = List.of("emerge", "--update", "--deep", "--newuse",
            "--usepkg", "--buildpkg", "--binpkg-respect-use=y", "--with-bdeps=y",
            "--color=n", "--nospinner", "--verbose", "@world");

    /** What BUILD would do, asked without doing it: the same options, and --pretend. */
    public static final List<String> PLAN = plan();

    public static final List<String> ASSEMBLE = List.of("emerge", "--usepkgonly",
            "--binpkg-respect-use=y", "--update", "--deep", "--newuse",
            "--color=n", "--nospinner", "--verbose", "@world");

    /**
     * distcc for the workers and the build client, from the machine's partition:
     * --oneshot keeps it out of the world file, so it never reaches a stage.
     */
    public static final List<String> DISTCC = List.of("emerge", "--oneshot", "--usepkg", "--buildpkg",
            "--binpkg-respect-use=y", "--color=n", "--nospinner", "--verbose", "sys-devel/distcc");

    private PortageCommands() {
    }

    private static List<String> plan() {
        List<String> plan = new java.util.ArrayList<>(BUILD.subList(0, BUILD.size() - 1));
        plan.add("--pretend");
        plan.add(BUILD.get(BUILD.size() - 1));
        return List.copyOf(plan);
    }

    public static String line(List<String> command) {
        return String.join(" ", command);
    }
}
