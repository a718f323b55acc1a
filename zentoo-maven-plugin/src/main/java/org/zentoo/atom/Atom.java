package org.zentoo.atom;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A package dependency specification as PMS (chapter 8.3) and Portage's extensions
 * ({@code ::repo}, wildcards in /etc/portage) define it, or a {@code @set} reference.
 * Only syntax is checked: whether the package exists is the repository's business.
 */
public record Atom(
        String text,
        String setName,
        String blocker,
        String operator,
        String category,
        String packageName,
        String version,
        boolean versionGlob,
        String slot,
        String subSlot,
        String slotOperator,
        String repository,
        List<UseDependency> useDependencies) {

    private static final String VERSION = "\\d+(?:\\.\\d+)*[a-z]?(?:_(?:alpha|beta|pre|rc|p)\\d*)*(?:-r\\d+)?";
    private static final Pattern VERSION_FULL = Pattern.compile(VERSION);
    private static final Pattern NAME_WITH_VERSION = Pattern.compile("(.+)-(" + VERSION + ")");
    private static final Pattern ENDS_LIKE_VERSION = Pattern.compile(".*-" + VERSION);
    private static final Pattern CATEGORY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9+_.-]*");
    private static final Pattern PACKAGE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9+_-]*");
    /** Portage's extended atoms: the same alphabets as names, with '*' anywhere. */
    private static final Pattern WILDCARD_CATEGORY = Pattern.compile("[A-Za-z0-9+_*][A-Za-z0-9+_.*-]*");
    private static final Pattern WILDCARD_PACKAGE = Pattern.compile("[A-Za-z0-9+_*][A-Za-z0-9+_*-]*");
    private static final Pattern SLOT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9+_.-]*");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
    private static final Pattern SET_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9+_./-]*");
    private static final String[] OPERATORS = {"<=", ">=", "<", ">", "=", "~"};

    public boolean isSet() {
        return setName != null;
    }

    /** Whether this atom can apply to {@code category/packageName}, whatever its version. */
    public boolean appliesTo(String cat, String pkg) {
        return category != null && glob(category).matcher(cat).matches() && glob(packageName).matcher(pkg).matches();
    }

    /** Whether it restricts more than category and name (version, slot, repository, USE). */
    public boolean isRestricted() {
        return operator != null || slot != null || slotOperator != null || repository != null || !useDependencies.isEmpty();
    }

    private static Pattern glob(String s) {
        StringBuilder re = new StringBuilder();
        for (String part : s.split("\\*", -1)) {
            if (!re.isEmpty()) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }

    @Override
    public String toString() {
        return text;
    }

    public static Atom parse(String text, AtomContext context) throws AtomSyntaxException {
        if (text.isEmpty()) {
            throw new AtomSyntaxException("expected an atom, found nothing");
        }
        if (text.startsWith("@")) {
            return parseSet(text, context);
        }
        String rest = text;
        String blocker = null;
        if (rest.startsWith("!!") || rest.startsWith("!")) {
            blocker = rest.startsWith("!!") ? "!!" : "!";
            if (context == AtomContext.WORLD) {
                throw new AtomSyntaxException("'" + text + "': a blocker (" + blocker + ") cannot be a world entry; "
                        + "expected category/package");
            }
            rest = rest.substring(blocker.length());
        }
        String operator = null;
        for (String op : OPERATORS) {
            if (rest.startsWith(op)) {
                operator = op;
                rest = rest.substring(op.length());
                break;
            }
        }
        List<UseDependency> uses = new ArrayList<>();
        int bracket = rest.indexOf('[');
        if (bracket >= 0) {
            if (!rest.endsWith("]") || rest.indexOf(']') != rest.length() - 1) {
                throw bad(text, "expected a [use] dependency list to come last and end with ']'");
            }
            String list = rest.substring(bracket + 1, rest.length() - 1);
            if (list.isEmpty()) {
                throw bad(text, "an empty [] list: expected [flag,...]");
            }
            for (String item : list.split(",", -1)) {
                try {
                    uses.add(UseDependency.parse(item));
                } catch (AtomSyntaxException e) {
                    throw bad(text, e.getMessage());
                }
            }
            rest = rest.substring(0, bracket);
        }
        String repository = null;
        int repoAt = rest.indexOf("::");
        if (repoAt >= 0) {
            repository = rest.substring(repoAt + 2);
            if (!REPOSITORY.matcher(repository).matches() || ENDS_LIKE_VERSION.matcher(repository).matches()) {
                throw bad(text, "'::" + repository + "' is not a repository name");
            }
            rest = rest.substring(0, repoAt);
        }
        String slot = null;
        String subSlot = null;
        String slotOperator = null;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            String spec = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (spec.equals("*") || spec.equals("=")) {
                slotOperator = spec;
            } else {
                if (spec.endsWith("=")) {
                    slotOperator = "=";
                    spec = spec.substring(0, spec.length() - 1);
                }
                int slash = spec.indexOf('/');
                slot = slash >= 0 ? spec.substring(0, slash) : spec;
                subSlot = slash >= 0 ? spec.substring(slash + 1) : null;
                if (!SLOT.matcher(slot).matches() || (subSlot != null && !SLOT.matcher(subSlot).matches())) {
                    throw bad(text, "':" + spec + "' is not a slot: expected :SLOT, :SLOT/SUBSLOT, :SLOT=, := or :*");
                }
            }
        }
        boolean glob = false;
        String version = null;
        if (operator != null) {
            if (operator.equals("=") && rest.endsWith("*")) {
                glob = true;
                rest = rest.substring(0, rest.length() - 1);
            }
            var m = NAME_WITH_VERSION.matcher(rest);
            if (!m.matches()) {
                throw bad(text, "the operator '" + operator + "' needs a version: expected " + operator
                        + "category/package-VERSION");
            }
            rest = m.group(1);
            version = m.group(2);
        }
        int slash = rest.indexOf('/');
        if (slash < 0 || rest.indexOf('/', slash + 1) >= 0) {
            throw bad(text, "expected category/package");
        }
        String category = rest.substring(0, slash);
        String name = rest.substring(slash + 1);
        boolean wildcard = category.contains("*") || name.contains("*");
        if (wildcard) {
            if (context != AtomContext.PACKAGE_FILE) {
                throw bad(text, "wildcards are only allowed in package.* files; expected category/package");
            }
            if (operator != null || blocker != null || !uses.isEmpty()) {
                throw bad(text, "a wildcard atom takes no version operator, blocker or [use] list; "
                        + "expected category/package with '*', optionally :slot and ::repo");
            }
            if (!WILDCARD_CATEGORY.matcher(category).matches() || !WILDCARD_PACKAGE.matcher(name).matches()) {
                throw bad(text, "expected category/package with '*' wildcards (no version in a wildcard package name)");
            }
        } else {
            if (!CATEGORY.matcher(category).matches()) {
                throw bad(text, "'" + category + "' is not a category name");
            }
            if (!PACKAGE.matcher(name).matches() || ENDS_LIKE_VERSION.matcher(name).matches()) {
                throw bad(text, "'" + name + "' is not a package name"
                        + (ENDS_LIKE_VERSION.matcher(name).matches() && operator == null
                                ? " (a version needs an operator such as '=')" : ""));
            }
        }
        if (version != null && !VERSION_FULL.matcher(version).matches()) {
            throw bad(text, "'" + version + "' is not a version");
        }
        return new Atom(text, null, blocker, operator, category, name, version, glob, slot, subSlot, slotOperator,
                repository, List.copyOf(uses));
    }

    private static Atom parseSet(String text, AtomContext context) throws AtomSyntaxException {
        String name = text.substring(1);
        if (context != AtomContext.WORLD) {
            throw bad(text, "a @set cannot appear here; expected an atom");
        }
        if (!SET_NAME.matcher(name).matches()) {
            throw bad(text, "'" + text + "' is not a set name: expected @name");
        }
        return new Atom(text, name, null, null, null, null, null, false, null, null, null, null, List.of());
    }

    private static AtomSyntaxException bad(String text, String why) {
        return new AtomSyntaxException("malformed atom '" + text + "': " + why);
    }
}
