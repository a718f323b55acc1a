package org.zentoo.seed;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns a tarball SEED (or, with {@link FetchOptions#kind} {@code snapshot}, a
 * repository snapshot) into a verified local file. A URL is downloaded into the
 * cache (resuming earlier partial downloads), a {@code file:} seed is used where it
 * is; both are checked against their {@code .DIGESTS} (SHA512) and their detached
 * {@code .asc} signature before the caller sees them (snapshots: their
 * {@code .gpgsig}, no DIGESTS), and their entries must stay inside the root they
 * are unpacked into. A URL that was fetched and verified once
 * is served from the cache without any request.
 */
public final class TarballSeedFetcher {

    /** Release DIGESTS and signatures are a few kilobytes; anything huge is not one. */
    private static final long SMALL_FILE_LIMIT = 1 << 20;
    private static final long TARBALL_LIMIT = 64L << 30;

    private final FetchOptions options;
    private final SeedCache cache;
    private final SeedDownloader downloader;
    private SignatureVerifier verifier;

    public TarballSeedFetcher(FetchOptions options) {
        this.options = options.copy();
        this.cache = new SeedCache(this.options.cacheDirectory());
        this.downloader = new SeedDownloader(this.options.connectTimeout(), this.options.idleTimeout(),
                this.options.attempts(), this.options.retryPause());
    }

    /** The directory verified seeds are kept in. */
    public Path cacheDirectory() {
        return cache.directory();
    }

    /**
     * Makes a tarball seed available locally, verified. For a URL the result lies in
     * the cache; for {@code file:} it is the user's own file, never moved or deleted.
     *
     * @throws SeedException naming the file, the failed check, and expected against found;
     *                       {@link SeedException#problem()} tells input errors from environment failures
     */
    public VerifiedSeed fetch(TarballSeed seed) throws SeedException {
        if (options.insecure()) {
            options.warnings().accept("SIGNATURE CHECK SKIPPED for " + options.kind() + " " + seed.value()
                    + " (zentoo." + options.kind() + ".insecure): "
                    + (options.digestsRequired() ? "only its SHA512 against the unauthenticated DIGESTS is checked."
                            : "nothing vouches for its content.")
                    + " Anyone who can change the download can change what you build.");
        }
        return seed.isLocal() ? fetchLocal(seed) : fetchRemote(seed);
    }

    private VerifiedSeed fetchLocal(TarballSeed seed) throws SeedException {
        Path tarball = seed.resolveFile(options.baseDirectory());
        if (!Files.isRegularFile(tarball)) {
            throw new SeedException(SeedException.Problem.NOT_FOUND,
                    options.kind() + " file " + tarball + " does not exist");
        }
        String expected;
        if (options.digestsRequired()) {
            Path digests = sibling(tarball, ".DIGESTS");
            expected = expectedSha512(readLocal(digests, SeedException.Problem.DIGESTS_UNUSABLE), digests.toString(),
                    seed.fileName());
            checkSha512(tarball, expected, digests.toString(), "");
        } else {
            expected = sha512Of(tarball);
        }
        Optional<String> signer = Optional.empty();
        if (!options.insecure()) {
            Path signature = sibling(tarball, options.signatureSuffix());
            signer = Optional.of(verifier().verifyDetached(tarball,
                    readLocal(signature, SeedException.Problem.SIGNATURE_MISSING), signature.toString()));
        }
        checkContainmentOnce(tarball, expected, seed.fileName());
        return new VerifiedSeed(tarball, expected, seed.value(), signer, false);
    }

    /** Unpacking a whole stage3 takes a while; a local file with a digest already found safe is not read again. */
    private void checkContainmentOnce(Path tarball, String sha512, String fileName) throws SeedException {
        try {
            if (!cache.wasInspected(sha512)) {
                TarballContainment.check(tarball, fileName, tarball.toString());
                cache.markInspected(sha512);
            }
        } catch (IOException e) {
            throw new SeedException(SeedException.Problem.IO_FAILED, options.kind() + " cache " + cache.directory()
                    + " cannot record the check of " + tarball + ": " + e.getMessage(), e);
        }
    }

    private VerifiedSeed fetchRemote(TarballSeed seed) throws SeedException {
        String source = seed.url().toString();
        try (SeedCache.Lock lock = cache.lock(source)) {
            Optional<VerifiedSeed> cached = fromCache(seed);
            if (cached.isPresent()) {
                return cached.get();
            }
            if (options.offline()) {
                String why = cache.lookup(source).isPresent()
                        ? " is cached only without a signature check (it was fetched insecurely)"
                        : " is not in cache " + cache.directory();
                throw new SeedException(SeedException.Problem.NOT_CACHED_OFFLINE, "offline, and " + options.kind()
                        + " " + source + why
                        + "; run once without offline mode to fetch and verify it, or name a local copy as file:PATH");
            }
            return download(seed, cache.stagingDirectory(source));
        } catch (IOException e) {
            throw new SeedException(SeedException.Problem.IO_FAILED, options.kind() + " cache " + cache.directory()
                    + " cannot be used for " + source + ": " + e.getMessage(), e);
        }
    }

    /** A cached copy counts only while its bytes still match its digest, and only if it was signature-checked when that is asked for. */
    private Optional<VerifiedSeed> fromCache(TarballSeed seed) throws IOException, SeedException {
        Optional<SeedCache.Entry> found = cache.lookup(seed.url().toString());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SeedCache.Entry entry = found.get();
        if (!FileHashes.sha512(entry.tarball()).equals(entry.sha512())) {
            options.warnings().accept("cached " + options.kind() + " " + entry.tarball()
                    + " no longer matches its SHA512; fetching it again");
            cache.evict(entry);
            return Optional.empty();
        }
        if (!options.insecure() && entry.signer().filter(options.trustedFingerprints()::contains).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VerifiedSeed(entry.tarball(), entry.sha512(), seed.value(), entry.signer(), false));
    }

    private VerifiedSeed download(TarballSeed seed, Path staging) throws IOException, SeedException {
        String name = seed.fileName();
        URI digestsUrl = seed.siblingUrl(".DIGESTS");
        String listed = options.digestsRequired() ? expectedSha512(fetchSmall(digestsUrl,
                staging.resolve(name + ".DIGESTS"), SeedException.Problem.DIGESTS_UNUSABLE), digestsUrl.toString(), name)
                : null;
        byte[] signature = null;
        URI signatureUrl = seed.siblingUrl(options.signatureSuffix());
        if (!options.insecure()) {
            // The key may have to be fetched first; if it cannot be, better to know before gigabytes are downloaded.
            verifier();
            signature = fetchSmall(signatureUrl, staging.resolve(name + options.signatureSuffix()),
                    SeedException.Problem.SIGNATURE_MISSING);
        }
        Path part = staging.resolve(name + ".part");
        downloader.download(seed.url(), part, TARBALL_LIMIT);
        Optional<String> signer = Optional.empty();
        String expected = listed;
        try {
            if (listed != null) {
                checkSha512(part, listed, digestsUrl.toString(), seed.url().toString());
            } else {
                expected = sha512Of(part);
            }
            if (signature != null) {
                signer = Optional.of(verifier().verifyDetached(part, signature, signatureUrl.toString()));
            }
            TarballContainment.check(part, name, seed.url().toString());
        } catch (SeedException e) {
            // A download that failed a check must not be resumed or reused: it goes, with its staging area.
            org.zentoo.files.Trees.delete(staging);
            throw new SeedException(e.problem(), e.getMessage() + "; the download was deleted", e);
        }
        SeedCache.Entry entry = cache.store(part, expected, seed.suffix(), seed.url().toString(), signer);
        org.zentoo.files.Trees.delete(staging);
        return new VerifiedSeed(entry.tarball(), expected, seed.value(), signer, true);
    }

    /** Downloads a small companion file afresh; a missing one is reported as {@code whenMissing}. */
    private byte[] fetchSmall(URI url, Path target, SeedException.Problem whenMissing) throws IOException, SeedException {
        Files.deleteIfExists(target);
        try {
            downloader.download(url, target, SMALL_FILE_LIMIT);
        } catch (SeedException e) {
            if (e.problem() == SeedException.Problem.NOT_FOUND) {
                throw new SeedException(whenMissing, missingText(whenMissing, url.toString()), e);
            }
            throw e;
        }
        return Files.readAllBytes(target);
    }

    /** Reads DIGESTS (verifying its own signature when it is clearsigned) and finds the tarball's SHA512. */
    private String expectedSha512(byte[] digestsFile, String digestsName, String tarballName) throws SeedException {
        String content = new String(digestsFile, StandardCharsets.UTF_8);
        String text = content;
        if (ClearSignedText.isClearSigned(content)) {
            ClearSignedText message = ClearSignedText.split(content).orElseThrow(() -> new SeedException(
                    SeedException.Problem.DIGESTS_UNUSABLE, digestsName
                            + ": a clearsigned message without its -----BEGIN PGP SIGNATURE----- block"));
            if (!options.insecure()) {
                verifier().verifyClearSigned(message, digestsName);
            }
            text = message.text();
        }
        return Digests.parse(text, digestsName).sha512(tarballName).orElseThrow(() -> new SeedException(
                SeedException.Problem.DIGESTS_UNUSABLE, digestsName + ": expected a SHA512 line for " + tarballName
                        + ", found none"));
    }

    private static String sha512Of(Path file) throws SeedException {
        try {
            return FileHashes.sha512(file);
        } catch (IOException e) {
            throw new SeedException(SeedException.Problem.IO_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void checkSha512(Path file, String expected, String digestsName, String displayName)
            throws SeedException {
        String actual = sha512Of(file);
        if (!actual.equals(expected)) {
            throw new SeedException(SeedException.Problem.DIGEST_MISMATCH, "SHA512 check failed for "
                    + (displayName.isEmpty() ? file.toString() : displayName) + ": " + digestsName + " expects "
                    + expected + ", the file has " + actual);
        }
    }

    private SignatureVerifier verifier() throws SeedException {
        if (verifier == null) {
            // Without a keyring file the trusted keys are fetched once and cached; see FetchOptions#keyAddress.
            verifier = options.keyring() == null ? new TrustedKeys(options).verifier()
                    : SignatureVerifier.load(options.keyring(), options.trustedFingerprints());
        }
        return verifier;
    }

    private byte[] readLocal(Path file, SeedException.Problem whenMissing) throws SeedException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SeedException(whenMissing, missingText(whenMissing, file.toString()), e);
        } catch (IOException e) {
            throw new SeedException(SeedException.Problem.IO_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private String missingText(SeedException.Problem problem, String name) {
        String kind = options.kind();
        return problem == SeedException.Problem.SIGNATURE_MISSING
                ? "signature check failed: " + name + " does not exist; a " + kind + " must come with its detached"
                        + " signature (set zentoo." + kind + ".insecure to skip the check, at your own risk)"
                : "SHA512 check failed: " + name + " does not exist; a " + kind + " must come with its DIGESTS file";
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }
}
