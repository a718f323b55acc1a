package org.zentoo.config;

import java.nio.file.Path;

/**
 * The site's config/ directory holds something Zentoo cannot accept. The message
 * starts with {@code file:line:} so that editors and CI logs can jump to it, or with
 * {@code file:} alone when the problem is the file as a whole (a missing key): a
 * {@code :0} would send the editor nowhere.
 */
public class ConfigException extends Exception {

    private final String file;
    private final int line;
    private final String problem;

    public ConfigException(String file, int line, String problem) {
        super(where(file, line) + ": " + problem);
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

    /** {@code file:line}, or the file alone for line 0. */
    public static String where(String file, int line) {
        return line > 0 ? file + ":" + line : file;
    }

    /** Several problems at once ({@link ConfigErrors}): the message is theirs, joined. */
    ConfigException(String message, ConfigException first) {
        super(message);
        this.file = first.file;
        this.line = first.line;
        this.problem = first.problem;
    }

    /** Every problem this exception stands for, in the order found: itself, unless it gathers several. */
    public java.util.List<ConfigException> problems() {
        return java.util.List.of(this);
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
