package org.zentoo.config;

import java.nio.file.Path;

/**
 * The site's config/ directory holds something Zentoo cannot accept. The message
 * always starts with {@code file:line:} so that editors and CI logs can jump to it.
 */
public class ConfigException extends Exception {

    private final String file;
    private final int line;
    private final String problem;

    public ConfigException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public ConfigException(String file, int line, String problem, Throwable cause) {
        this(file, line, problem);
        initCause(cause);
    }

    public ConfigException(Path file, int line, String problem) {
        this(file.toString(), line, problem);
    }

    /** The file, as the user would name it (relative to the site, e.g. {@code config/sets/web/packages}). */
    public String file() {
        return file;
    }

    /** 1-based line; 0 when the problem concerns the file as a whole. */
    public int line() {
        return line;
    }

    /** The message without the {@code file:line:} prefix. */
    public String problem() {
        return problem;
    }
}
