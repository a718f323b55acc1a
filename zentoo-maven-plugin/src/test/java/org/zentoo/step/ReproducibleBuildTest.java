package org.zentoo.step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.Mount;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a build container gets for reproducible binpkgs. What the hook does to
 * Portage is checked against real Portage by the {@code reproducible} invoker
 * project (two stores, byte-identical tarballs); here, its container settings and
 * that it stays out of a Python program that has no SOURCE_DATE_EPOCH.
 */
class ReproducibleBuildTest {

    @TempDir
    Path dir;

    @Test
    void aContainerGetsTheEpochInWholeSecondsAndTheHookReadOnly() throws Exception {
        ReproducibleBuild build = ReproducibleBuild.at(Instant.parse("2026-01-01T00:00:00.750Z"), dir.resolve("hook"));
        ContainerSpec spec = build.apply(new ContainerSpec("seed"));
        assertEquals("1767225600", spec.env().get("SOURCE_DATE_EPOCH"));
        assertEquals("0", spec.env().get("PYTHONHASHSEED"));
        assertEquals(ReproducibleBuild.HOOK_PATH, spec.env().get("PYTHONPATH"));
        assertEquals("@1767225600", spec.env().get("KBUILD_BUILD_TIMESTAMP"));
        assertEquals(List.of(Mount.bind(dir.resolve("hook"), ReproducibleBuild.HOOK_PATH, true)), spec.mounts());
        assertEquals(ReproducibleBuild.HOOK, Files.readString(dir.resolve("hook/sitecustomize.py")));
    }

    @Test
    void withoutAnOutputTimestampNothingChangesButTheHookIsThereForDistcc() throws Exception {
        ReproducibleBuild build = ReproducibleBuild.at(null, dir.resolve("hook"));
        ContainerSpec spec = build.apply(new ContainerSpec("seed"));
        assertEquals(0, spec.env().size());
        assertEquals(0, spec.mounts().size());
        assertTrue(build.hookDirectory().isEmpty(), "assembly copies no hook without an epoch");
        ContainerSpec distcc = build.portageHook(new ContainerSpec("seed"));
        assertEquals(Map.of("PYTHONPATH", ReproducibleBuild.HOOK_PATH), distcc.env());
        assertEquals(List.of(Mount.bind(dir.resolve("hook"), ReproducibleBuild.HOOK_PATH, true)), distcc.mounts());
        assertEquals(ReproducibleBuild.HOOK, Files.readString(dir.resolve("hook/sitecustomize.py")));
    }

    @Test
    void theHookWaitsForPortageOnlyWhenThereIsAnEpoch() throws Exception {
        ReproducibleBuild.at(Instant.EPOCH, dir);
        assertEquals("False []", python(null, false));
        assertEquals("True ['portage.gpkg', 'portage.package.ebuild.doebuild']", python("1767225600", false));
    }

    @Test
    void theHookWaitsForPortagesBuildDirectoriesAndPathWhenDistccAsks() throws Exception {
        ReproducibleBuild.at(null, dir);
        assertEquals("True ['portage.package.ebuild.doebuild', 'portage.package.ebuild.prepare_build_dirs']",
                python(null, true));
        assertEquals("True ['portage.gpkg', 'portage.package.ebuild.doebuild',"
                + " 'portage.package.ebuild.prepare_build_dirs']", python("1767225600", true));
        assertEquals("True ['portage.package.ebuild.config', 'portage.package.ebuild.doebuild',"
                + " 'portage.package.ebuild.prepare_build_dirs']", python(null, true, "-j4 -l"));
    }

    /**
     * Whether real python3, with the hook on PYTHONPATH, has the hook's finder in
     * sys.meta_path, and the Portage modules it waits for.
     */
    private String python(String epoch, boolean distcc) throws Exception {
        return python(epoch, distcc, null);
    }

    private String python(String epoch, boolean distcc, String makeopts) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("python3", "-c",
                "import sys, sitecustomize as s; print(any(type(f).__name__ == '_AfterImport' for f in sys.meta_path),"
                        + " sorted(s._PATCHES))");
        pb.environment().put("PYTHONPATH", dir.toString());
        pb.environment().remove("SOURCE_DATE_EPOCH");
        pb.environment().remove("DISTCC_ZENTOO_CLIENT");
        if (epoch != null) {
            pb.environment().put("SOURCE_DATE_EPOCH", epoch);
        }
        pb.environment().remove("DISTCC_ZENTOO_MAKEOPTS");
        if (distcc) {
            pb.environment().put("DISTCC_ZENTOO_CLIENT", "1");
        }
        if (makeopts != null) {
            pb.environment().put("DISTCC_ZENTOO_MAKEOPTS", makeopts);
        }
        Process p = pb.redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "python3 did not finish");
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
