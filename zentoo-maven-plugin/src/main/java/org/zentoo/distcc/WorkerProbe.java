package org.zentoo.distcc;

import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.DockerEngine;
import org.zentoo.engine.EngineException;

import java.util.ArrayList;
import java.util.List;

/**
 * Asks each worker for a real compile before the build, from a container of the
 * build's image on the workers' network: a worker that answers has distccd up,
 * lets the network in, and has the compiler. Waits are bounded.
 */
final class WorkerProbe {

    /** The probe's findings: workers that compiled, and a line for each that did not. */
    record Result(List<Worker> answering, List<String> silent) {
    }

    static final int TIMEOUT_SECONDS = 60;
    private static final String MARK = "zentoo-distcc ";

    private final DockerEngine engine;

    WorkerProbe(DockerEngine engine) {
        this.engine = engine;
    }

    /** Probes named workers (local mode). */
    Result probe(String image, String network, String machine, List<String> hosts) throws EngineException {
        return run(image, network, machine, String.join(" ", hosts), "", hosts.size());
    }

    /** Finds {@code expected} workers behind a Swarm DNS name (tasks.SERVICE), then probes them. */
    Result discover(String image, String network, String machine, String dnsName, int expected) throws EngineException {
        return run(image, network, machine, "", dnsName, expected);
    }

    private Result run(String image, String network, String machine, String hosts, String dnsName, int expected)
            throws EngineException {
        List<String> lines = new ArrayList<>();
        ContainerSpec spec = new ContainerSpec(image).machine(machine).network(network)
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
        for (String line : lines) {
            if (!line.startsWith(MARK)) {
                continue;
            }
            String[] f = line.substring(MARK.length()).split(" ", 3);
            if (f[0].equals("up") && f.length >= 2) {
                up.add(new Worker(f.length > 2 && !f[2].isBlank() ? f[2].strip() : f[1], f[1]));
            } else if (f[0].equals("down") && f.length >= 2) {
                silent.add(f[1] + (f.length > 2 ? ": " + f[2].strip() : ""));
            }
        }
        int found = up.size() + silent.size();
        if (found < expected) {
            silent.add((expected - found) + " of " + expected + " workers never appeared on the network");
        }
        return new Result(List.copyOf(up), List.copyOf(silent));
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
            for h in $hosts; do
              until DISTCC_HOSTS="$h/1" DISTCC_FALLBACK=0 DISTCC_BACKOFF_PERIOD=0 DISTCC_DIR=/tmp/distcc \\
                    distcc gcc -c /tmp/probe.c -o /tmp/probe.o 2>/tmp/probe.err; do
                if [ $SECONDS -ge $deadline ]; then
                  echo "zentoo-distcc down $h $(grep -v '^$' /tmp/probe.err | tail -1)"
                  continue 2
                fi
                sleep 1
              done
              # A Swarm task's address reverses to SERVICE.SLOT.TASK.NETWORK: keep SERVICE.SLOT.
              name=$(getent hosts "$h" | awk '{print $2}' | cut -d. -f1,2)
              echo "zentoo-distcc up $h ${name:-$h}"
            done
            """;
}
