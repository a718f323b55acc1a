package org.zentoo.render;

import java.util.List;

/**
 * @param skipped true when the inputs matched the last render and nothing was written
 */
public record RenderResult(List<RenderedMachine> machines, boolean skipped, List<String> warnings) {
}
