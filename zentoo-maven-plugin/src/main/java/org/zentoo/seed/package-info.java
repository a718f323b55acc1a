/**
 * Seeds: where a machine's builds start. Knows nothing of Maven or Docker.
 *
 * <ul>
 *   <li>{@link org.zentoo.seed.SeedReference#parse} reads a {@code SEED} value into an
 *       {@link org.zentoo.seed.ImageSeed} (for the engine to pull or find locally) or a
 *       {@link org.zentoo.seed.TarballSeed}.</li>
 *   <li>{@link org.zentoo.seed.TarballSeedFetcher#fetch} turns a tarball seed into a
 *       {@link org.zentoo.seed.VerifiedSeed}: downloaded (resumable) into the digest-named cache,
 *       SHA512 checked against {@code .DIGESTS}, {@code .asc} checked against a keyring and
 *       trusted fingerprints, entries checked to stay inside the root. Without a keyring file the
 *       trusted keys are fetched once (WKD, then HKPS, matched by fingerprint only) and cached.</li>
 *   <li>Repository snapshots ({@code org.zentoo.snapshot}) are fetched by the same
 *       {@link org.zentoo.seed.TarballSeedFetcher}, set up by {@link org.zentoo.seed.FetchOptions}
 *       for signatures only ({@code .gpgsig}, no DIGESTS), their own key and cache.</li>
 *   <li>Every refusal is a {@link org.zentoo.seed.SeedException} whose
 *       {@link org.zentoo.seed.SeedException.Problem} says whether the user's input or the
 *       environment is at fault.</li>
 * </ul>
 */
package org.zentoo.seed;
