package org.zentoo.seed;

/**
 * A seed cannot be used. The message names the file or reference, the check that
 * failed, and what was expected against what was found. {@link #problem()} lets a
 * Mojo decide whether the user's input is wrong or the environment failed.
 */
public class SeedException extends Exception {

    /** What went wrong, coarse enough for callers to branch on. */
    public enum Problem {
        /** The SEED value itself is malformed. */
        BAD_REFERENCE(true),
        /** The DIGESTS file is missing, unreadable, or does not list the tarball. */
        DIGESTS_UNUSABLE(true),
        /** The tarball's SHA512 differs from the one in DIGESTS. */
        DIGEST_MISMATCH(true),
        /** No detached signature next to the tarball. */
        SIGNATURE_MISSING(true),
        /** A signature does not verify over its data. */
        SIGNATURE_INVALID(true),
        /** A signature verifies, but with a key that is not trusted for seeds. */
        UNTRUSTED_SIGNER(true),
        /** The tarball holds an entry that would land outside the root it is unpacked into. */
        UNSAFE_TARBALL(true),
        /** The configured keyring cannot be read. */
        KEYRING_UNUSABLE(true),
        /** Offline, and the seed (or, without a keyring, its signing key) was never fetched before. */
        NOT_CACHED_OFFLINE(true),
        /** The server answers that the file does not exist (404 or 410): the URL is wrong. */
        NOT_FOUND(true),
        /**
         * zentoo.lock pins the seed or snapshot to a digest that is not at hand (not on the daemon, not
         * pullable by digest) or that the source no longer gives: never replaced by another one.
         */
        LOCKED_DIGEST_UNAVAILABLE(true),
        /**
         * A SEED image is neither on the local daemon nor pullable, and either the registry
         * answered that it has no such image or the daemon has one with a very close name.
         */
        IMAGE_NOT_FOUND(true),
        /**
         * The seed's platform cannot be told, or disagrees with its binaries or its profile's CHOST.
         */
        PLATFORM(true),
        /** The Docker host cannot run the seed's platform: no binfmt_misc handler for it. */
        PLATFORM_UNSUPPORTED(false),
        /** A SEED image is not on the local daemon, and its registry could not be reached. */
        REGISTRY_UNREACHABLE(false),
        /** The network or the server failed after all retries. */
        DOWNLOAD_FAILED(false),
        /** The cache directory or a local file could not be read or written. */
        IO_FAILED(false);

        private final boolean userInput;

        Problem(boolean userInput) {
            this.userInput = userInput;
        }

        /** True when the user must change configuration or input; false when the environment failed. */
        public boolean userInput() {
            return userInput;
        }
    }

    private final Problem problem;

    public SeedException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public SeedException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
