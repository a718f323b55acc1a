package org.zentoo.upgrade;

import java.util.List;

/**
 * What an upgrade did (or, in a dry run, would do), as paths relative to config/
 * with {@code /} separators, each list sorted.
 */
public record UpgradeReport(List<String> added, List<String> changed, List<String> removed) {

    public boolean upToDate() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }
}
