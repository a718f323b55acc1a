package org.zentoo.render;

import java.util.List;

/**
 * @param found    how the trees stood before this render: {@link Renderer.Freshness#FRESH} means nothing was written
 * @param warnings what composing the machines found suspicious (the site's own warnings are in {@link org.zentoo.site.Site#warnings()})
 */
public record RenderResult(List<RenderedMachine> machines, Renderer.Freshness found, List<String> warnings) {

    /** True when the inputs matched the last render and nothing was written. */
    public boolean skipped() {
        return found == Renderer.Freshness.FRESH;
    }
}
