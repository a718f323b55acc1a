package org.zentoo.seed;

import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cached key that can no longer sign is looked up again; Gentoo extends and rotates its keys. */
class StaleKeyTest extends MirrorTestBase {

    // Its only subkey was made a day ago and expired a second later.
    private static final TestKey expired = TestKey.generate("Expired Release <releng@example.org>", 1);

    @Test
    void aKeyWhoseSubkeysExpiredIsStale() throws Exception {
        long now = System.currentTimeMillis();
        assertTrue(KeyCache.stale(ring(expired), now));
        assertFalse(KeyCache.stale(ring(releaseKey), now));
    }

    @Test
    void staleCachedKeyIsRefetchedAndKeptWhenNothingNewerComes() throws Exception {
        new TrustedKeys(withExpiredKeyCached()).verifier();

        assertEquals(3, server.requests().size(), "WKD advanced, direct, and the keyserver were asked");
        assertTrue(warnings.stream().anyMatch(w -> w.contains("using the expired cached key")), warnings.toString());
    }

    @Test
    void offlineUsesAStaleKeyWithoutAsking() throws Exception {
        new TrustedKeys(withExpiredKeyCached().offline(true)).verifier();

        assertEquals(0, server.requests().size());
    }

    /** Trusts only the expired key, which sits in the key cache; key lookups go to the empty loopback server. */
    private FetchOptions withExpiredKeyCached() throws Exception {
        Path keys = Files.createDirectories(cache.resolve("keys"));
        Files.write(keys.resolve(expired.fingerprint() + ".asc"), TestKey.armoredKeyring(expired));
        return options().keyring(null).trustedFingerprints(Set.of(expired.fingerprint()))
                .keyServers(new KeyServers(server.url("/a"), server.url("/d"), server.url("/k")));
    }

    private static PGPPublicKeyRing ring(TestKey key) throws Exception {
        return KeyCache.rings(key.binary()).get(0);
    }
}
