package org.zentoo.set;

import org.zentoo.atom.Atom;
import org.zentoo.atom.AtomContext;
import org.zentoo.atom.AtomSyntaxException;
import org.zentoo.atom.UseFlag;
import org.zentoo.config.ConfigException;
import org.zentoo.config.ConfigProblems;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks each line-oriented set file as Portage would read it, recording every bad
 * line with file:line and returning the good ones.
 */
final class SetFileChecks {

    static final Pattern SET_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*(/[A-Za-z0-9_][A-Za-z0-9_.+-]*)*");
    private static final Pattern KEYWORD = Pattern.compile("(-?~?[A-Za-z0-9_][A-Za-z0-9_-]*|\\*\\*|~\\*|\\*|-\\*)");
    private static final Pattern LICENSE = Pattern.compile("(-?@?[A-Za-z0-9_][A-Za-z0-9+_.-]*|\\*|-\\*)");
    private static final Pattern RESTRICT = Pattern.compile("(-?[A-Za-z0-9_][A-Za-z0-9+_.-]*|\\*|-\\*)");
    private static final Pattern ENV_FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");
    private static final Pattern KCONFIG_SET = Pattern.compile("CONFIG_[A-Za-z0-9_]+=(y|m|n|-?\\d+|0x[0-9A-Fa-f]+|\"([^\"\\\\]|\\\\.)*\")");
    private static final Pattern KCONFIG_UNSET = Pattern.compile("# CONFIG_[A-Za-z0-9_]+ is not set");
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_@.:+-]*");
    private static final Pattern RUNLEVEL = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private SetFileChecks() {
    }

    static List<Line> parents(String file, String text, ConfigProblems problems) {
        List<Line> out = new ArrayList<>();
        for (Line l : Lines.of(text)) {
            if (l.words().size() != 1 || !SET_ID.matcher(l.first()).matches()) {
                problems.add(new ConfigException(file, l.number(), "expected one set id per line (such as zentoo/base),"
                        + " found '" + l.text() + "'"));
            } else {
                out.add(l);
            }
        }
        return out;
    }

    static List<WorldEntry> packages(String file, String text, ConfigProblems problems) {
        List<WorldEntry> out = new ArrayList<>();
        for (Line l : Lines.of(text)) {
            WorldEntry entry = problems.attempt(() -> {
                if (l.words().size() != 1) {
                    throw new ConfigException(file, l.number(), "expected one atom or @set per line, found '" + l.text()
                            + "'");
                }
                String word = l.first();
                boolean removal = word.startsWith("-");
                Atom atom = atom(file, l.number(), removal ? word.substring(1) : word, AtomContext.WORLD);
                return new WorldEntry(atom, removal, l.number());
            });
            if (entry != null) {
                out.add(entry);
            }
        }
        return out;
    }

    static List<Line> packageFile(String name, String file, String text, ConfigProblems problems) {
        List<Line> out = new ArrayList<>();
        for (Line l : Lines.of(text)) {
            if (problems.check(() -> packageLine(name, file, l))) {
                out.add(l);
            }
        }
        return out;
    }

    private static void packageLine(String name, String file, Line l) throws ConfigException {
        atom(file, l.number(), l.first(), AtomContext.PACKAGE_FILE);
        switch (name) {
            case "package.use" -> useTokens(file, l);
            case "package.mask", "package.unmask" -> {
                if (l.words().size() > 1) {
                    throw new ConfigException(file, l.number(), "expected only an atom, found '" + l.text() + "'");
                }
            }
            case "package.accept_keywords" -> words(file, l, KEYWORD, "keyword (such as ~amd64 or **)", false);
            case "package.license" -> words(file, l, LICENSE, "license or @GROUP", true);
            case "package.env" -> words(file, l, ENV_FILE, "file name under env/", true);
            case "package.accept_restrict" -> words(file, l, RESTRICT, "RESTRICT token", true);
            default -> throw new IllegalArgumentException(name);
        }
    }

    private static void useTokens(String file, Line l) throws ConfigException {
        if (l.words().size() < 2) {
            throw new ConfigException(file, l.number(), "expected ATOM followed by USE flags, found '" + l.text() + "'");
        }
        for (String w : l.rest()) {
            if (w.endsWith(":") && !UseFlag.isExpandName(w.substring(0, w.length() - 1))) {
                throw new ConfigException(file, l.number(), "'" + w
                        + "' is not a USE_EXPAND switch: expected an upper-case name followed by ':' (such as VIDEO_CARDS:)");
            }
            if (w.startsWith("+")) {
                throw new ConfigException(file, l.number(), "malformed USE token: '" + w + "' starts with '+': write '"
                        + w.substring(1) + "'");
            }
        }
        for (String token : PackageUseTokens.expand(l.rest())) {
            try {
                UseFlag.checkToken(token);
            } catch (AtomSyntaxException e) {
                throw new ConfigException(file, l.number(), "malformed USE token: " + e.getMessage());
            }
        }
    }

    private static void words(String file, Line l, Pattern p, String what, boolean required) throws ConfigException {
        if (required && l.words().size() < 2) {
            throw new ConfigException(file, l.number(), "expected ATOM followed by at least one " + what
                    + ", found '" + l.text() + "'");
        }
        for (String w : l.rest()) {
            if (!p.matcher(w).matches()) {
                throw new ConfigException(file, l.number(), "'" + w + "' is not a " + what);
            }
        }
    }

    static List<Service> services(String file, String text, ConfigProblems problems) {
        List<Service> out = new ArrayList<>();
        for (Line l : Lines.of(text)) {
            boolean removal = l.first().startsWith("-");
            String name = removal ? l.first().substring(1) : l.first();
            if (l.words().size() > (removal ? 1 : 2) || !SERVICE.matcher(name).matches()
                    || (l.words().size() == 2 && !RUNLEVEL.matcher(l.words().get(1)).matches())) {
                problems.add(new ConfigException(file, l.number(), "expected 'NAME [RUNLEVEL]' or '-NAME', found '"
                        + l.text() + "'"));
            } else {
                out.add(new Service(name, l.words().size() == 2 ? l.words().get(1) : null, removal, l.number()));
            }
        }
        return out;
    }

    static void kernelConfig(String file, String text, ConfigProblems problems) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String s = lines[i].strip();
            if (s.isEmpty() || KCONFIG_SET.matcher(s).matches() || KCONFIG_UNSET.matcher(s).matches()) {
                continue;
            }
            if (s.startsWith("#") && !s.startsWith("# CONFIG_")) {
                continue;
            }
            problems.add(new ConfigException(file, i + 1, "expected CONFIG_NAME=value (y, m, n, a number or \"string\")"
                    + " or '# CONFIG_NAME is not set', found '" + s + "'"));
        }
    }

    static Atom atom(String file, int line, String text, AtomContext context) throws ConfigException {
        try {
            return Atom.parse(text, context);
        } catch (AtomSyntaxException e) {
            throw new ConfigException(file, line, e.getMessage());
        }
    }
}
