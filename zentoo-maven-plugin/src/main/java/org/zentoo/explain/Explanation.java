package org.zentoo.explain;

import org.zentoo.binpkg.PartitionKey;
import org.zentoo.makeconf.Conflict;
import org.zentoo.makeconf.FlagState;

import java.util.List;
import java.util.Map;

/**
 * What explain reports for one machine.
 *
 * @param variables    every make.conf variable the stack sets, as written for Portage
 * @param packageUse   the atom's flags with the set that last turned each on or off (empty without an atom)
 * @param profileUseKept false when a {@code -*} in the stack clears the profile's USE defaults for the atom
 * @param lines        the same, as text for the build log
 */
public record Explanation(
        Map<String, String> variables,
        Map<String, String> useExpand,
        List<FlagState> packageUse,
        boolean profileUseKept,
        PartitionKey partitionKey,
        List<Conflict> conflicts,
        List<String> lines) {
}
