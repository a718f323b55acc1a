package org.zentoo.step;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The binhost as the binpkg store of tasks that may run on any node: every
 * partition is {@code <url>/<partition>/} on a WebDAV server, and an assembled
 * root comes back as {@code <url>/.zentoo-staging/<run>/<machine>.tar}.
 *
 * <p>A task carries its whole store protocol, as bash around {@code store.py}
 * (a resource run by the seed's python3): Portage fetches the partition itself,
 * through binrepos.conf's {@code fetchcommand}, with {@code verify-signature}
 * when the site signs; after the build the task uploads the instances the remote
 * {@code Packages} lacks and then the merged index, last, so an upload that fails
 * half-way leaves the old index, which names only files the server has.
 * Credentials are a file in the container (a Docker secret on Swarm), named by
 * {@code ZENTOO_STORE_CREDENTIALS}: never a value in the environment or a command.
 */
public final class BinhostStore {

    /** The helper, installed by {@link #prelude} in each task. */
    static final String HELPER = ContainerScript.read(BinhostStore.class, "store.py");

    /** The run's staging collection below the binhost URL. */
    public static final String STAGING = ".zentoo-staging";

    /** Where a task finds the store's credentials: Swarm mounts a secret of this name there. */
    public static final String CREDENTIALS_PATH = "/run/secrets/zentoo-binhost";

    /** Where the prelude writes the helper inside the container. */
    static final String HELPER_PATH = "/var/tmp/zentoo-store/store.py";

    /** The binrepos.conf section of the store: one name, so a second build replaces and never adds one. */
    static final String REPO_NAME = "zentoo-store";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final URI base;

    /** @param base the binhost URL (zentoo.binhost.url), every partition below it */
    public BinhostStore(URI base) {
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            throw new IllegalArgumentException("the binhost store is a WebDAV server: zentoo.binhost.url=" + base
                    + " is not http(s). Give the URL the server's partitions are below, e.g. https://binhost.example/zentoo/");
        }
        this.base = base;
    }

    /** The partition's directory, as binrepos.conf's sync-uri names it. */
    public String partitionUrl(String partition) {
        return Assembler.partitionUrl(base, segment("partition", partition));
    }

    /** The run's staging collection, ending in {@code /}: removed whole once its roots are packed. */
    public String stagingDirectory(String run) {
        return root() + STAGING + "/" + segment("run", run) + "/";
    }

    /** Where the assembly of {@code machine} in {@code run} stages its root. */
    public String stagingUrl(String run, String machine) {
        return stagingDirectory(run) + segment("machine", machine) + ".tar";
    }

    /**
     * Bash run before emerge: installs the helper and points Portage's global
     * binrepos.conf at the partition, its fetches going through the helper (a seed
     * need not have wget). /etc/portage is the machine's read-only config, so the
     * store's repository goes into Portage's own defaults, which only this
     * throwaway container sees.
     */
    public String prelude(String partition, boolean verifySignature) {
        return "mkdir -p " + parent(HELPER_PATH) + " && cat > " + HELPER_PATH + " <<'ZENTOO_STORE_PY'\n" + HELPER
                + (HELPER.endsWith("\n") ? "" : "\n") + "ZENTOO_STORE_PY\n"
                + "cat > \"$(python3 -c 'import portage.const as c; print(c.GLOBAL_CONFIG_PATH)')/binrepos.conf\""
                + " <<'ZENTOO_BINREPOS'\n" + binreposConf(partitionUrl(partition), verifySignature) + "ZENTOO_BINREPOS\n";
    }

    /** Bash after a successful emerge: the new instances, then the merged index. */
    public String upload(String partition) {
        return "ZENTOO_STORE_CREDENTIALS=" + CREDENTIALS_PATH + " python3 " + HELPER_PATH + " upload \"$PKGDIR\" "
                + quote(partitionUrl(partition));
    }

    /** Bash that streams its standard input (the root's tar) to the machine's staging path. */
    public String stage(String run, String machine) {
        return "ZENTOO_STORE_CREDENTIALS=" + CREDENTIALS_PATH + " python3 " + HELPER_PATH + " stage "
                + quote(stagingUrl(run, machine));
    }

    /** binrepos.conf for the partition, fetched through the helper. */
    static String binreposConf(String partitionUrl, boolean verifySignature) {
        return "# Written by Zentoo in this container: the binpkg store is the site's binhost.\n"
                + "[" + REPO_NAME + "]\n"
                + "priority = 9999\n"
                + "sync-uri = " + partitionUrl + "\n"
                + "fetchcommand = python3 " + HELPER_PATH + " fetch \"${URI}\" \"${DISTDIR}/${FILE}\"\n"
                + "resumecommand = python3 " + HELPER_PATH + " fetch \"${URI}\" \"${DISTDIR}/${FILE}\"\n"
                + "verify-signature = " + verifySignature + "\n";
    }

    private String root() {
        String url = base.toString();
        return url.endsWith("/") ? url : url + "/";
    }

    /** One path segment of a URL: a partition key, run id or machine name never holds a slash or starts with a dot. */
    static String segment(String what, String value) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new IllegalArgumentException("a " + what + " in a binhost URL is letters, digits, '.', '_' and '-',"
                    + " not starting with '.' or '-': '" + value + "'");
        }
        return value;
    }

    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
