package org.zentoo.distcc;

import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;
import org.zentoo.machine.Platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks each worker for a real compile before the build, from a container of the
 * build's image on the workers' network: a worker that answers has distccd up,
 * lets the network in, and has the compiler. The same file is compiled in the
 * container too, and each object's {@link CompilerVersion} says which gcc made
 * it. Waits are bounded.
 */
final class WorkerProbe {

    /**
     * The probe's findings: workers that compiled, and a line for each that did not.
     *
     * @param local     the gcc of the build container
     * @param compilers the gcc each answering worker compiled with, by host
     */
    record Result(List<Worker> answering, List<String> silent, CompilerVersion local,
                  Map<String, CompilerVersion> compilers) {

        /** Why the answering workers must not be used, one line per worker whose gcc is not the build's. */
        List<String> refusals(String machine, String compiler) {
            List<String> refused = new ArrayList<>();
            for (Worker w : answering) {
                CompilerVersion.refusal(machine, compiler, local, w.label(),
                        compilers.getOrDefault(w.host(), new CompilerVersion(""))).ifPresent(refused::add);
            }
            return refused;
        }
    }

    static final int TIMEOUT_SECONDS = 60;
    private static final String MARK = "zentoo-distcc ";

    private final DockerEngine engine;
    private final String image;
    private final Platform platform;
    private final String compiler;

    /**
     * @param image    the build's image, where the probe runs as the build's distcc client
     * @param platform the machine's platform, which the probe runs as
     * @param compiler what the build calls: {@code gcc}, or {@code CHOST-gcc} for cross workers
     */
    WorkerProbe(DockerEngine engine, String image, Platform platform, String compiler) {
        this.engine = engine;
        this.image = image;
        this.platform = platform;
        this.compiler = compiler;
    }

    /** Probes named workers (local mode). */
    Result probe(String network, String machine, List<String> hosts) throws EngineException {
        return run(network, machine, String.join(" ", hosts), "", hosts.size());
    }

    /** Finds {@code expected} workers behind a Swarm DNS name (tasks.SERVICE), then probes them. */
    Result discover(String network, String machine, String dnsName, int expected) throws EngineException {
        return run(network, machine, "", dnsName, expected);
    }

    private Result run(String network, String machine, String hosts, String dnsName, int expected)
            throws EngineException {
        List<String> lines = new ArrayList<>();
        ContainerSpec spec = new ContainerSpec(image).machine(machine).platform(platform).network(network)
                .env("ZENTOO_CC", compiler)
                .env("ZENTOO_HOSTS", hosts).env("ZENTOO_DISCOVER", dnsName)
                .env("ZENTOO_EXPECT", Integer.toString(expected))
                .env("ZENTOO_TIMEOUT", Integer.toString(TIMEOUT_SECONDS))
                .script(SCRIPT);
        int exit = engine.containers().run(spec, lines::add);
        if (exit != 0) {
            throw new EngineException("the distcc probe in " + image + " failed (exit " + exit + "): "
                    + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
        }
        return parse(lines, expected);
    }

    static Result parse(List<String> lines, int expected) {
        List<Worker> up = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        CompilerVersion local = new CompilerVersion("");
        Map<String, CompilerVersion> compilers = new LinkedHashMap<>();
        for (String line : lines) {
            if (!line.startsWith(MARK)) {
                continue;
            }
            String[] f = line.substring(MARK.length()).split(" ", 3);
            if (f[0].equals("gcc") && f.length >= 2) {
                CompilerVersion v = new CompilerVersion(f.length > 2 ? f[2] : "");
                if (f[1].equals("local")) {
                    local = v;
                } else {
                    compilers.put(f[1], v);
                }
            } else if (f[0].equals("up") && f.length >= 2) {
                up.add(new Worker(f.length > 2 && !f[2].isBlank() ? f[2].strip() : f[1], f[1]));
            } else if (f[0].equals("down") && f.length >= 2) {
                silent.add(f[1] + (f.length > 2 ? ": " + f[2].strip() : ""));
            }
        }
        int found = up.size() + silent.size();
        if (found < expected) {
            silent.add((expected - found) + " of " + expected + " workers never appeared on the network");
        }
        return new Result(List.copyOf(up), List.copyOf(silent), local, Map.copyOf(compilers));
    }

    /*
     * Bash, in the build's own image: distcc and distccd are the build's, so a
     * compile that works here works in the build. DISTCC_FALLBACK=0 makes a worker
     * that cannot compile fail instead of compiling locally and looking fine.
     */
    private static final String SCRIPT = """
            for tool in distcc distccd; do
              command -v $tool >/dev/null || { echo "this image has no $tool: the seed needs sys-devel/distcc"; exit 3; }
            done
            deadline=$((SECONDS + ZENTOO_TIMEOUT))
            hosts=$ZENTOO_HOSTS
            if [ -n "$ZENTOO_DISCOVER" ]; then
              while :; do
                hosts=$(getent ahostsv4 "$ZENTOO_DISCOVER" | awk '{print $1}' | sort -u | tr '\\n' ' ')
                set -- $hosts
                [ $# -ge "$ZENTOO_EXPECT" ] || [ $SECONDS -ge $deadline ] && break
                sleep 1
              done
            fi
            mkdir -p /tmp/distcc  # distcc makes its state dir inside, but not DISTCC_DIR itself
            printf 'int zentoo_probe(int x) { return x + 1; }\\n' > /tmp/probe.c
            # The gcc that wrote an object: the first string of its .comment section.
            ident() { readelf -p .comment "$1" 2>/dev/null | sed -n 's/^ *[[][^]]*[]] *//p' | head -1; }
            $ZENTOO_CC -c /tmp/probe.c -o /tmp/local.o 2>/tmp/probe.err \\
              || { echo "$ZENTOO_CC cannot compile in the build image: $(tail -1 /tmp/probe.err)"; exit 4; }
            echo "zentoo-distcc gcc local $(ident /tmp/local.o)"
            for h in $hosts; do
              until DISTCC_HOSTS="$h/1" DISTCC_FALLBACK=0 DISTCC_BACKOFF_PERIOD=0 DISTCC_DIR=/tmp/distcc \\
                    distcc $ZENTOO_CC -c /tmp/probe.c -o /tmp/probe.o 2>/tmp/probe.err; do
                if [ $SECONDS -ge $deadline ]; then
                  echo "zentoo-distcc down $h $(grep -v '^$' /tmp/probe.err | tail -1)"
                  continue 2
                fi
                sleep 1
              done
              # A Swarm task's address reverses to SERVICE.SLOT.TASK.NETWORK: keep SERVICE.SLOT.
              name=$(getent hosts "$h" | awk '{print $2}' | cut -d. -f1,2)
              echo "zentoo-distcc gcc $h $(ident /tmp/probe.o)"
              echo "zentoo-distcc up $h ${name:-$h}"
            done
            """;
}
