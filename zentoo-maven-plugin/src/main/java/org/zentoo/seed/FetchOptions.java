package org.zentoo.seed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * How {@link TarballSeedFetcher} fetches and checks seeds. Setters return
 * {@code this}; the fetcher copies the values when it is built.
 */
public final class FetchOptions {

    /** Gentoo Linux Release Engineering (Automated Weekly Release Key). */
    public static final String GENTOO_RELEASE_KEY = "13EBBDBEDE7A12775DFDB1BABB572E0E2D182910";

    /** The uid address of that key, under which Gentoo's Web Key Directory publishes it. */
    public static final String GENTOO_RELEASE_ADDRESS = "releng@gentoo.org";

    private Path cacheDirectory = defaultCacheDirectory();
    private Path keyring;
    private Set<String> trustedFingerprints = Set.of(GENTOO_RELEASE_KEY);
    private String keyAddress = GENTOO_RELEASE_ADDRESS;
    private KeyServers keyServers = KeyServers.GENTOO;
    private boolean offline;
    private boolean insecure;
    private Path baseDirectory = Path.of("").toAbsolutePath();
    private Duration connectTimeout = Duration.ofSeconds(20);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private int attempts = 4;
    private Duration retryPause = Duration.ofSeconds(2);
    private Consumer<String> warnings = System.err::println;
    private String kind = "seed";
    private String signatureSuffix = ".asc";
    private boolean digestsRequired = true;

    /** {@code ~/.m2/zentoo/seeds}: next to the Maven repository, shared by every site of the user. */
    public static Path defaultCacheDirectory() {
        return Path.of(System.getProperty("user.home"), ".m2", "zentoo", "seeds");
    }

    public FetchOptions cacheDirectory(Path directory) {
        this.cacheDirectory = Objects.requireNonNull(directory);
        return this;
    }

    /** An armored or binary public keyring holding the release key (e.g. {@code gpg --export --armor KEY}). */
    public FetchOptions keyring(Path file) {
        this.keyring = file;
        return this;
    }

    /**
     * Without a {@link #keyring}, the trusted keys are fetched once from the Web Key
     * Directory of this address, else from keys.gentoo.org by fingerprint, and cached
     * under {@code <cache>/keys/}. The address only says where to look: a fetched key
     * is used only when its fingerprint is a trusted one.
     */
    public FetchOptions keyAddress(String address) {
        this.keyAddress = KeyServers.checkAddress(address);
        return this;
    }

    /** Where keys are fetched from; tests point this at a loopback server. */
    FetchOptions keyServers(KeyServers servers) {
        this.keyServers = Objects.requireNonNull(servers);
        return this;
    }

    /**
     * Primary-key fingerprints whose signatures are accepted. Spaces and a {@code 0x}
     * prefix are allowed, as gpg prints them.
     */
    public FetchOptions trustedFingerprints(Set<String> fingerprints) {
        Set<String> normal = new TreeSet<>();
        for (String fingerprint : fingerprints) {
            normal.add(normalizeFingerprint(fingerprint));
        }
        if (normal.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted fingerprint is needed");
        }
        this.trustedFingerprints = Set.copyOf(normal);
        return this;
    }

    /** No network: only seeds already in the cache, and file: seeds, can be used. */
    public FetchOptions offline(boolean offline) {
        this.offline = offline;
        return this;
    }

    /** Skips the signature checks, loudly; the SHA512 check against DIGESTS is still done. */
    public FetchOptions insecure(boolean insecure) {
        this.insecure = insecure;
        return this;
    }

    /** Where relative {@code file:} paths start: the site's directory. */
    public FetchOptions baseDirectory(Path directory) {
        this.baseDirectory = Objects.requireNonNull(directory).toAbsolutePath();
        return this;
    }

