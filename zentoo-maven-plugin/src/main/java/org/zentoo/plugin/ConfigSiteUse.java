package org.zentoo.plugin;

import org.zentoo.explain.PortageExplanation;
import org.zentoo.config.ConfigException;
import org.zentoo.explain.Explainer;
import org.zentoo.makeconf.FlagState;
import org.zentoo.makeconf.Origin;
import org.zentoo.pipeline.SiteUse;
import org.zentoo.site.Site;

import java.util.List;

/**
 * The pipeline's {@link SiteUse}, answered by the config-only {@link Explainer}:
 * the set line that last turned a flag on or off for a package, put it into
 * @world, or wrote a rendered package.* line, in the site's own words
 * ({@code config/sets/…:LINE}).
 */
final class ConfigSiteUse implements SiteUse {

    private final Site site;

    ConfigSiteUse(Site site) {
        this.site = site;
    }

    @Override
    public String explainJson(String machine, String portageAnswer) {
        try {
            return PortageExplanation.of(site, machine, portageAnswer).json();
        } catch (ConfigException | RuntimeException e) {
            // A report keeps Portage's own answer rather than none.
            return null;
        }
    }

    @Override
    public Decided decided(String machine, String cp, String flag) {
        try {
            for (FlagState f : Explainer.packageUse(site, site.machine(machine), cp).flags()) {
                if (f.flag().equals(flag)) {
                    return new Decided(f.enabled(), f.origin().file() + ":" + f.origin().line());
                }
            }
            return null;
        } catch (ConfigException e) {
            // The site rendered before; a package name the model cannot parse has no set line.
            return null;
        }
    }

    @Override
    public List<String> worldLines(String machine, String named) {
        try {
            return Explainer.worldLines(site.machine(machine), named).stream()
                    .map(o -> o.file() + ":" + o.line()).toList();
        } catch (ConfigException e) {
            return List.of();
        }
    }

    @Override
    public String renderedLine(String machine, String file, int line) {
        try {
            Origin origin = Explainer.renderedLine(site.machine(machine), file, line == 0 ? null : line);
            return origin == null ? null : origin.file() + (origin.line() == 0 ? "" : ":" + origin.line());
        } catch (ConfigException e) {
            return null;
        }
    }
}
