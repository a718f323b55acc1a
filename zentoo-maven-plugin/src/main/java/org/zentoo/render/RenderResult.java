package org.zentoo.render;

import java.util.List;

/**
 * @param skipped  true when the inputs matched the last render and nothing was written
 * @param warnings what composing the machines found suspicious (the site's own warnings are in {@link org.zentoo.site.Site#warnings()})
 */
public record RenderResult(List<RenderedMachine> machines, boolean skipped, List<String> warnings) {
}