    public FetchOptions connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connect timeout");
        return this;
    }

    /** The longest wait for response headers or for the next body bytes before an attempt is given up. */
    public FetchOptions idleTimeout(Duration timeout) {
        this.idleTimeout = positive(timeout, "idle timeout");
        return this;
    }

    /** Attempts per file, each resuming where the previous stopped. */
    public FetchOptions attempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        this.attempts = attempts;
        return this;
    }

    /** The wait before a retry; zero is allowed (tests), negative is not. */
    public FetchOptions retryPause(Duration pause) {
        if (pause == null || pause.isNegative()) {
            throw new IllegalArgumentException("retry pause must not be negative, was " + pause);
        }
        this.retryPause = pause;
        return this;
    }

    /** Where warnings go, e.g. the Maven log's {@code warn}. */
    public FetchOptions warnings(Consumer<String> sink) {
        this.warnings = Objects.requireNonNull(sink);
        return this;
    }

    /**
     * What the tarballs are, for messages and the {@code zentoo.<kind>.insecure}
     * property they name: {@code seed} by default, {@code snapshot} for repositories.
     */
    public FetchOptions kind(String kind) {
        if (!kind.matches("[a-z]+")) {
            throw new IllegalArgumentException("kind must be a lower-case word, was '" + kind + "'");
        }
        this.kind = kind;
        return this;
    }

    /** How the detached signature is named next to the tarball: {@code .asc} for releases, {@code .gpgsig} for snapshots. */
    public FetchOptions signatureSuffix(String suffix) {
        if (!suffix.matches("\\.[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("a signature suffix is a dot and a word, was '" + suffix + "'");
        }
        this.signatureSuffix = suffix;
        return this;
    }

    /**
     * Whether a {@code .DIGESTS} file must list the tarball's SHA512. Repository
     * snapshots are published with a signature only; their SHA512 is then taken
     * from the verified bytes.
     */
    public FetchOptions digestsRequired(boolean required) {
        this.digestsRequired = required;
        return this;
    }

    String kind() {
        return kind;
    }

    String signatureSuffix() {
        return signatureSuffix;
    }

    boolean digestsRequired() {
        return digestsRequired;
    }

    Path cacheDirectory() {
        return cacheDirectory;
    }

    Path keyring() {
        return keyring;
    }

    Set<String> trustedFingerprints() {
        return trustedFingerprints;
    }

    String keyAddress() {
        return keyAddress;
    }

    KeyServers keyServers() {
        return keyServers;
    }

    boolean offline() {
        return offline;
    }

    boolean insecure() {
        return insecure;
    }

    Path baseDirectory() {
        return baseDirectory;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    int attempts() {
        return attempts;
    }

    Duration retryPause() {
        return retryPause;
    }

    Consumer<String> warnings() {
        return warnings;
    }

    FetchOptions copy() {
        FetchOptions copy = new FetchOptions();
        copy.cacheDirectory = cacheDirectory;
        copy.keyring = keyring;
        copy.trustedFingerprints = trustedFingerprints;
        copy.keyAddress = keyAddress;
        copy.keyServers = keyServers;
        copy.offline = offline;
        copy.insecure = insecure;
        copy.baseDirectory = baseDirectory;
        copy.connectTimeout = connectTimeout;
        copy.idleTimeout = idleTimeout;
        copy.attempts = attempts;
        copy.retryPause = retryPause;
        copy.warnings = warnings;
        copy.kind = kind;
        copy.signatureSuffix = signatureSuffix;
        copy.digestsRequired = digestsRequired;
        return copy;
    }

    static String normalizeFingerprint(String fingerprint) {
        String hex = fingerprint.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        if (!hex.matches("[0-9A-F]{40}|[0-9A-F]{64}")) {
            throw new IllegalArgumentException("'" + fingerprint + "' is not an OpenPGP key fingerprint;"
                    + " expected 40 hex digits (v4 key) or 64 (v6 key)");
        }
        return hex;
    }

    private static Duration positive(Duration duration, String what) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, was " + duration);
        }
        return duration;
    }
}
