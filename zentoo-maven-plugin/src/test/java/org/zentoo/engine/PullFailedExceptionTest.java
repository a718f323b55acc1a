package org.zentoo.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemon's words, as Docker 20.10 says them, sorted into "never reached" and "refused". */
class PullFailedExceptionTest {

    @Test
    void aRegistryThatNeverAnsweredIsUnreachable() {
        assertTrue(PullFailedException.unreachable("Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup"
                + " registry-1.docker.io on 127.0.0.53:53: no such host"));
        assertTrue(PullFailedException.unreachable("Get \"http://127.0.0.1:9/v2/\": dial tcp 127.0.0.1:9: connect:"
                + " connection refused"));
        assertTrue(PullFailedException.unreachable("Get \"https://registry-1.docker.io/v2/\": net/http: request"
                + " canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)"));
    }

    @Test
    void aRegistryThatAnsweredNoIsNotUnreachable() {
        assertFalse(PullFailedException.unreachable("pull access denied for zentoo/test-stag, repository does not"
                + " exist or may require 'docker login': denied: requested access to the resource is denied"));
        assertFalse(PullFailedException.unreachable("manifest for gentoo/stage3:nope not found: manifest unknown:"
                + " manifest unknown"));
    }

    @Test
    void theDaemonsMessageIsQuotedOnOneLine() {
        PullFailedException e = new PullFailedException("zentoo/test-stag:current", "unix:///var/run/docker.sock",
                PullFailedException.oneLine("dial tcp: lookup registry-1.docker.io: no such host\n"), null);
        assertEquals("dial tcp: lookup registry-1.docker.io: no such host", e.daemonSays());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("no such host). Check the network"), e.getMessage());
    }

    @Test
    void theStatusAndJsonAroundTheDaemonsWordsAreDropped() {
        assertEquals("Get \"http://127.0.0.1:9/v2/\": dial tcp 127.0.0.1:9: connect: connection refused",
                PullFailedException.oneLine("Status 500: {\"message\":\"Get \\\"http://127.0.0.1:9/v2/\\\": dial tcp"
                        + " 127.0.0.1:9: connect: connection refused\"}\n"));
    }
}
