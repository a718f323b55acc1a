package org.zentoo.boot;

/** The host cannot boot a machine (no QEMU, an unusable kernel artifact, ...); the message says what to do. */
public final class BootException extends Exception {

    public BootException(String message) {
        super(message);
    }

    public BootException(String message, Throwable cause) {
        super(message, cause);
    }
}
