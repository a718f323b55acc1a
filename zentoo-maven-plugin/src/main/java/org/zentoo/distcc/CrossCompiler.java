package org.zentoo.distcc;

import java.util.ArrayList;
import java.util.List;

/**
 * The compilers a native worker serves for a machine of another architecture,
 * whose build runs under QEMU user emulation while its compiles run here at
 * native speed.
 *
 * <p>The build's distcc client sends the name the ebuild called:
 * {@code ${CHOST}-gcc} or {@code ${CHOST}-g++} (tc-getCC, tc-getCXX). distccd runs
 * the program of that name from its PATH, and only when the name has a link in its
 * masquerade directory (distccd's whitelist of compilers). A Gentoo cross toolchain
 * made by {@code crossdev -t CHOST} installs exactly these names. Debian's cross
 * packages ({@code gcc-aarch64-linux-gnu}) name the target without its vendor field
 * ({@code aarch64-linux-gnu-gcc}); the worker links the CHOST name to that one when
 * the CHOST name itself is missing.
 *
 * @param chost the machine's CHOST, e.g. {@code aarch64-unknown-linux-gnu}
 */
record CrossCompiler(String chost) {

    /** distccd's whitelist: it runs a compiler only when a link of its name is here. */
    static final String MASQUERADE = "/usr/lib/distcc";
    /** Where the worker puts a CHOST name that stands for a compiler of another name. */
    static final String LINKS = "/usr/local/bin";

    CrossCompiler {
        if (chost == null || !chost.matches("[a-z0-9_.]+(-[a-z0-9_.]+){1,3}")) {
            throw new IllegalArgumentException("'" + chost + "' is not a CHOST (arch-vendor-os-libc, such as"
                    + " aarch64-unknown-linux-gnu)");
        }
    }

    /** The C compiler: what the probe compiles with, and what a worker must have. */
    String cc() {
        return chost + "-gcc";
    }

    /** The names the worker serves: the C compiler first, then C++. */
    List<String> served() {
        return List.of(cc(), chost + "-g++");
    }

    /**
     * The programs that may stand for a served name, the name itself first; then
     * the name without the CHOST's vendor field ({@code aarch64-linux-gnu-gcc} for
     * {@code aarch64-unknown-linux-gnu-gcc}), as Debian's cross packages call it.
     */
    List<String> candidates(String served) {
        if (!served.startsWith(chost + "-")) {
            throw new IllegalArgumentException(served + " is not a compiler for " + chost);
        }
        String tool = served.substring(chost.length());
        String[] f = chost.split("-");
        List<String> names = new ArrayList<>(List.of(served));
        if (f.length == 4) {
            names.add(f[0] + "-" + f[2] + "-" + f[3] + tool);
        }
        return List.copyOf(names);
    }

    /**
     * The worker's command: links each served name (to its stand-in where needed,
     * and into the masquerade directory), refuses to start without a C compiler for
     * the CHOST, then becomes {@code distccd}.
     */
    String workerScript(List<String> distccd) {
        StringBuilder s = new StringBuilder("""
                serve() {
                  name=$1; shift
                  for c in "$@"; do
                    p=$(command -v "$c") || continue
                    [ "$c" = "$name" ] || ln -sf "$p" %s/"$name"
                    mkdir -p %s && ln -sf "$(command -v distcc)" %s/"$name"
                    echo "[zentoo] serving $name with $p"
                    return 0
                  done
                  return 1
                }
                command -v distccd >/dev/null && command -v distcc >/dev/null || {
                  echo "[zentoo] this worker image has no distcc: it needs sys-devel/distcc"; exit 3; }
                """.formatted(LINKS, MASQUERADE, MASQUERADE));
        for (String name : served()) {
            String candidates = String.join(" ", candidates(name));
            s.append("serve ").append(name).append(' ').append(candidates);
            if (name.equals(cc())) {
                s.append(" || { echo \"[zentoo] no ").append(String.join(" nor ", candidates(name)))
                        .append(" in this worker image: it needs a cross-compiler for ").append(chost)
                        .append(" (on Gentoo: crossdev --stable -t ").append(chost).append(")\"; exit 3; }\n");
            } else {
                s.append(" || echo \"[zentoo] no ").append(name).append(": its compiles run in the build\"\n");
            }
        }
        return s.append("exec ").append(String.join(" ", distccd)).append('\n').toString();
    }
}
