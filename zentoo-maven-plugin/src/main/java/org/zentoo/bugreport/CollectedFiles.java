package org.zentoo.bugreport;

import java.util.List;

/**
 * The files the failed build's container writes into a package's report directory
 * (the build step's failure path), before the container is removed.
 */
public final class CollectedFiles {

    public static final String EMERGE_INFO = "emerge-info.txt";
    public static final String EMERGE_PQV = "emerge-pqv.txt";
    public static final String BUILD_LOG = "build.log";
    public static final String ENVIRONMENT = "environment";
    /** The ebuild that failed, as it was in the repository. */
    public static final String EBUILD = "ebuild";
    /** explain.py's raw answer for the package; the explain section maps it onto config/. */
    public static final String PORTAGE_EXPLAIN = "explain-portage.json";

    /** What is packed as the container wrote it; the explain answer is mapped into explain.json instead. */
    public static final List<String> ALL = List.of(EMERGE_INFO, EMERGE_PQV, BUILD_LOG, ENVIRONMENT, EBUILD);

    private CollectedFiles() {
    }
}
