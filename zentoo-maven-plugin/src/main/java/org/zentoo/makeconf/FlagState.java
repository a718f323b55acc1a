package org.zentoo.makeconf;

/** The last word the stack said about one token: on or off, and who said it. */
public record FlagState(String flag, boolean enabled, Origin origin) {
    public String token() {
        return enabled ? flag : "-" + flag;
    }
}
