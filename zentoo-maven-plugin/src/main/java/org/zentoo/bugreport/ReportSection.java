package org.zentoo.bugreport;

import java.io.IOException;
import java.util.List;

/**
 * One part of a bug report, written into its directory after the failed container
 * collected its files and before the directory is packed. The pipeline passes an
 * ordered list of sections; each writes only the names it declares, and only declared
 * names (and {@link CollectedFiles}) reach the tarball. A section that needs what an
 * earlier one wrote comes after it; README.txt comes last and describes every file
 * present.
 */
public interface ReportSection {

    /**
     * Names relative to the report directory that this section may write; a name
     * ending in {@code /} is a directory with everything below it.
     */
    List<String> files();

    /** Writes the section's files into {@link FailedPackage#directory()}. */
    void write(FailedPackage failed) throws IOException;

    /** One line for README.txt: what the file is and where it goes in a bug, or null for no line. */
    default String readmeLine() {
        return null;
    }
}
