package org.zentoo.makeconf;

import java.util.List;

/** USE tokens from outside make.conf (a package.use line), already expanded from {@code VAR:} syntax. */
public record UseLine(List<String> tokens, Origin origin) {
}
