package org.zentoo.makeconf;

import org.zentoo.atom.AtomSyntaxException;
import org.zentoo.atom.UseFlag;
import org.zentoo.config.ConfigException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The make.conf of a machine, built by applying each set's make.conf in stack order.
 * Each set acts like one layer of a Portage profile: its USE_EXPAND variables turn into
 * prefixed USE tokens first, then its USE applies, and incrementals accumulate.
 *
 * <p>Portage treats a USE_EXPAND variable in /etc/portage/make.conf as a replacement
 * of the profile's value, not as an increment (checked with Portage 3.0.83). So the
 * written make.conf carries USE_EXPAND content as prefixed flags inside USE, where
 * {@code -flag} and {@code -prefix_*} keep their incremental meaning over the profile.
 */
public final class MakeConfStack {

    private final UseExpand useExpand;
    private final Map<String, String> expansionValues = new HashMap<>();
    private final TokenStack use = new TokenStack("USE", true);
    private final Map<String, TokenStack> tokenSets = new LinkedHashMap<>();
    private final Map<String, List<String>> orderedLists = new LinkedHashMap<>();
    private final Map<String, Contribution> plain = new LinkedHashMap<>();
    private final List<Contribution> contributions = new ArrayList<>();
    private final List<String> order = new ArrayList<>();

    public MakeConfStack(UseExpand useExpand) {
        this.useExpand = useExpand;
    }

    /** Applies one set's make.conf. {@code ${VAR}} sees every value assigned earlier in the stack. */
    public void apply(String setId, String file, String text) throws ConfigException {
        Map<String, Assignment> last = new LinkedHashMap<>();
        for (Assignment a : MakeConfParser.parse(file, text, expansionValues)) {
            last.remove(a.name());
            last.put(a.name(), a);
        }
        for (Assignment a : last.values()) {
            expansionValues.put(a.name(), a.value());
            Origin origin = new Origin(setId, file, a.line());
            contributions.add(new Contribution(a.name(), a.value(), origin));
            if (useExpand.contains(a.name())) {
                applyUseExpand(a, origin);
            } else if (!a.name().equals("USE")) {
                applyOther(a, origin);
            }
        }
        Assignment useLine = last.get("USE");
        if (useLine != null) {
            Origin origin = new Origin(setId, file, useLine.line());
            remember("USE");
            for (String token : tokens(useLine.value())) {
                checkUseToken(token, origin);
                use.apply(token, origin);
            }
        }
    }

    private void applyUseExpand(Assignment a, Origin origin) throws ConfigException {
        String prefix = UseExpand.prefix(a.name());
        remember("USE");
        for (String token : tokens(a.value())) {
            checkNoPlus(a.name(), token, origin);
            boolean minus = token.startsWith("-");
            String value = minus ? token.substring(1) : token;
            if (value.equals("*")) {
                if (!minus) {
                    throw new ConfigException(origin.file(), origin.line(),
                            a.name() + ": '*' alone means nothing here; expected '-*' or a value");
                }
                use.apply("-" + prefix + "*", origin);
                continue;
            }
            if (!UseFlag.isName(prefix + value)) {
                throw new ConfigException(origin.file(), origin.line(), a.name() + ": '" + token
                        + "' is not a valid value: expected letters, digits, '+', '_', '@', '-', optionally prefixed by '-'");
            }
            use.apply((minus ? "-" : "") + prefix + value, origin);
        }
    }

    private void applyOther(Assignment a, Origin origin) throws ConfigException {
        String name = a.name();
        remember(name);
        if (Incrementals.TOKEN_SETS.contains(name)) {
            TokenStack stack = tokenSets.computeIfAbsent(name, n -> new TokenStack(n, false));
            for (String token : tokens(a.value())) {
                checkNoPlus(name, token, origin);
                if (token.equals("-")) {
                    throw new ConfigException(origin.file(), origin.line(), name + ": a lone '-' is not a token");
                }
                stack.apply(token, origin);
            }
        } else if (Incrementals.ORDERED_LISTS.contains(name)) {
            orderedLists.computeIfAbsent(name, n -> new ArrayList<>()).addAll(tokens(a.value()));
        } else {
            plain.put(name, new Contribution(name, a.value(), origin));
        }
    }

    private void remember(String name) {
        if (!order.contains(name)) {
            order.add(name);
        }
    }

    private static void checkUseToken(String token, Origin origin) throws ConfigException {
        checkNoPlus("USE", token, origin);
        try {
            UseFlag.checkToken(token);
        } catch (AtomSyntaxException e) {
            throw new ConfigException(origin.file(), origin.line(), "USE: " + e.getMessage());
        }
    }

    private static void checkNoPlus(String name, String token, Origin origin) throws ConfigException {
        if (token.startsWith("+")) {
            throw new ConfigException(origin.file(), origin.line(), name + ": '" + token
                    + "' starts with '+', which Portage ignores with a warning; write '" + token.substring(1) + "'");
        }
    }

    static List<String> tokens(String value) {
        List<String> out = new ArrayList<>();
        for (String t : value.trim().split("\\s+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** The variables to write, in the order they first appeared in the stack, with values as Portage should read them. */
    public Map<String, String> written() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : order) {
            if (name.equals("USE")) {
                out.put(name, String.join(" ", use.tokens()));
            } else if (tokenSets.containsKey(name)) {
                out.put(name, String.join(" ", tokenSets.get(name).tokens()));
            } else if (orderedLists.containsKey(name)) {
                out.put(name, String.join(" ", pruned(orderedLists.get(name))));
            } else {
                out.put(name, plain.get(name).value());
            }
        }
        return out;
    }

    /** Portage keeps what follows the last {@code -*}, or the last {@code *} and what follows it. */
    static List<String> pruned(List<String> tokens) {
        for (int i = tokens.size() - 1; i >= 0; i--) {
            if (tokens.get(i).equals("*")) {
                return tokens.subList(i, tokens.size());
            }
            if (tokens.get(i).equals("-*")) {
                List<String> out = new ArrayList<>();
                out.add("-*");
                out.addAll(tokens.subList(i + 1, tokens.size()));
                return out;
            }
        }
        return tokens;
    }

    /** The value of a variable as the stack left it, or null when no set assigned it (the profile decides). */
    public String value(String name) {
        return written().get(name);
    }

    public TokenStack use() {
        return use;
    }

    public Map<String, TokenStack> tokenSets() {
        return tokenSets;
    }

    public List<Contribution> contributions() {
        return contributions;
    }

    public Map<String, Contribution> plain() {
        return plain;
    }

    public UseExpand useExpand() {
        return useExpand;
    }

    public List<Conflict> conflicts() {
        List<Conflict> all = new ArrayList<>(use.conflicts());
        tokenSets.values().forEach(s -> all.addAll(s.conflicts()));
        return all;
    }
}
