package org.zentoo.changes;

import org.zentoo.config.ConfigException;
import org.zentoo.explain.Explainer;
import org.zentoo.machine.Machine;
import org.zentoo.makeconf.FlagState;
import org.zentoo.makeconf.MakeConfStack;
import org.zentoo.makeconf.Origin;
import org.zentoo.makeconf.TokenStack;
import org.zentoo.makeconf.UseExpand;
import org.zentoo.render.MachineComposer;
import org.zentoo.site.Site;

import java.util.HashMap;
import java.util.Map;

/**
 * Which config line makes a package's flag what it is now on a machine: the same
 * stack explain reports (make.conf USE, {@code *}{@code /*} lines, USE_EXPAND, then the
 * package.use lines matching the package, least specific first). When no set line
 * decides the flag, or the line that does asks for the opposite of what is installed,
 * the profile or the ebuild's IUSE default decided it, and the answer says so.
 */
public interface UseOrigins {

    /** For a flag that is now {@code enabled} on {@code cp}: {@code file:line} and what it is, or why none. */
    String origin(String cp, String flag, boolean enabled);

    /** For records without a site at hand (a test, a report read back): no attribution. */
    UseOrigins NONE = (cp, flag, enabled) -> "origin not known";

    /** Attribution from the machine's config/. */
    static UseOrigins of(Site site, Machine machine) throws ConfigException {
        MakeConfStack stack = MachineComposer.makeConf(site, machine.stack());
        Map<String, TokenStack> perPackage = new HashMap<>();
        return (cp, flag, enabled) -> {
            TokenStack use = perPackage.computeIfAbsent(cp, p -> {
                try {
                    return Explainer.packageUse(site, machine, p);
                } catch (ConfigException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            });
            return describe(use, stack, flag, enabled);
        };
    }

    /** The answer for one flag, from the package's stack of USE as config/ gives it. */
    static String describe(TokenStack use, MakeConfStack stack, String flag, boolean enabled) {
        FlagState state = null;
        for (FlagState f : use.flags()) {
            if (f.flag().equals(flag)) {
                state = f;
            }
        }
        if (state != null && state.enabled() == enabled) {
            return "by " + where(state.origin());
        }
        if (state == null && !enabled) {
            for (Map.Entry<String, Origin> clear : use.prefixClears().entrySet()) {
                if (flag.startsWith(clear.getKey())) {
                    return "by " + where(clear.getValue()) + " (clears " + clear.getKey() + "*)";
                }
            }
            for (String name : stack.useExpand().names()) {
                if (flag.startsWith(UseExpand.prefix(name)) && stack.useExpandSince(name) != null) {
                    return "by " + where(stack.useExpandSince(name)) + " (sets " + name + ")";
                }
            }
            if (use.clearedBy() != null) {
                return "by " + where(use.clearedBy()) + " (-*)";
            }
        }
        if (state != null) {
            return "by the profile (a use.mask or use.force), over " + where(state.origin()) + ", which asks for "
                    + (state.enabled() ? "on" : "off");
        }
        return "by the profile or the ebuild's IUSE default (no config line sets it)";
    }

    private static String where(Origin origin) {
        return origin.file() + ":" + origin.line() + " (set " + origin.setId() + ")";
    }
}
