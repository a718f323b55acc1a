package org.zentoo.render;

import java.nio.file.Path;

/** One file of a rendered tree, held in memory until the whole site is known to be good. */
public sealed interface Entry {

    record Text(String content) implements Entry {
    }

    /** A file copied from the site (env/, patches/, overlay/), keeping only its executable bit. */
    record Copy(Path source, boolean executable) implements Entry {
    }

    record Link(String target) implements Entry {
    }
}
