package org.zentoo.atom;

/** One entry of an atom's {@code [...]} list, e.g. {@code !ssl?} or {@code python_targets_python3_12(-)}. */
public record UseDependency(String flag, Kind kind, Character missingDefault) {

    public enum Kind {
        ENABLED("%s"), DISABLED("-%s"), SAME("%s="), OPPOSITE("!%s="), IF_ENABLED("%s?"), IF_DISABLED("!%s?");

        private final String form;

        Kind(String form) {
            this.form = form;
        }
    }

    @Override
    public String toString() {
        String name = missingDefault == null ? flag : flag + "(" + missingDefault + ")";
        return kind.form.formatted(name);
    }

    static UseDependency parse(String item) throws AtomSyntaxException {
        String s = item;
        boolean bang = s.startsWith("!");
        boolean minus = s.startsWith("-");
        if (bang || minus) {
            s = s.substring(1);
        }
        char suffix = s.isEmpty() ? 0 : s.charAt(s.length() - 1);
        if (suffix == '=' || suffix == '?') {
            s = s.substring(0, s.length() - 1);
        } else {
            suffix = 0;
        }
        Character missing = null;
        if (s.endsWith("(+)") || s.endsWith("(-)")) {
            missing = s.charAt(s.length() - 2);
            s = s.substring(0, s.length() - 3);
        }
        if (!UseFlag.isName(s) || (minus && suffix != 0) || (bang && suffix == 0)) {
            throw new AtomSyntaxException("'[" + item + "]' is not a USE dependency: expected flag, -flag, flag=, "
                    + "!flag=, flag? or !flag?, with an optional (+) or (-) after the flag name");
        }
        Kind kind;
        if (suffix == '=') {
            kind = bang ? Kind.OPPOSITE : Kind.SAME;
        } else if (suffix == '?') {
            kind = bang ? Kind.IF_DISABLED : Kind.IF_ENABLED;
        } else {
            kind = minus ? Kind.DISABLED : Kind.ENABLED;
        }
        return new UseDependency(s, kind, missing);
    }
}
