package org.zentoo.seed;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A stage3 tarball whose SHA512 matched its DIGESTS and, unless checks were
 * skipped, whose signature came from a trusted key.
 *
 * @param tarball    the file to import: in the cache for a URL, the user's own file for file:
 * @param sha512     lowercase hex; the seed's identity, e.g. for the image label
 * @param source     the SEED value it came from
 * @param signer     primary-key fingerprint of the signer; empty when signatures were skipped
 * @param downloaded true when this fetch transferred the tarball, false when it came from the cache or disk
 */
public record VerifiedSeed(Path tarball, String sha512, String source, Optional<String> signer, boolean downloaded) {
}
