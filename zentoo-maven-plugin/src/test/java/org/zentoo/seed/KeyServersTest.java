package org.zentoo.seed;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KeyServersTest {

    @Test
    void localPartHashMatchesTheWkdDraftExample() {
        // The draft's example address is Joe.Doe@Example.ORG; case must not matter.
        assertEquals("iy9q119eutrkn8s1mk4r39qejnbu3n5q", KeyServers.localPartHash("Joe.Doe"));
        assertEquals("iy9q119eutrkn8s1mk4r39qejnbu3n5q", KeyServers.localPartHash("joe.doe"));
    }

    @Test
    void zBase32PadsTheLastGroupWithZeroBits() {
        assertEquals("", ZBase32.encode(new byte[0]));
        // 0xFF is 11111 111(00): the last group is filled on the right.
        assertEquals("9h", ZBase32.encode(new byte[] {(byte) 0xFF}));
        assertEquals("yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", ZBase32.encode(new byte[20]));
        assertEquals("pb1sa5dx", ZBase32.encode("hello".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void productionUrlsFollowTheDraft() {
        List<URI> wkd = KeyServers.GENTOO.webKeyDirectory("Joe.Doe@Example.ORG");

        assertEquals(List.of(
                URI.create("https://openpgpkey.example.org/.well-known/openpgpkey/example.org/hu/"
                        + "iy9q119eutrkn8s1mk4r39qejnbu3n5q?l=Joe.Doe"),
                URI.create("https://example.org/.well-known/openpgpkey/hu/iy9q119eutrkn8s1mk4r39qejnbu3n5q?l=Joe.Doe")),
                wkd);
        assertEquals(URI.create("https://keys.gentoo.org/pks/lookup?op=get&options=mr&search=0x"
                        + FetchOptions.GENTOO_RELEASE_KEY),
                KeyServers.GENTOO.byFingerprint(FetchOptions.GENTOO_RELEASE_KEY));
    }

    @Test
    void keyAddressMustBeAnAddress() {
        assertThrows(IllegalArgumentException.class, () -> new FetchOptions().keyAddress("releng"));
        assertThrows(IllegalArgumentException.class, () -> new FetchOptions().keyAddress("a@b@gentoo.org"));
    }
}
