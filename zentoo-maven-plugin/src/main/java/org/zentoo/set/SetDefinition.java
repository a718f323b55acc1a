package org.zentoo.set;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One set directory, read and checked. A machine directory is a set too ({@link #machine}),
 * the top of its own stack.
 *
 * @param id        config/sets-relative id ({@code zentoo/base}) or the machine id
 * @param display   the directory as the user names it, e.g. {@code config/sets/web}
 * @param texts     raw text of every plain file present, by file name
 */
public record SetDefinition(
        String id,
        Path directory,
        String display,
        boolean machine,
        Map<String, String> texts,
        List<Line> parents,
        List<WorldEntry> packages,
        Map<String, List<Line>> packageFiles,
        ReposConf reposConf,
        List<Service> services,
        List<String> directories,
        List<String> warnings) {

    /** A file of this set, as the user would name it in an error message. */
    public String file(String name) {
        return display + "/" + name;
    }

    public String text(String name) {
        return texts.get(name);
    }
}
