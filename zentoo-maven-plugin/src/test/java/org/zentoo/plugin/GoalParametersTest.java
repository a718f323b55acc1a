package org.zentoo.plugin;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code mvn zentoo:help -Ddetail} shows comes from the plugin descriptor the
 * build generates; each goal lists only the parameters it reads.
 */
class GoalParametersTest {

    /** Goal name to its parameter names, from the generated descriptor. */
    private static Map<String, List<String>> parameters() throws Exception {
        File descriptor = new File("target/classes/META-INF/maven/plugin.xml");
        assertTrue(descriptor.isFile(), "the build generates " + descriptor + " before the tests run");
        Element plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(descriptor).getDocumentElement();
        Map<String, List<String>> out = new TreeMap<>();
        NodeList mojos = plugin.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = mojo.getElementsByTagName("goal").item(0).getTextContent();
            List<String> names = new ArrayList<>();
            NodeList params = mojo.getElementsByTagName("parameter");
            for (int j = 0; j < params.getLength(); j++) {
                Element p = (Element) params.item(j);
                if (p.getParentNode().getNodeName().equals("parameters")) {
                    names.add(p.getElementsByTagName("name").item(0).getTextContent());
                }
            }
            out.put(goal, names);
        }
        return out;
    }

    @Test
    void onlyTheCompilingGoalsListTheDistccParameters() throws Exception {
        Map<String, List<String>> all = parameters();
        List<String> withDistcc = all.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(n -> n.startsWith("distcc"))).map(Map.Entry::getKey).toList();
        assertEquals(List.of("build", "kernel"), withDistcc);
        assertTrue(all.get("build").containsAll(List.of("distccWorkers", "distccMode", "distccJobs", "distccRegistry")),
                all.get("build").toString());
    }
}
