package org.zentoo.distcc;

import java.util.Optional;

/**
 * The gcc that compiled an object, as the compiler itself wrote it into the
 * object's {@code .comment} section: {@code GCC: (Debian 12.2.0-14) 12.2.0}, or
 * {@code GCC: (Gentoo 13.2.1_p20240113-r1 p12) 13.2.1 20240113}. The preprocessor
 * runs in the build container, so only the compiler proper (the worker's, for a
 * remote compile) writes this; comparing it is how Zentoo knows which gcc a worker
 * really runs. The version is what follows the vendor's parenthesis: distributions
 * patch the same gcc release under different package revisions (Debian's cross
 * compilers are rebuilt apart from its native gcc), and one gcc release compiles
 * the same code.
 *
 * @param ident the first string of {@code .comment}, empty when there was none
 */
record CompilerVersion(String ident) {

    CompilerVersion {
        ident = ident == null ? "" : ident.strip();
    }

    /** {@code 12.2.0} of {@code GCC: (Debian 12.2.0-14) 12.2.0}; the whole ident when it has no such form. */
    String version() {
        String rest = ident.startsWith("GCC:") ? ident.substring(4).strip() : ident;
        if (rest.startsWith("(")) {
            int depth = 0;
            for (int i = 0; i < rest.length(); i++) {
                char c = rest.charAt(i);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (depth == 0) {
                    return rest.substring(i + 1).strip();
                }
            }
        }
        return rest;
    }

    /**
     * Why a worker must not compile for this build, or empty when its gcc is the
     * build's.
     *
     * @param machine  the machine whose build it is
     * @param compiler the name the build calls, e.g. {@code aarch64-unknown-linux-gnu-gcc}
     * @param worker   the worker as people see it
     */
    static Optional<String> refusal(String machine, String compiler, CompilerVersion build, String worker,
                                    CompilerVersion theirs) {
        if (!build.ident.isEmpty() && build.version().equals(theirs.version())) {
            return Optional.empty();
        }
        return Optional.of("distcc worker " + worker + " compiles " + compiler + " with gcc " + theirs.shown()
                + ", but the build of " + machine + " has gcc " + build.shown() + ": its objects would not be those"
                + " the build compiles itself, so Zentoo refuses the workers. Give the worker image the build's gcc"
                + " version (for a machine of another architecture: crossdev --gcc " + build.version() + " -t"
                + " CHOST in the native worker image, see docs/scaling.md), or build without workers:"
                + " -Dzentoo.distcc.workers=0");
    }

    private String shown() {
        return ident.isEmpty() ? "(no .comment in its object: unknown)" : version() + " (" + ident + ")";
    }
}
