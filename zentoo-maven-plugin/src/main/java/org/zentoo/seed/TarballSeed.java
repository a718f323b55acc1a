package org.zentoo.seed;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A stage3 tarball seed: exactly one of {@code url} (http or https) and {@code file}
 * (possibly relative to the site) is set. Its DIGESTS and signature are found by
 * appending {@code .DIGESTS} and {@code .asc} to its name, as on Gentoo mirrors.
 */
public record TarballSeed(URI url, Path file) implements SeedReference {

    /** What {@code docker import} can read; the longer names come first so that they match first. */
    private static final List<String> SUFFIXES = List.of(".tar.xz", ".tar.bz2", ".tar.gz", ".tar");

    public TarballSeed {
        if ((url == null) == (file == null)) {
            throw new IllegalArgumentException("a tarball seed has either a URL or a file");
        }
    }

    public boolean isLocal() {
        return file != null;
    }

    /** The tarball's own name, as DIGESTS lists it. */
    public String fileName() {
        if (isLocal()) {
            return file.getFileName().toString();
        }
        String path = url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The compression suffix, e.g. {@code .tar.xz}; the cache keeps it so that importers can tell the format. */
    public String suffix() {
        String name = fileName().toLowerCase(Locale.ROOT);
        return SUFFIXES.stream().filter(name::endsWith).findFirst().orElseThrow();
    }

    /** The URL of a file published next to the tarball, e.g. {@code sibling(".DIGESTS")}. */
    URI siblingUrl(String suffix) {
        // Built from the raw parts, so that escapes in the original URL survive unchanged.
        String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath() + suffix + query);
    }

    /** The local tarball, relative paths taken from {@code baseDirectory} (the site). */
    Path resolveFile(Path baseDirectory) {
        return baseDirectory.resolve(file).toAbsolutePath().normalize();
    }

    @Override
    public String value() {
        return isLocal() ? "file:" + file : url.toString();
    }

    @Override
    public String toString() {
        return value();
    }

    static boolean hasTarballSuffix(String lowerCaseName) {
        return SUFFIXES.stream().anyMatch(lowerCaseName::endsWith);
    }

    static TarballSeed parse(String value) throws SeedException {
        return parse("SEED", value);
    }

    /**
     * Reads an http(s) URL or {@code file:} path of a tarball, for any key that takes
     * one (SEED, SNAPSHOT); errors name that key.
     */
    public static TarballSeed parse(String key, String value) throws SeedException {
        if (value.regionMatches(true, 0, "file:", 0, 5)) {
            return new TarballSeed(null, parseFile(key, value));
        }
        URI url;
        try {
            url = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid(key, value, "it is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw invalid(key, value, "the URL has no host");
        }
        if (url.getFragment() != null) {
            throw invalid(key, value, "the URL has a #fragment, which a server never sees");
        }
        URI normal = url.normalize();
        TarballSeed seed = new TarballSeed(normal, null);
        checkName(key, value, seed.fileName());
        return seed;
    }

    private static Path parseFile(String key, String value) throws SeedException {
        String path = value.substring(5);
        if (path.startsWith("//")) {
            // file://host/path: only an empty host or localhost names this machine.
            int slash = path.indexOf('/', 2);
            String host = slash < 0 ? path.substring(2) : path.substring(2, slash);
            if (!host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
                throw invalid(key, value, "file: URLs must name a local file (file:///path or file:/path), not host '" + host + "'");
            }
            path = slash < 0 ? "" : path.substring(slash);
        }
        if (path.isEmpty()) {
            throw invalid(key, value, "the file: path is empty");
        }
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            throw invalid(key, value, "'" + path + "' is not a valid path (" + e.getReason() + ")");
        }
        if (file.getFileName() == null) {
            throw invalid(key, value, "the file: path names no file");
        }
        checkName(key, value, file.getFileName().toString());
        return file;
    }

    private static void checkName(String key, String value, String name) throws SeedException {
        if (!hasTarballSuffix(name.toLowerCase(Locale.ROOT))) {
            throw invalid(key, value, "the file name '" + name + "' must end with one of " + String.join(", ", SUFFIXES));
        }
    }

    private static SeedException invalid(String key, String value, String why) {
        String expected = key.equals("SEED") ? SeedReference.EXPECTED
                : "expected a tarball as an http(s):// URL or a file: path";
        return new SeedException(SeedException.Problem.BAD_REFERENCE,
                key + " '" + value + "' is not a usable tarball: " + why + "; " + expected);
    }
}
