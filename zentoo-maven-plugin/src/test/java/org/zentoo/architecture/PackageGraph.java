package org.zentoo.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packages of the main code and what each one refers to, read from the
 * sources: imports, static imports and fully qualified names alike, so a
 * reference written inline counts as much as an import.
 */
final class PackageGraph {

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern ZENTOO_REFERENCE = Pattern.compile("\\borg\\.zentoo\\.([a-z][a-z0-9]*)\\.");

    /** Package (last name only, e.g. {@code step}) to the packages it refers to. */
    private final Map<String, Set<String>> edges = new TreeMap<>();
    /** Source file to the foreign roots it names (e.g. {@code org.apache.maven}). */
    private final Map<Path, String> sources = new TreeMap<>();

    static PackageGraph read(Path sourceRoot) {
        PackageGraph graph = new PackageGraph();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                graph.add(sourceRoot.relativize(file), Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    void add(Path file, String source) {
        String code = withoutCommentsAndLiterals(source);
        Matcher declared = PACKAGE.matcher(code);
        if (!declared.find() || !declared.group(1).startsWith("org.zentoo.")) {
            return;
        }
        String own = declared.group(1).substring("org.zentoo.".length());
        sources.put(file, code);
        Set<String> targets = edges.computeIfAbsent(own, k -> new TreeSet<>());
        Matcher reference = ZENTOO_REFERENCE.matcher(code.substring(declared.end()));
        while (reference.find()) {
            if (!reference.group(1).equals(own)) {
                targets.add(reference.group(1));
            }
        }
    }

    /** The code alone: a package named in a comment, a string or a text block is no dependency. */
    static String withoutCommentsAndLiterals(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                code.append(' ');
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                i = end < 0 ? source.length() : end + 3;
                code.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                code.append(c).append(c);
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }

    Map<String, Set<String>> edges() {
        return edges;
    }

    /** Files outside {@code allowed} that name {@code root} (e.g. {@code com.github.dockerjava}). */
    List<String> filesNaming(String root, String allowed) {
        Pattern named = Pattern.compile("\\b" + Pattern.quote(root) + "\\.");
        List<String> offenders = new ArrayList<>();
        sources.forEach((file, code) -> {
            if (!file.startsWith(Path.of("org/zentoo", allowed)) && named.matcher(code).find()) {
                offenders.add(file.toString());
            }
        });
        return offenders;
    }

    /** The strongly connected components with more than one package (Tarjan). */
    List<Set<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> components = new ArrayList<>();
        int[] counter = {0};
        for (String node : edges.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, index, low, stack, onStack, components, counter);
            }
        }
        return components.stream().filter(c -> c.size() > 1).toList();
    }

    private void connect(String node, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                         Set<String> onStack, List<Set<String>> components, int[] counter) {
        index.put(node, counter[0]);
        low.put(node, counter[0]++);
        stack.push(node);
        onStack.add(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, index, low, stack, onStack, components, counter);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            components.add(component);
        }
    }
}
