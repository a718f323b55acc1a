package org.zentoo.step;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * What plan.py says about one machine: each package emerge would merge, compiled
 * or reused and why; the flags of those packages that the profile masks or
 * forces, with the profile file that does it; and, when emerge refuses the
 * machine's @world, which package and which constraint or mask, or which name
 * no package has and the names emerge would suggest. The helper writes one
 * tab-separated record per line after {@value #MARK}; every other line is
 * emerge's own output, kept in the log and read by {@link PortageRefusal}.
 */
public final class PlanReport implements Consumer<String> {

    public static final String MARK = "[zentoo-plan]";

    /** Why emerge compiles a package rather than take it from the partition. */
    public enum Reason {
        /** No binpkg of the package at all in the partition. */
        NO_BINPKG("no binpkg"),
        /** Binpkgs of this version, but only with other USE; the detail names the differing flags. */
        OTHER_USE("only binpkgs with other USE"),
        /** Binpkgs of older versions only: the snapshot has a newer one. */
        NEWER_VERSION("a newer version in the snapshot"),
        /** A binpkg with this USE exists and emerge still rebuilds (e.g. its dependencies changed). */
        REBUILD("rebuilt"),
        /** Not compiled: a binpkg with this USE is reused. */
        BINPKG("reused");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        static Reason of(String field) {
            return valueOf(field.toUpperCase().replace('-', '_'));
        }
    }

    /** A package emerge would merge: compiled from its ebuild, or reused from a binpkg. */
    public record Planned(boolean compile, String cpv, String repository, List<String> use, Reason reason,
                          String detail) {
        /** {@code cat/pkg} without the version. */
        public String cp() {
            return PlanReport.cp(cpv);
        }
    }

    /** A flag of a planned package that the profile masks (always off) or forces (always on). */
    public record ProfileFlag(String cpv, String flag, boolean masked, String profileFile) {
        public String cp() {
            return PlanReport.cp(cpv);
        }
    }

    /** The package's REQUIRED_USE is not met by the USE the machine gives it. */
    public record RequiredUse(String cpv, String constraint, String unsatisfied, List<String> flagStates) {
        public String cp() {
            return PlanReport.cp(cpv);
        }
    }

    /**
     * Every version that could satisfy {@code atom} is masked; {@code where} is the mask's
     * file:line as Portage read it (a rendered /etc/portage file, or a profile's).
     */
    public record Masked(String atom, String cpv, String reasons, String where, String comment) {
    }

    /** No package of {@code atom}'s name exists; {@code similar} are the names emerge would suggest. */
    public record Missing(String atom, List<String> similar) {
    }

    private final List<Planned> packages = new ArrayList<>();
    private final List<ProfileFlag> profileFlags = new ArrayList<>();
    private final List<RequiredUse> requiredUse = new ArrayList<>();
    private final List<Masked> masked = new ArrayList<>();
    private final List<Missing> missing = new ArrayList<>();
    private final List<String> unexplained = new ArrayList<>();
    private final PortageRefusal portage = new PortageRefusal();

    @Override
    public void accept(String line) {
        if (!line.startsWith(MARK + "\t")) {
            portage.accept(line);
            return;
        }
        String[] f = Arrays.copyOf(line.substring(MARK.length() + 1).split("\t", -1), 8);
        switch (f[0]) {
            case "pkg" -> packages.add(new Planned("compile".equals(f[1]), f[2], f[3], words(f[4]),
                    Reason.of(f[5]), nonNull(f[6])));
            case "flag" -> profileFlags.add(new ProfileFlag(f[1], f[3], "masked".equals(f[2]), nonNull(f[4])));
            case "required" -> requiredUse.add(new RequiredUse(f[1], f[2], nonNull(f[3]), words(f[4])));
            case "mask" -> masked.add(new Masked(f[1], f[2], nonNull(f[3]), nonNull(f[4]), nonNull(f[5])));
            case "missing" -> missing.add(new Missing(f[1], nonNull(f[2]).isBlank() ? List.of()
                    : List.of(f[2].split(",\\s*"))));
            case "failed" -> unexplained.add("exit code " + f[1] + ": " + nonNull(f[2]));
            default -> throw new IllegalArgumentException("plan.py wrote an unknown record: " + line);
        }
    }

    public List<Planned> packages() {
        return List.copyOf(packages);
    }

    public List<Planned> compiled() {
        return packages.stream().filter(Planned::compile).toList();
    }

    public List<Planned> reused() {
        return packages.stream().filter(p -> !p.compile()).toList();
    }

    public List<ProfileFlag> profileFlags() {
        return List.copyOf(profileFlags);
    }

    public List<RequiredUse> requiredUse() {
        return List.copyOf(requiredUse);
    }

    public List<Masked> masked() {
        return List.copyOf(masked);
    }

    public List<Missing> missing() {
        return List.copyOf(missing);
    }

    /** Why emerge refused, in its own words, as its output says. */
    public PortageRefusal portage() {
        return portage;
    }

    /** emerge refused @world for a reason the helper could not name (its message is in the log). */
    public List<String> unexplained() {
        return List.copyOf(unexplained);
    }

    /** Whether emerge refused the machine's @world. */
    public boolean refused() {
        return !requiredUse.isEmpty() || !masked.isEmpty() || !missing.isEmpty() || !unexplained.isEmpty()
                || portage.refused();
    }

    static String cp(String cpv) {
        int slash = cpv.indexOf('/');
        int dash = cpv.length();
        for (int i = cpv.length() - 1; i > slash; i--) {
            if (cpv.charAt(i) == '-' && i + 1 < cpv.length() && Character.isDigit(cpv.charAt(i + 1))) {
                dash = i;
                break;
            }
        }
        return cpv.substring(0, dash);
    }

    private static List<String> words(String field) {
        return field == null || field.isBlank() ? List.of() : List.of(field.strip().split("\\s+"));
    }

    private static String nonNull(String field) {
        return field == null ? "" : field;
    }
}
