package org.zentoo.render;

import org.zentoo.config.ConfigException;
import org.zentoo.machine.Machine;
import org.zentoo.machine.MachineKeys;
import org.zentoo.set.SetDefinition;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns PROFILE into the make.profile link target. {@code repo:path} names the
 * repository as eselect profile writes it; a plain path means the main repository.
 */
final class ProfileLink {

    static final String DEFAULT_MAIN = "gentoo";
    static final String DEFAULT_LOCATION = "/var/db/repos/gentoo";

    private ProfileLink() {
    }

    static String target(Machine machine) throws ConfigException {
        Machine.KeyLine at = machine.keyLine(MachineKeys.PROFILE);
        String profile = machine.profile();
        Map<String, Map<String, String>> repos = new LinkedHashMap<>();
        for (SetDefinition s : machine.stack()) {
            if (s.reposConf() != null) {
                s.reposConf().sections().forEach((k, v) -> repos.computeIfAbsent(k, x -> new LinkedHashMap<>()).putAll(v));
            }
        }
        String repo = repos.getOrDefault("DEFAULT", Map.of()).getOrDefault("main-repo", DEFAULT_MAIN);
        String path = profile;
        int colon = profile.indexOf(':');
        if (colon >= 0) {
            repo = profile.substring(0, colon);
            path = profile.substring(colon + 1);
        }
        if (path.isEmpty() || path.startsWith("/") || path.contains("..") || path.contains(":") || repo.isEmpty()
                || path.matches(".*\\s.*")) {
            throw new ConfigException(at.file(), at.line(), "PROFILE '" + profile + "' is not a profile: expected a path such as "
                    + "default/linux/amd64/23.0 or repo:path, relative to the repository's profiles/");
        }
        String location = repos.getOrDefault(repo, Map.of()).get("location");
        if (location == null) {
            if (!repo.equals(DEFAULT_MAIN)) {
                throw new ConfigException(at.file(), at.line(), "PROFILE '" + profile + "' is in repository '" + repo
                        + "', which no repos.conf in the stack defines: expected a [" + repo + "] section with a location");
            }
            location = DEFAULT_LOCATION;
        }
        return location.replaceAll("/+$", "") + "/profiles/" + path.replaceAll("/+$", "");
    }
}
