package org.zentoo.pipeline;

import java.nio.file.Path;

/** A goal that needs a machine's rendered config ran before zentoo:render made it. */
public final class NotRenderedException extends Exception {

    public NotRenderedException(String machine, Path missing) {
        super("machine " + machine + " is not rendered (" + missing + " is missing); run zentoo:render first,"
                + " or the whole lifecycle (mvn package)");
    }
}
