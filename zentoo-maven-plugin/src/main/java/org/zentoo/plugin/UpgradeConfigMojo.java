package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.zentoo.upgrade.ConfigUpgrade;
import org.zentoo.upgrade.ShippedConfig;
import org.zentoo.upgrade.UpgradeReport;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Replaces the site's shipped content ({@code config/<kind>/zentoo/} and
 * {@code config/README.md}) with the copy bundled in this plugin version, and lists
 * what it added, changed and removed. The user's own sets and machines are not touched.
 */
@Mojo(name = "upgrade-config", threadSafe = true)
public class UpgradeConfigMojo extends AbstractZentooMojo {

    /** Only report what an upgrade would change. */
    @Parameter(property = "zentoo.upgrade.dryRun", defaultValue = "false")
    protected boolean dryRun;

    @Override
    protected String goal() {
        return "upgrade-config";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (!Files.isDirectory(configDirectory.toPath())) {
            throw new MojoFailureException(configDirectory + " is not a directory: there is no site config/ to upgrade");
        }
        UpgradeReport report;
        try (ShippedConfig shipped = ShippedConfig.open(getClass().getClassLoader())) {
            report = ConfigUpgrade.upgrade(shipped.root(), configDirectory.toPath(), dryRun);
        } catch (IOException e) {
            throw new MojoExecutionException("zentoo:upgrade-config failed: " + e.getMessage(), e);
        }
        if (report.upToDate()) {
            getLog().info("config/ is up to date with the shipped zentoo/ content");
            return;
        }
        String verb = dryRun ? "would be " : "";
        log(verb + "added", report.added());
        log(verb + "changed", report.changed());
        log(verb + "removed", report.removed());
        if (!dryRun) {
            getLog().info("Review the change (git diff config/) before committing it");
        }
    }

    private void log(String what, List<String> paths) {
        paths.forEach(p -> getLog().info(what + ": config/" + p));
    }
}
