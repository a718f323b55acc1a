package org.zentoo.render;

/**
 * Where things go under target/zentoo. The Portage root is what build containers mount;
 * what only assembly needs (overlay files, services) sits beside it, so it never
 * reaches /etc/portage.
 */
public final class Layout {

    public static final String MACHINES = "machines";
    public static final String ASSEMBLY = "assembly";
    public static final String INPUT_HASH = "render.sha256";

    private Layout() {
    }

    /** The machine's configuration root, relative to target/zentoo. Its etc/portage is mounted at /etc/portage. */
    public static String root(String machineId) {
        return MACHINES + "/" + machineId;
    }

    public static String portage(String machineId) {
        return root(machineId) + "/etc/portage";
    }

    public static String assembly(String machineId) {
        return ASSEMBLY + "/" + machineId;
    }

    /** {@code 03-zentoo-base}: stack position first so that Portage's name order is the stack order. */
    public static String numbered(int position, int stackSize, String setId) {
        int width = Math.max(2, String.valueOf(stackSize).length());
        return String.format("%0" + width + "d-%s", position, setId.replace('/', '-'));
    }
}
