package org.zentoo.step;

import org.zentoo.changes.LastGood;
import org.zentoo.engine.ContainerSpec;
import org.zentoo.engine.EngineException;
import org.zentoo.files.Trees;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * -Dzentoo.bugreport.tryLastGood: the failed version built once more, with the USE its
 * last good instance was locked with, and nothing else changed. Bounded to that one
 * build: its dependencies come from the store as binaries or the retry is not tried.
 *
 * <p>The locked USE reaches Portage as an {@code =cat/pkg-ver} line in a {@code package.use}
 * file appended last to a scratch copy of the rendered config, so it applies to the one
 * package. Portage applies the package.use lines that match a package from the least to
 * the most specific atom, and equally specific ones in file order (checked in the test
 * stage): the exact-version atom beats every {@code cat/pkg} line of the sets, and
 * {@code zz-} sorts after their {@code NN-} files, so it also beats their own
 * {@code =cat/pkg-ver} lines. The USE environment variable would override the sets'
 * package.use lines too, but for every package the command touches. The store is mounted read-only, and the package is
 * written into a scratch PKGDIR inside the container, removed after the build (and gone
 * with the container in any case).
 */
public final class LastGoodBuild {

    /** The scratch config's extra package.use file: after every {@code NN-set} file. */
    static final String PACKAGE_USE_FILE = "zz-zentoo-last-good";
    static final String SCRATCH = "/var/tmp/zentoo-last-good";
    static final String MARKER = "[zentoo-last-good] ";

    /** What the retry gave; {@code detail} says why it was not tried. */
    public record Result(LastGood.Retry retry, String detail) {
    }

    private final StepRunner steps;
    private final Builder builder;

    public LastGoodBuild(StepRunner steps, Builder builder) {
        this.steps = steps;
        this.builder = builder;
    }

    /**
     * Builds {@code cpvr} with {@code useLine} ({@code =cpvr flags...}) appended to a scratch copy
     * of the machine's rendered config in {@code scratch} (removed afterwards).
     */
    public Result run(MachineJob job, String cpvr, String useLine, Path scratch)
            throws EngineException, StepFailedException, IOException {
        Trees.delete(scratch);
        try {
            Trees.copy(job.rendered(), scratch);
            Path packageUse = scratch.resolve("etc/portage/package.use");
            Files.createDirectories(packageUse);
            Files.writeString(packageUse.resolve(PACKAGE_USE_FILE),
                    "# zentoo.bugreport.tryLastGood: the USE of the last good instance (zentoo.lock)\n" + useLine + "\n",
                    StandardCharsets.UTF_8);
            MachineJob scratchJob = new MachineJob(job.id(), job.classifierId(), scratch, job.seedImage(),
                    job.seedDigest(), job.reposVolume(), job.overlay(), job.services(), job.kernel(), job.inputs(),
                    job.partition());
            List<String> lines = new ArrayList<>();
            ContainerSpec spec = builder.signed(builder.environment(scratchJob, false))
                    .script(builder.signingPrelude() + script(cpvr));
            steps.run(job.id(), "last-good", spec, lines::add);
            return result(lines, cpvr);
        } finally {
            Trees.delete(scratch);
        }
    }

    /**
     * The container's script: its dependencies from binaries only (asked first with --pretend,
     * so that nothing but the package itself is ever compiled), then the package alone.
     */
    static String script(String cpvr) {
        String atom = "'=" + cpvr + "'";
        String emerge = "emerge --color=n --nospinner --verbose --oneshot ";
        return "deps=$(" + emerge + "--onlydeps --usepkg --binpkg-respect-use=y --pretend " + atom + " 2>&1)"
                + " || { echo \"$deps\"; echo '" + MARKER + "not-tried: Portage refused its dependencies'; exit 0; }; "
                + "echo \"$deps\"; "
                + "if echo \"$deps\" | grep -q '^\\[ebuild'; then echo '" + MARKER + "not-tried: its dependencies"
                + " are not all in the store as binaries, and the retry builds nothing but the package itself'; exit 0; fi; "
                + emerge + "--onlydeps --usepkg --binpkg-respect-use=y " + atom
                + " || { echo '" + MARKER + "not-tried: its dependencies did not install from binaries'; exit 0; }; "
                + "mkdir -p " + SCRATCH + "/packages; "
                + "PKGDIR=" + SCRATCH + "/packages FEATURES=\"$FEATURES buildpkg\" " + emerge + "--nodeps " + atom
                + "; rc=$?; rm -rf " + SCRATCH + "; echo \"" + MARKER + "exit $rc\"; exit 0";
    }

    static Result result(List<String> lines, String cpvr) {
        boolean died = FailedBuild.in(lines).filter(f -> f.cpvr().equals(cpvr)).isPresent();
        for (String line : lines) {
            if (line.startsWith(MARKER + "not-tried: ")) {
                return new Result(LastGood.Retry.NOT_TRIED, line.substring((MARKER + "not-tried: ").length()));
            }
            if (line.equals(MARKER + "exit 0")) {
                return new Result(LastGood.Retry.BUILDS, "");
            }
            if (line.startsWith(MARKER + "exit ")) {
                return died ? new Result(LastGood.Retry.FAILS, "")
                        : new Result(LastGood.Retry.NOT_TRIED, "emerge refused the package with the locked USE ("
                        + line.substring(MARKER.length()) + "); its own words are in the last-good log");
            }
        }
        return new Result(LastGood.Retry.NOT_TRIED, "the retry ended without a result; see its log");
    }
}
