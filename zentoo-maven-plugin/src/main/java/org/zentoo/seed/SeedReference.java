package org.zentoo.seed;

import java.util.Locale;

/**
 * The value of a machine's {@code SEED} key: where its builds start. Either a Docker
 * image reference or a stage3 tarball. Parsing only checks syntax; nothing is
 * fetched here.
 */
public sealed interface SeedReference permits ImageSeed, TarballSeed {

    String EXPECTED = "expected a Docker image reference with a tag or digest"
            + " (gentoo/stage3:amd64-openrc, registry.example.org:5000/stage3@sha256:<64 hex>),"
            + " or a stage3 tarball as an http(s):// URL or a file: path";

    /** The value in its normal written form, suitable for logs and labels. */
    String value();

    /**
     * Reads a SEED value. Callers that know the file and line of the value should
     * wrap the message in their own {@code file:line:} error.
     */
    static SeedReference parse(String seedValue) throws SeedException {
        String value = seedValue == null ? "" : seedValue.strip();
        if (value.isEmpty()) {
            throw new SeedException(SeedException.Problem.BAD_REFERENCE, "SEED is empty; " + EXPECTED);
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:")) {
            return TarballSeed.parse(value);
        }
        if (lower.contains("://")) {
            throw new SeedException(SeedException.Problem.BAD_REFERENCE, "SEED '" + value
                    + "' uses an unsupported URL scheme; expected http:// or https:// for a tarball to download,"
                    + " or file: for a local one");
        }
        if (value.startsWith("/") || value.startsWith(".") || value.startsWith("~")
                || TarballSeed.hasTarballSuffix(lower)) {
            throw new SeedException(SeedException.Problem.BAD_REFERENCE, "SEED '" + value
                    + "' looks like a local tarball; expected it written as file:" + value
                    + ", so that it cannot be mistaken for an image reference");
        }
        return ImageSeed.parse(value);
    }
}
