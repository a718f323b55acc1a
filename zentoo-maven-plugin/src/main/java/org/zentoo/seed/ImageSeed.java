package org.zentoo.seed;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Docker image reference, split into its parts. Syntax follows the
 * distribution/reference grammar that the Docker CLI uses. The engine decides
 * whether to use a local image or pull it; this class only validates.
 *
 * @param registry   registry host with optional port, or null for Docker Hub
 * @param repository path on the registry, e.g. {@code gentoo/stage3}
 * @param tag        the tag, or null when only a digest pins the image
 * @param digest     {@code sha256:<64 hex>}, or null
 */
public record ImageSeed(String registry, String repository, String tag, String digest) implements SeedReference {

    private static final Pattern REGISTRY = Pattern.compile(
            "(?:localhost|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::[0-9]{1,5})?");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final int MAX_NAME_LENGTH = 255;

    public ImageSeed {
        Objects.requireNonNull(repository, "repository");
        if (tag == null && digest == null) {
            throw new IllegalArgumentException("an image seed needs a tag or a digest");
        }
    }

    @Override
    public String value() {
        StringBuilder text = new StringBuilder();
        if (registry != null) {
            text.append(registry).append('/');
        }
        text.append(repository);
        if (tag != null) {
            text.append(':').append(tag);
        }
        if (digest != null) {
            text.append('@').append(digest);
        }
        return text.toString();
    }

    /** {@code [registry/]repository}, without tag or digest: what {@code name@sha256:…} pulls by digest. */
    public String repositoryName() {
        return registry == null ? repository : registry + "/" + repository;
    }

    @Override
    public String toString() {
        return value();
    }

    static ImageSeed parse(String value) throws SeedException {
        String rest = value;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw invalid(value, "digest '" + digest + "' must be sha256: followed by 64 lowercase hex digits");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(value, "tag '" + tag + "' must be 1 to 128 characters of letters, digits, _ . -"
                        + " and must not start with . or -");
            }
        }
        String registry = null;
        int slash = rest.indexOf('/');
        if (slash > 0 && looksLikeRegistry(rest.substring(0, slash))) {
            registry = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
            if (!REGISTRY.matcher(registry).matches()) {
                throw invalid(value, "registry '" + registry + "' must be a host name with an optional :port");
            }
        }
        checkRepository(value, rest);
        if (tag == null && digest == null) {
            throw invalid(value, "it has neither a tag nor a digest, so it would follow :latest;"
                    + " pin it, e.g. " + value + ":amd64-openrc or " + value + "@sha256:<64 hex>");
        }
        return new ImageSeed(registry, rest, tag, digest);
    }

    /** Docker's own rule: the first component names a registry when it has a dot or port, or is localhost. */
    private static boolean looksLikeRegistry(String first) {
        return first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(java.util.Locale.ROOT));
    }

    private static void checkRepository(String value, String repository) throws SeedException {
        if (repository.isEmpty()) {
            throw invalid(value, "the image name is empty");
        }
        if (repository.length() > MAX_NAME_LENGTH) {
            throw invalid(value, "the image name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        for (String component : repository.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw invalid(value, "name component '" + component + "' must be lowercase letters and digits,"
                        + " joined by . _ __ or dashes");
            }
        }
    }

    private static SeedException invalid(String value, String why) {
        return new SeedException(SeedException.Problem.BAD_REFERENCE,
                "SEED '" + value + "' is not a valid image reference: " + why + "; " + SeedReference.EXPECTED);
    }
}
