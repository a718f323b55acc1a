/**
 * What changed between two stages of one machine: {@code changes-<machine>}.
 *
 * <p>A {@link org.zentoo.changes.StageRecord} is what a stage is made of, as far as
 * the admin cares: installed packages with version and USE, the seed and snapshot
 * digests, the kernel options, the entries under {@code /etc} with their modes,
 * setuid and setgid files anywhere, and enabled services. It is read from a stage
 * tarball ({@link org.zentoo.changes.StageRecords}), from {@code zentoo.lock}'s
 * machine record, or from the JSON a previous assembly left. Any part may be unknown;
 * {@link org.zentoo.changes.Changes} compares what both records know and says what it
 * could not compare, so that "no change" is only said of what was compared.
 *
 * <p>Versions are ordered as PMS 3.3 says ({@link org.zentoo.atom.Version}); a USE
 * change is attributed to the config line that decides the flag on the machine now
 * ({@link org.zentoo.changes.UseOrigins}), or to the profile and IUSE defaults when no
 * set line does. Pure: no container, no Maven.
 */
package org.zentoo.changes;
