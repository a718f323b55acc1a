package org.zentoo.atom;

import java.util.regex.Pattern;

/** USE flag names as PMS defines them (section 3.1.4). */
public final class UseFlag {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+_@-]*");
    /** USE_EXPAND variable names are upper-case by convention and Portage relies on that. */
    private static final Pattern EXPAND_NAME = Pattern.compile("[A-Z0-9][A-Z0-9_]*");

    private UseFlag() {
    }

    public static boolean isName(String s) {
        return NAME.matcher(s).matches();
    }

    public static boolean isExpandName(String s) {
        return EXPAND_NAME.matcher(s).matches();
    }

    /**
     * A token of a USE-like list: {@code flag}, {@code -flag}, {@code -*}, or a
     * prefix wildcard ({@code l10n_*}, {@code -l10n_*}) that Portage accepts in USE.
     */
    public static void checkToken(String token) throws AtomSyntaxException {
        if (token.equals("-*")) {
            return;
        }
        String name = token.startsWith("-") ? token.substring(1) : token;
        if (name.endsWith("_*") && name.length() > 2 && isName(name.substring(0, name.length() - 2))) {
            return;
        }
        if (!isName(name)) {
            throw new AtomSyntaxException("'" + token + "' is not a USE flag: expected a name of letters, digits, "
                    + "'+', '_', '@', '-' starting with a letter or digit, optionally prefixed by '-', or '-*'");
        }
    }
}
