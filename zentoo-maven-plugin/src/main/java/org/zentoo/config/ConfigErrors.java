package org.zentoo.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every mistake found in config/ in one run, so that a user with three typos fixes
 * them in one go instead of one per build. Its message has one {@code file:line:}
 * line per problem; {@link #file()} and {@link #line()} are those of the first.
 */
public final class ConfigErrors extends ConfigException {

    private final List<ConfigException> problems;

    ConfigErrors(List<ConfigException> problems, int omitted) {
        super(message(problems, omitted), problems.get(0));
        this.problems = List.copyOf(problems);
    }

    private static String message(List<ConfigException> problems, int omitted) {
        int total = problems.size() + omitted;
        return total + " mistakes in the site's configuration; fix each, then run again:\n"
                + problems.stream().map(ConfigException::getMessage).collect(Collectors.joining("\n"))
                + (omitted > 0 ? "\n... and " + omitted + " more, not listed" : "");
    }

    @Override
    public List<ConfigException> problems() {
        return problems;
    }
}
