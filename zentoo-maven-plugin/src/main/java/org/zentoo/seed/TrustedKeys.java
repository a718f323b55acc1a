package org.zentoo.seed;

import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The trusted signing keys when no keyring file is configured: read from the key
 * cache, or fetched at first use (WKD of the configured address, then HKPS by
 * fingerprint) and cached. Fetched material is only ever matched by primary-key
 * fingerprint; whatever else a server sends is ignored.
 */
final class TrustedKeys {

    /** Real keys with their certifications are tens of kilobytes; anything near this is not one. */
    private static final long KEY_LIMIT = 4L << 20;

    private final FetchOptions options;
    private final KeyCache cache;
    private final SeedDownloader downloader;
    /** The advanced WKD host often does not exist at all; one attempt tells that. */
    private final SeedDownloader probe;

    TrustedKeys(FetchOptions options) {
        this.options = options;
        this.cache = new KeyCache(options.cacheDirectory().resolve("keys"));
        this.downloader = new SeedDownloader(options.connectTimeout(), options.idleTimeout(), options.attempts(),
                options.retryPause());
        this.probe = new SeedDownloader(options.connectTimeout(), options.idleTimeout(), 1, options.retryPause());
    }

    /** A verifier over the trusted keys that are cached or can be fetched; at least one must be. */
    SignatureVerifier verifier() throws SeedException {
        Map<String, PGPPublicKeyRing> found = new TreeMap<>();
        Map<String, PGPPublicKeyRing> stale = new TreeMap<>();
        Set<String> missing = new TreeSet<>();
        for (String fingerprint : options.trustedFingerprints()) {
            PGPPublicKeyRing ring = readCached(fingerprint);
            if (ring == null) {
                missing.add(fingerprint);
            } else if (!options.offline() && KeyCache.stale(ring, System.currentTimeMillis())) {
                stale.put(fingerprint, ring);
                missing.add(fingerprint);
            } else {
                found.put(fingerprint, ring);
            }
        }
        if (!missing.isEmpty()) {
            if (options.offline()) {
                if (found.isEmpty()) {
                    throw new SeedException(SeedException.Problem.NOT_CACHED_OFFLINE, "offline, and the "
                            + options.kind() + " signing key " + String.join(", ", missing) + " was never fetched into "
                            + cache.directory() + "; run once online or set zentoo." + options.kind() + ".keyring");
                }
            } else {
                fetch(missing, found, stale);
            }
        }
        return SignatureVerifier.of(new PGPPublicKeyRingCollection(List.copyOf(found.values())),
                "the fetched keys in " + cache.directory(), options.trustedFingerprints());
    }

    private PGPPublicKeyRing readCached(String fingerprint) {
        try {
            return cache.read(fingerprint).orElse(null);
        } catch (IOException e) {
            options.warnings().accept("ignoring cached key " + cache.file(fingerprint) + ": " + e.getMessage());
            return null;
        }
    }

    /** Fills {@code found} from the network; a stale cached copy is kept when nothing newer comes. */
    private void fetch(Set<String> missing, Map<String, PGPPublicKeyRing> found, Map<String, PGPPublicKeyRing> stale)
            throws SeedException {
        FetchReport report = new FetchReport(options.trustedFingerprints());
        List<URI> wkd = options.keyServers().webKeyDirectory(options.keyAddress());
        for (int i = 0; i < wkd.size() && !missing.isEmpty(); i++) {
            take(wkd.get(i), i == 0 ? probe : downloader, missing, found, report);
        }
        for (String fingerprint : List.copyOf(missing)) {
            take(options.keyServers().byFingerprint(fingerprint), downloader, missing, found, report);
        }
        for (String fingerprint : missing) {
            PGPPublicKeyRing old = stale.get(fingerprint);
            if (old != null) {
                options.warnings().accept("using the expired cached key " + cache.file(fingerprint)
                        + "; no newer copy could be fetched: " + report.summary());
                found.put(fingerprint, old);
            } else if (!found.isEmpty()) {
                options.warnings().accept("trusted key " + fingerprint + " could not be fetched: " + report.summary());
            }
        }
        if (found.isEmpty()) {
            throw report.failure("cannot obtain the " + options.kind() + " signing key "
                    + String.join(", ", missing) + ": ", "; export it (gpg --export --armor "
                    + String.join(" ", missing) + ") to a file and set zentoo." + options.kind() + ".keyring");
        }
    }

    /** Downloads one candidate and caches the trusted keys in it. */
    private void take(URI url, SeedDownloader via, Set<String> missing, Map<String, PGPPublicKeyRing> found,
            FetchReport report) throws SeedException {
        byte[] body;
        try {
            body = download(url, via);
        } catch (SeedException e) {
            report.failed(url, e);
            return;
        }
        List<PGPPublicKeyRing> rings;
        try {
            rings = KeyCache.rings(body);
        } catch (IOException e) {
            report.unreadable(url, e.getMessage());
            return;
        }
        List<String> others = new ArrayList<>();
        boolean matched = false;
        for (PGPPublicKeyRing ring : rings) {
            String fingerprint = SignatureVerifier.fingerprint(ring.getPublicKey());
            if (missing.remove(fingerprint)) {
                store(fingerprint, ring);
                found.put(fingerprint, ring);
                matched = true;
            } else if (!found.containsKey(fingerprint)) {
                others.add(fingerprint);
            }
        }
        if (rings.isEmpty()) {
            report.unreadable(url, "the answer holds no key");
        } else if (!matched) {
            report.served(url, others);
        }
    }

    private byte[] download(URI url, SeedDownloader via) throws SeedException {
        Path scratch = null;
        try {
            scratch = cache.scratch();
            via.download(url, scratch, KEY_LIMIT);
            return Files.readAllBytes(scratch);
        } catch (IOException e) {
            throw new SeedException(SeedException.Problem.IO_FAILED, "key cache " + cache.directory()
                    + " cannot be used: " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private void store(String fingerprint, PGPPublicKeyRing ring) throws SeedException {
        try {
            cache.write(fingerprint, ring);
        } catch (IOException e) {
            throw new SeedException(SeedException.Problem.IO_FAILED, "cannot cache key " + fingerprint + " in "
                    + cache.directory() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A leftover scratch file is a dot-file that is never read as a key.
        }
    }
}
