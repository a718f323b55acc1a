package org.zentoo.step;

import org.zentoo.bugreport.ReportInputs;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.InteractiveRun;
import org.zentoo.engine.Mount;
import org.zentoo.machine.Platform;

import java.nio.file.Path;
import java.util.List;

/**
 * The container that replays a failed package build from its bug report: the same
 * seed image (by id), the same snapshot volume read-only, the report's etc-portage
 * read-only at /etc/portage, the store read-only for dependencies, and the one
 * package emerged once. Then a shell stays there, at the failure, or a command runs.
 */
public final class Reproduction {

    /** Where zentoo:reproduce's container copies the new build.log for the comparison. */
    static final String RESULT_PATH = "/run/zentoo-reproduce";
    /** The directory reproduce.sh mounts from, relative to itself. */
    static final String HERE = "@REPORT@";

    private Reproduction() {
    }

    /**
     * @param etcPortage the report's etc-portage directory
     * @param result     a host directory for the new build.log, or null (reproduce.sh)
     * @param command    what to run after emerge, or null for an interactive shell
     */
    public static ContainerSpec spec(ReportInputs in, Path etcPortage, Path result, String command, String owner) {
        ContainerSpec spec = new ContainerSpec(in.seedImage())
                .mount(etcPortage == null ? new Mount(Mount.Kind.BIND, HERE + "/etc-portage", "/etc/portage", true)
                        : Mount.bind(etcPortage, "/etc/portage", true))
                .mount(Mount.volume(in.snapshotVolume(), Volumes.REPOS_PATH, true))
                .mount(Mount.volume(in.distfilesVolume(), Volumes.DISTFILES_PATH, false))
                .mount(Mount.volume(in.binpkgsVolume(), Volumes.BINPKGS_PATH, true))
                .env("PKGDIR", in.pkgdir())
                // The store is read-only here, whatever the site's make.conf says of buildpkg; its
                // binpkgs may be signed by a key this container has no keyring for, and only
                // provide dependencies.
                .env("FEATURES", "-buildpkg binpkg-multi-instance binpkg-ignore-signature "
                        + PortageCommands.CONTAINER_FEATURES)
                .env("EMERGE_WARNING_DELAY", "0")
                .env("NOCOLOR", "true");
        if (!in.platform().isEmpty()) {
            spec.platform(Platform.parse(in.platform()));
        }
        String[] cpv = in.cpv().split("/", 2);
        String temp = "/var/tmp/portage/" + in.cpv() + "/temp";
        StringBuilder script = new StringBuilder(in.reproduceCommand()).append("; rc=$?\n")
                .append("echo \"[zentoo] emerge exited $rc; the failed build is in /var/tmp/portage/")
                .append(cpv[0]).append('/').append(cpv[1]).append(" (build.log and environment in ").append(temp)
                .append(")\"\n");
        if (result != null) {
            spec.mount(Mount.bind(result, RESULT_PATH, false));
            script.append("[ -f ").append(temp).append("/build.log ] && cp ").append(temp).append("/build.log ")
                    .append(RESULT_PATH).append("/build.log\n")
                    .append("echo $rc > ").append(RESULT_PATH).append("/exit\n");
            if (owner != null) {
                script.append("chown -R ").append(owner).append(' ').append(RESULT_PATH).append('\n');
            }
        }
        if (command == null) {
            spec.command("/bin/bash", "-c", script + "exec /bin/bash -l");
        } else {
            spec.command("/bin/bash", "-c", script + command);
        }
        return spec;
    }

    /** reproduce.sh: the same container through the docker CLI, etc-portage taken from beside the script. */
    public static String script(ReportInputs in) {
        List<String> line = InteractiveRun.commandLine(spec(in, null, null, null, null), null, true);
        StringBuilder out = new StringBuilder("#!/bin/sh\n")
                .append("# Replays the failed build of ").append(in.cpv()).append(" on machine ").append(in.machine())
                .append(" with plain docker, then\n# leaves a shell at the failure. It needs the seed image ")
                .append(in.seedImage()).append("\n# and the volumes ").append(in.snapshotVolume()).append(", ")
                .append(in.distfilesVolume()).append(" and ").append(in.binpkgsVolume())
                .append(" of the host that built it.\n")
                .append("# Platform: ").append(in.platform()).append(" (CHOST ").append(in.chost())
                .append("); on a host of another architecture it runs through binfmt's qemu handler.\n")
                .append("here=$(cd \"$(dirname \"$0\")\" && pwd)\n");
        // "docker run --rm -it" on the first line, then an option and its value per line
        out.append(String.join(" ", line.subList(0, 4)));
        for (int i = 4; i < line.size(); i++) {
            String arg = line.get(i);
            boolean pair = arg.startsWith("--") && i + 1 < line.size() && !line.get(i + 1).startsWith("-");
            out.append(" \\\n  ").append(shell(arg));
            if (pair) {
                out.append(' ').append(shell(line.get(++i)));
            }
        }
        return out.append('\n').toString();
    }

    private static String shell(String arg) {
        return arg.contains(HERE) ? "\"" + arg.replace(HERE, "$here") + "\"" : quote(arg);
    }

    static String quote(String arg) {
        return arg.matches("[A-Za-z0-9_./:=,@+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
