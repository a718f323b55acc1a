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
 * The make.conf of a machine, built by applying each set's make.conf in stack order,
 * so that the stack as a whole means what one /etc/portage/make.conf would mean.
 *
 * <p>USE and Portage's other incrementals accumulate over the stack with {@code -x}
 * and {@code -*}. Each USE_EXPAND variable also accumulates over the stack, as its own
 * list of values; the result is written as that variable, which Portage then lets
 * replace the profile's value (in make.conf a USE_EXPAND variable is not an increment
 * on the profile, and it overrides same-prefix flags from USE: checked with Portage
 * 3.0.83). To add one value to the profile's defaults, a set writes the prefixed flag
 * in USE instead ({@code USE="video_cards_amdgpu"}).
 */
public final class MakeConfStack {

    private final UseExpand useExpand;
    private final Map<String, String> expansionValues = new HashMap<>();
    private final TokenStack use = new TokenStack("USE", true);
    private final Map<String, TokenStack> expanded = new LinkedHashMap<>();
    private final Map<String, Origin> expandedSince = new LinkedHashMap<>();
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
            remember(a.name());
            if (a.name().equals("USE")) {
                for (String token : tokens(a.value())) {
                    checkUseToken(token, origin);
                    use.apply(token, origin);
                }
            } else if (useExpand.contains(a.name())) {
                applyUseExpand(a, origin);
            } else {
                applyOther(a, origin);
            }
        }
    }

    private void applyUseExpand(Assignment a, Origin origin) throws ConfigException {
        String prefix = UseExpand.prefix(a.name());
        TokenStack values = expanded.computeIfAbsent(a.name(), n -> new TokenStack(n, false));
        expandedSince.putIfAbsent(a.name(), origin);
        for (String token : tokens(a.value())) {
            checkNoPlus(a.name(), token, origin);
            String value = token.startsWith("-") ? token.substring(1) : token;
            if (value.equals("*") && !token.startsWith("-")) {
                throw new ConfigException(origin.file(), origin.line(),
                        a.name() + ": '*' alone means nothing here; expected '-*' or a value");
            }
            if (!value.equals("*") && !UseFlag.isName(prefix + value)) {
                throw new ConfigException(origin.file(), origin.line(), a.name() + ": '" + token
                        + "' is not a valid value: expected letters, digits, '+', '_', '@', '-', optionally prefixed by '-'");
            }
            values.apply(token, origin);
        }
    }

    private void applyOther(Assignment a, Origin origin) throws ConfigException {
        String name = a.name();
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

    /**
     * Appends tokens to an ordered incremental such as ACCEPT_LICENSE, as Portage does
     * with package.license's lines for exactly {@code *}{@code /*}.
     */
    public void appendToOrderedList(String name, List<String> tokens) {
        if (!Incrementals.ORDERED_LISTS.contains(name)) {
            throw new IllegalArgumentException(name + " is not an ordered incremental");
        }
        if (!tokens.isEmpty()) {
            remember(name);
            orderedLists.computeIfAbsent(name, n -> new ArrayList<>()).addAll(tokens);
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
            } else if (expanded.containsKey(name)) {
                out.put(name, String.join(" ", enabledValues(expanded.get(name))));
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

    /** A USE_EXPAND variable replaces the profile's value, so only what the stack leaves enabled is written. */
    private static List<String> enabledValues(TokenStack values) {
        return values.flags().stream().filter(FlagState::enabled).map(FlagState::flag).toList();
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

    /** USE as the stack left it, without the USE_EXPAND variables. */
    public TokenStack use() {
        return use;
    }

    /** Each USE_EXPAND variable some set assigned, with its stacked values. */
    public Map<String, TokenStack> useExpandVariables() {
        return expanded;
    }

    /** Where the stack first assigned a USE_EXPAND variable: from there on it replaces the profile's value. */
    public Origin useExpandSince(String name) {
        return expandedSince.get(name);
    }

    /** {@link #effectiveUse(List)} without package.use lines. */
    public TokenStack effectiveUse() {
        return effectiveUse(List.of());
    }

    /**
     * USE as Portage computes it from this make.conf, over whatever the profile gives:
     * USE first, then {@code globalLines} (package.use lines for exactly {@code *}{@code /*},
     * which Portage appends to make.conf's USE), then each assigned USE_EXPAND variable
     * replacing its prefix.
     */
    public TokenStack effectiveUse(List<UseLine> globalLines) {
        TokenStack all = use.copy();
        for (UseLine line : globalLines) {
            line.tokens().forEach(t -> all.apply(t, line.origin()));
        }
        for (Map.Entry<String, TokenStack> e : expanded.entrySet()) {
            String prefix = UseExpand.prefix(e.getKey());
            all.apply("-" + prefix + "*", expandedSince.get(e.getKey()));
            for (FlagState f : e.getValue().flags()) {
                if (f.enabled()) {
                    all.apply(prefix + f.flag(), f.origin());
                }
            }
        }
        return all;
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
        expanded.values().forEach(s -> all.addAll(s.conflicts()));
        tokenSets.values().forEach(s -> all.addAll(s.conflicts()));
        return all;
    }
}
