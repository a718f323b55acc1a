package org.zentoo.plugin;

import org.apache.maven.plugin.logging.Log;
import org.zentoo.pipeline.PipelineSettings;

/** The pipeline's lines in Maven's log, each machine's prefixed with {@code [machine]}. */
final class MavenConsole implements PipelineSettings.Console {

    private final Log log;

    MavenConsole(Log log) {
        this.log = log;
    }

    @Override
    public void info(String machine, String line) {
        log.info("[" + machine + "] " + line);
    }

    @Override
    public void warn(String machine, String line) {
        log.warn("[" + machine + "] " + line);
    }

    @Override
    public void info(String line) {
        log.info(line);
    }
}
