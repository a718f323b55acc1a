package org.zentoo.seed;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

/**
 * Where a missing signing key is looked up: the Web Key Directory of its address
 * (advanced method, then direct), then an HKP keyserver by fingerprint. The origins
 * are https in production; tests point them at a loopback server over http.
 *
 * @param advancedOrigin replaces {@code https://openpgpkey.DOMAIN}, or null
 * @param directOrigin   replaces {@code https://DOMAIN}, or null
 * @param keyServer      the HKP(S) server, e.g. {@code https://keys.gentoo.org}
 */
record KeyServers(URI advancedOrigin, URI directOrigin, URI keyServer) {

    /** Gentoo's own keyserver, which also publishes its WKD. */
    static final KeyServers GENTOO = new KeyServers(null, null, URI.create("https://keys.gentoo.org"));

    /** The WKD URLs for an address, advanced method first, as the draft orders them. */
    List<URI> webKeyDirectory(String address) {
        int at = address.lastIndexOf('@');
        String local = address.substring(0, at);
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        // The l= parameter carries the local part unchanged, so a server may apply its own mapping.
        String tail = "/hu/" + localPartHash(local) + "?l=" + URLEncoder.encode(local, StandardCharsets.UTF_8);
        URI advanced = origin(advancedOrigin, "https://openpgpkey." + domain);
        URI direct = origin(directOrigin, "https://" + domain);
        return List.of(URI.create(advanced + "/.well-known/openpgpkey/" + domain + tail),
                URI.create(direct + "/.well-known/openpgpkey" + tail));
    }

    /** The machine-readable HKP lookup of a key by its full fingerprint; never by a uid, which anyone can claim. */
    URI byFingerprint(String fingerprint) {
        return URI.create(strip(keyServer) + "/pks/lookup?op=get&options=mr&search=0x" + fingerprint);
    }

    /** z-base-32 of the SHA-1 of the lower-cased local part: the WKD file name for an address. */
    static String localPartHash(String localPart) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest(localPart.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return ZBase32.encode(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-1", e);
        }
    }

    /** A plausible mail address: something, one {@code @}, a dotted domain. */
    static String checkAddress(String address) {
        if (address == null || !address.matches("[^@\\s]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+")) {
            throw new IllegalArgumentException("'" + address + "' is not a mail address like releng@gentoo.org");
        }
        return address;
    }

    private static URI origin(URI configured, String fallback) {
        return URI.create(configured == null ? fallback : strip(configured));
    }

    private static String strip(URI origin) {
        String text = origin.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
