package org.zentoo.engine;

/**
 * The daemon could not pull an image. {@link #unreachable()} tells a registry that
 * never answered (DNS, connection, timeout) from one that answered no (no such
 * repository or tag, access denied): the first is the network's fault, the second
 * most often a mistyped name.
 */
public final class PullFailedException extends EngineException {

    /** How Docker's daemon words a registry it could not talk to. */
    private static final java.util.List<String> UNREACHABLE = java.util.List.of("no such host", "dial tcp",
            "i/o timeout", "connection refused", "network is unreachable", "tls handshake timeout",
            "client.timeout", "context deadline exceeded", "server misbehaving", "temporary failure in name resolution",
            "no route to host");

    private final String reference;
    private final String daemonSays;

    PullFailedException(String reference, String host, String daemonSays, Throwable cause) {
        super("cannot pull " + reference + " (the daemon at " + host + " said: " + daemonSays + "). Check the"
                + " network and the registry's credentials in ~/.docker/config.json, or load the image into the"
                + " daemon first, or use a stage3 tarball as SEED.", cause);
        this.reference = reference;
        this.daemonSays = daemonSays;
    }

    public String reference() {
        return reference;
    }

    /** The daemon's own words, on one line. */
    public String daemonSays() {
        return daemonSays;
    }

    /** True when the registry was never reached; false when it answered and refused. */
    public boolean unreachable() {
        return unreachable(daemonSays);
    }

    static boolean unreachable(String daemonSays) {
        String lower = daemonSays.toLowerCase(java.util.Locale.ROOT);
        return UNREACHABLE.stream().anyMatch(lower::contains);
    }

    /** docker-java's wrapping of a daemon error: {@code Status 500: {"message":"..."}}. */
    private static final java.util.regex.Pattern STATUS = java.util.regex.Pattern.compile(
            "Status \\d+: \\{\"message\":\"(.*)\"\\}");

    /**
     * Daemon messages end in a newline and may span lines, and docker-java wraps them in
     * the HTTP status and JSON; a message quotes the daemon's own words on one line.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        String line = message.strip().replaceAll("\\s*\\R\\s*", " ");
        java.util.regex.Matcher wrapped = STATUS.matcher(line);
        return wrapped.matches() ? wrapped.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : line;
    }
}
