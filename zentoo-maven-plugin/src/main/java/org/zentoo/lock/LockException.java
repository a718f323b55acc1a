package org.zentoo.lock;

import org.zentoo.config.ConfigException;

/**
 * {@code zentoo.lock} holds something Zentoo cannot read. Like a config error it names
 * {@code zentoo.lock:LINE}: the lock is the site's input, committed next to {@code config/}.
 */
public final class LockException extends ConfigException {

    public LockException(int line, String problem) {
        super(LockFile.NAME, line, problem);
    }

    /** A lock file by another name or path, such as one of {@code zentoo.gc.keep}'s. */
    public LockException(String file, int line, String problem) {
        super(file, line, problem);
    }
}
