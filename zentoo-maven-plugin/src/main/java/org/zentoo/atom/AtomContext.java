package org.zentoo.atom;

/** Where an atom is written decides which extensions Portage accepts there. */
public enum AtomContext {
    /** A world entry (a set's {@code packages}): no blockers, no wildcards, {@code @set} allowed. */
    WORLD,
    /** The first column of a package.* file: wildcards such as {@code *}{@code /*} and {@code cat/*} allowed. */
    PACKAGE_FILE
}
