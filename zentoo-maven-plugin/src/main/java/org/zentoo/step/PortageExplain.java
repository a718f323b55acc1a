package org.zentoo.step;

import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.EngineException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * zentoo:explain with Portage: {@code explain.py}, run on Portage's own Python
 * API in the machine's build environment (store read-only), reports the
 * variables, the machine's USE and, per atom, the version Portage picks and each
 * IUSE flag's final state with the line that decides it. The answer is one JSON
 * document; its origins name rendered files (/etc/portage/...) and profile files
 * relative to their repository.
 */
public final class PortageExplain {

    static final String SCRIPT = ContainerScript.read(PortageExplain.class, "explain.py");
    static final String MARKER = "[zentoo-explain-json]";

    private final StepRunner steps;

    public PortageExplain(StepRunner steps) {
        this.steps = steps;
    }

    /**
     * @param environment the machine's build container (see {@link Builder#environment})
     * @param atoms       packages to explain, or {@code @world} for each atom of the world set; may be empty
     * @param variables   make.conf variables to report with their origins
     * @return the JSON document explain.py printed
     */
    public String explain(String machine, ContainerSpec environment, List<String> atoms, List<String> variables)
            throws EngineException, StepFailedException, IOException {
        List<String> lines = new ArrayList<>();
        ContainerSpec spec = environment
                .env("ZENTOO_EXPLAIN_PY", SCRIPT)
                .env("ZENTOO_EXPLAIN_ATOMS", String.join(" ", atoms))
                .env("ZENTOO_EXPLAIN_VARIABLES", String.join(" ", variables))
                .script("exec python3 -c \"$ZENTOO_EXPLAIN_PY\"");
        steps.run(machine, "explain", spec, lines::add);
        String json = answer(lines);
        if (json == null) {
            throw new StepFailedException(machine, "explain", "Portage's explain helper printed no answer; is "
                    + "python3 with Portage in the seed?", lines, steps.logFile(machine, "explain"));
        }
        return json;
    }

    /** The line after the marker, or null. */
    static String answer(List<String> lines) {
        int at = lines.lastIndexOf(MARKER);
        return at < 0 || at + 1 >= lines.size() ? null : lines.get(at + 1);
    }
}
