package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.zentoo.archive.ArchiveFormat;
import org.zentoo.archive.StageArchiver;
import org.zentoo.machine.Machine;
import org.zentoo.pipeline.ChangesInput;
import org.zentoo.site.Site;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assembles each machine's stage3 from binpkgs alone (the store mounted
 * read-only), packs it reproducibly and attaches it with classifier
 * {@code stage3-<machine>}, plus its package list as {@code packages-<machine>}
 * and what changed since the previous stage as {@code changes-<machine>}.
 */
@Mojo(name = "assemble", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class AssembleMojo extends AbstractArchiveMojo {

    /** Skips zentoo:assemble alone. */
    @Parameter(property = "zentoo.assemble.skip", defaultValue = "false")
    private boolean assembleSkip;

    /**
     * Compares each new stage with this version of the project instead of the
     * previous stage: its {@code packages-<machine>}, {@code stage3-<machine>} and
     * {@code kernel-<machine>} artifacts, resolved from the project's repositories
     * like any dependency. Property {@code zentoo.changes.against}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "zentoo.changes.against")
    private String changesAgainst;

    @Component
    private RepositorySystem repositorySystem;

    @Override
    protected String goal() {
        return "assemble";
    }

    @Override
    protected String goalSkipReason() {
        return assembleSkip ? "zentoo.assemble.skip=true" : null;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        StageArchiver archiver = archiver();
        ChangesInput changes = changesInput(archiver.format().extension().substring(1));
        attach(runPipeline((pipeline, machines) -> pipeline.assemble(machines, archiver, changes)));
    }

    /** The site for attribution, and with zentoo.changes.against that version's artifacts. */
    private ChangesInput changesInput(String stageExtension) throws MojoFailureException, MojoExecutionException {
        Site loaded = site();
        Map<String, ChangesInput.Against> against = new LinkedHashMap<>();
        if (changesAgainst != null && !changesAgainst.isBlank()) {
            String version = changesAgainst.strip();
            List<Machine> selected = selectedMachines();
            for (Machine machine : selected) {
                String id = machine.classifierId();
                against.put(machine.id(), new ChangesInput.Against(version,
                        resolve("packages-" + id, List.of("txt"), version),
                        resolve("stage3-" + id, tarballTypes(stageExtension), version),
                        resolve("kernel-" + id, tarballTypes(stageExtension), version)));
            }
            if (!selected.isEmpty() && against.values().stream().allMatch(a -> a.packages().isEmpty())) {
                throw new MojoFailureException("zentoo.changes.against=" + version + ": no packages-<machine>.txt of "
                        + project.getGroupId() + ":" + project.getArtifactId() + ":" + version + " in the local"
                        + " repository or " + project.getRemoteProjectRepositories().stream().map(r -> r.getUrl())
                        .toList() + "; name a version that was installed or deployed");
            }
        }
        return new ChangesInput(loaded, against);
    }

    /**
     * The format the site packs now first, then the other: a version packed before the
     * site (or Zentoo's default) changed format is still compared.
     */
    private static List<String> tarballTypes(String current) {
        List<String> types = new ArrayList<>(List.of(current));
        for (ArchiveFormat format : ArchiveFormat.values()) {
            if (!format.forStages()) {
                continue;
            }
            String type = format.extension().substring(1);
            if (!types.contains(type)) {
                types.add(type);
            }
        }
        return types;
    }

    /** One artifact of the compared version, of the first type the repositories have, or empty. */
    private Optional<Path> resolve(String classifier, List<String> types, String version) {
        for (String type : types) {
            ArtifactRequest request = new ArtifactRequest(new DefaultArtifact(project.getGroupId(),
                    project.getArtifactId(), classifier, type, version), project.getRemoteProjectRepositories(),
                    null);
            try {
                Path file = repositorySystem.resolveArtifact(session.getRepositorySession(), request).getArtifact()
                        .getFile().toPath();
                getLog().info("Comparing with " + request.getArtifact() + ": " + file);
                return Optional.of(file);
            } catch (ArtifactResolutionException e) {
                // the next type, or not compared
            }
        }
        getLog().info("Not in the repositories, not compared: " + project.getGroupId() + ":" + project.getArtifactId()
                + ":" + String.join("|", types) + ":" + classifier + ":" + version);
        return Optional.empty();
    }
}
