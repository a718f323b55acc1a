package org.zentoo.step;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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

    /**
     * Where the helper goes inside the container: /dev/shm is the runtime's own tmpfs in
     * every container, never part of an assembled root.
     */
    static final String HELPER_PATH = "/dev/shm/zentoo-store.py";

    /** Where an assembly task finds the credentials that let it stage its root (a file in the runtime's /dev/shm). */
    public static final String STAGING_CREDENTIALS_PATH = "/dev/shm/zentoo-binhost";

    /**
     * What the container runtime makes in a container's root, as {@code docker export} shows
     * them: /dev with its nodes, the placeholders of /etc's bind mounts, the mountpoints.
     * Seen from inside, they are the mounted filesystems instead, so a root the task stages
     * leaves them out and they are copied from a container of the same image that never ran.
     */
    public static final List<String> RUNTIME_PATHS = List.of(".dockerenv", "dev", "etc/hostname",
            "etc/hosts", "etc/resolv.conf", "proc", "sys", Volumes.REPOS_PATH.substring(1));

    /** The PKGDIR of an assembly from the binhost: below assemble.sh's scratch directory, which it removes. */
    public static final String ASSEMBLY_PKGDIR = "/var/tmp/zentoo/store";

    /** The binrepos.conf section of the store: one name, so a second build replaces and never adds one. */
    static final String REPO_NAME = "zentoo-store";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final URI base;
    private final String authorization;

    /** @param base the binhost URL (zentoo.binhost.url), every partition below it */
    public BinhostStore(URI base) {
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            throw new IllegalArgumentException("the binhost store is a WebDAV server: zentoo.binhost.url=" + base
                    + " is not http(s). Give the URL the server's partitions are below, e.g. https://binhost.example/zentoo/");
        }
        this.base = base;
        this.authorization = null;
    }

    private BinhostStore(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same store, with HTTP Basic credentials for what Zentoo itself asks of the server (never logged). */
    public BinhostStore withCredentials(String user, char[] password) {
        return user == null ? this : new BinhostStore(base, "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + (password == null ? "" : new String(password))).getBytes(StandardCharsets.UTF_8)));
    }

    /** For messages: the binhost URL. */
    public URI url() {
        return base;
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
        String index = partitionUrl(partition) + "Packages";
        return helper()
                + "python3 " + HELPER_PATH + " exists " + quote(index) + "; case $? in\n"
                + "0) cat > \"$(python3 -c 'import portage.const as c; print(c.GLOBAL_CONFIG_PATH)')/binrepos.conf\""
                + " <<'ZENTOO_BINREPOS'\n" + binreposConf(partitionUrl(partition), verifySignature) + "ZENTOO_BINREPOS\n"
                + "  echo \"[zentoo] store: fetching from " + partitionUrl(partition) + " (--getbinpkg)\" ;;\n"
                + "3) echo \"[zentoo] store: " + partitionUrl(partition) + " has no Packages yet: nothing to fetch\" ;;\n"
                + "*) exit 1 ;;\nesac\n";
    }

    /** Bash that writes the helper into the container. */
    public String helper() {
        return "cat > " + HELPER_PATH + " <<'ZENTOO_STORE_PY'\n" + HELPER + (HELPER.endsWith("\n") ? "" : "\n")
                + "ZENTOO_STORE_PY\n";
    }

    /**
     * Environment of an assembly from the binhost: Portage reads the partition as
     * PORTAGE_BINHOST (no file of it lands in the stage) and fetches through the helper.
     * Neither is a secret.
     */
    public Map<String, String> assemblyEnvironment(String partition) {
        String fetch = "python3 " + HELPER_PATH + " fetch \"${URI}\" \"${DISTDIR}/${FILE}\"";
        return Map.of("PORTAGE_BINHOST", partitionUrl(partition), "FETCHCOMMAND_HTTP", fetch,
                "FETCHCOMMAND_HTTPS", fetch, "RESUMECOMMAND_HTTP", fetch, "RESUMECOMMAND_HTTPS", fetch,
                "ZENTOO_STORE_URL", partitionUrl(partition), "ZENTOO_STORE_HELPER", HELPER_PATH);
    }

    /**
     * Bash after assemble.sh: the root as GNU tar writes it, named as {@code docker export}
     * names it (no "./" root entry), with numeric owners and the one xattr an export carries
     * (security.capability), this filesystem only and without {@link #RUNTIME_PATHS}, PUT
     * to the staging path. GNU tar's options are positional: they come before the names.
     */
    public String stageRoot(String run, String machine) {
        StringBuilder excludes = new StringBuilder(" --anchored");
        for (String path : RUNTIME_PATHS) {
            excludes.append(" --exclude=").append(path);
        }
        // A Swarm task's inputs, moved into place from its image before the script (SwarmTask).
        excludes.append(" --exclude=").append(SwarmTask.INPUTS.substring(1));
        return "say \"staging the root at " + stagingUrl(run, machine) + "\"\n"
                + "cd / && find . -mindepth 1 -maxdepth 1 -printf '%P\\0' | tar --create --file=- --one-file-system"
                + " --numeric-owner --xattrs --xattrs-include=security.capability" + excludes
                // -B: the helper's imports must not write bytecode into the root tar is reading.
                + " --null --files-from=- | " + stage(run, machine, "python3 -B")
                + "\nsay \"staged\"\n";
    }

    /** The staging name of a machine's kernel files: beside its root's, {@code <run>/<machine>.kernel.tar}. */
    public static String kernelName(String machine) {
        return segment("machine", machine) + ".kernel";
    }

    /**
     * Bash that stages the tree below {@code directory} as {@code docker cp <container>:<directory>/.}
     * would give it: entries {@code ./} and {@code ./<path>}, numeric owners, the one xattr
     * Docker carries (security.capability), PUT to the staging path {@code <run>/<name>.tar}
     * with the staging credentials. The task needs the helper ({@link #helper()}) first.
     */
    public String stageTree(String directory, String run, String name) {
        return "say \"staging " + directory + " at " + stagingUrl(run, name) + "\"\n"
                + "tar --create --file=- -C " + quote(directory) + " --numeric-owner --xattrs"
                + " --xattrs-include=security.capability . | "
                + stage(run, name, "python3")
                + "\nsay \"staged\"\n";
    }

    /** What the task of {@code machine} staged (a root; or a kernel, named {@link #kernelName}), streamed. */
    public InputStream openStaged(String run, String machine) throws IOException {
        String url = stagingUrl(run, machine);
        HttpResponse<InputStream> response = send(request(url).GET(),
                HttpResponse.BodyHandlers.ofInputStream(), "GET", url);
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("GET " + url + " answered HTTP " + response.statusCode()
                    + ": the task did not stage its files there. Read the step's log (logs/<machine>-assemble.log"
                    + " for a root, logs/<machine>-kernel.log for a kernel), then run that goal again");
        }
        return response.body();
    }

    /** Removes the run's staging collection (nothing there is fine). */
    public void deleteStaging(String run) throws IOException {
        delete(stagingDirectory(run));
    }

    /** Removes what the task of {@code machine} staged, once it is packed. */
    public void deleteStaged(String run, String machine) throws IOException {
        delete(stagingUrl(run, machine));
    }

    private void delete(String url) throws IOException {
        HttpResponse<Void> response = send(request(url).DELETE(),
                HttpResponse.BodyHandlers.discarding(), "DELETE", url);
        int code = response.statusCode();
        if (code != 200 && code != 204 && code != 404) {
            throw new IOException("DELETE " + url + " answered HTTP " + code + ": remove the run's staged"
                    + " roots there by hand (the server must allow DELETE to the settings.xml server's user)");
        }
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(30));
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder request,
                                                          HttpResponse.BodyHandler<T> body,
                                                          String method, String url) throws IOException {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build()
                    .send(request.build(), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(method + " " + url + " was interrupted", e);
        }
    }

    /** Bash after a successful emerge: the new instances, then the merged index. */
    public String upload(String partition) {
        return "ZENTOO_STORE_CREDENTIALS=" + CREDENTIALS_PATH + " python3 " + HELPER_PATH + " upload \"$PKGDIR\" "
                + quote(partitionUrl(partition));
    }

    /**
     * Bash that streams its standard input to the staging path {@code <run>/<name>.tar}, with
     * the staging credentials: the only ones a staging task holds.
     */
    private String stage(String run, String name, String python) {
        return "ZENTOO_STORE_CREDENTIALS=" + STAGING_CREDENTIALS_PATH + " " + python + " " + HELPER_PATH + " stage "
                + quote(stagingUrl(run, name));
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

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
