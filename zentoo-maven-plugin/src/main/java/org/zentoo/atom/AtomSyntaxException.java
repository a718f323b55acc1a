package org.zentoo.atom;

/**
 * A token is not valid PMS syntax. Carries no file or line: the caller knows where the
 * token came from and wraps this into a ConfigException.
 */
public class AtomSyntaxException extends Exception {
    public AtomSyntaxException(String message) {
        super(message);
    }
}
