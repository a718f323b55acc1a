package org.zentoo.archive;

import java.util.Comparator;

/**
 * The order of {@code tar --sort=name}: depth first, the children of each directory
 * sorted bytewise by name. Comparing whole paths with '/' ranked below every other
 * byte gives exactly that order, so no tree has to be built.
 */
public final class TarEntryOrder implements Comparator<String> {

    public static final TarEntryOrder INSTANCE = new TarEntryOrder();

    private TarEntryOrder() {
    }

    @Override
    public int compare(String a, String b) {
        String left = withoutTrailingSlash(a);
        String right = withoutTrailingSlash(b);
        int common = Math.min(left.length(), right.length());
        for (int i = 0; i < common; i++) {
            int l = rank(left.charAt(i));
            int r = rank(right.charAt(i));
            if (l != r) {
                return l - r;
            }
        }
        return left.length() - right.length();
    }

    private static int rank(char c) {
        return c == '/' ? 0 : c + 1;
    }

    static String withoutTrailingSlash(String name) {
        return name.length() > 1 && name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }
}
