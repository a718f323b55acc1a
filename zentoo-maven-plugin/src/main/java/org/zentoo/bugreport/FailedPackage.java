package org.zentoo.bugreport;

import java.nio.file.Path;

/**
 * A package whose build failed on a machine, with its report directory
 * {@code <bugreports>/<machine>/<cat>/<pf>/}.
 *
 * @param machine      the machine id
 * @param classifierId the machine id as in artifact names ({@code /} becomes {@code -})
 * @param category     the package's category
 * @param pf           the package's name, version and revision ({@code broken-1.0})
 * @param directory    the report directory
 * @param inputs       what Zentoo pinned for the build
 * @param die          the die message of its build.log, or null when it holds none
 */
public record FailedPackage(String machine, String classifierId, String category, String pf, Path directory,
                            ReportInputs inputs, DieMessage die) {

    public String cpv() {
        return category + "/" + pf;
    }

    /** {@code bugreport-<machine>-<cat>-<pf>.tar.gz}, beside the machines' report directories. */
    public static String tarballName(String classifierId, String category, String pf) {
        return "bugreport-" + classifierId + "-" + category + "-" + pf + ".tar.gz";
    }

    public String tarballName() {
        return tarballName(classifierId, category, pf);
    }
}
