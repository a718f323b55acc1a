package org.zentoo.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.zentoo.binhost.FileTarget;
import org.zentoo.binhost.HttpTarget;
import org.zentoo.step.Assembler;

import java.net.URI;
import java.nio.file.Path;

/**
 * Publishes each binpkg partition the selected machines use as a Gentoo binhost,
 * {@code <zentoo.binhost.url>/<partition>/}: the gpkg files, then Portage's
 * Packages index, then Zentoo's manifest of SHA-256 sums, which makes the next
 * publish send only what changed. HTTP(S) by WebDAV (MKCOL, PUT) with the
 * credentials of the settings.xml server {@code zentoo.binhost.serverId}, or a
 * {@code file:} directory.
 */
@Mojo(name = "binhost", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class BinhostMojo extends AbstractPipelineMojo {

    /** Skips zentoo:binhost alone. */
    @Parameter(property = "zentoo.binhost.skip", defaultValue = "false")
    private boolean binhostSkip;

    @Override
    protected String goal() {
        return "binhost";
    }

    @Override
    protected String goalSkipReason() {
        if (binhostSkip) {
            return "zentoo.binhost.skip=true";
        }
        if ("binhost".equals(store)) {
            // The local volume is not the store then: publishing it would replace the index the builds wrote.
            return "zentoo.store=binhost: the builds published their instances and each partition's Packages"
                    + " to the binhost themselves";
        }
        return binhostUrl == null || binhostUrl.isBlank() ? "no zentoo.binhost.url" : null;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        URI url = binhostOptionsUrl();
        String user = null;
        String password = null;
        if (binhostServerId != null && !binhostServerId.isBlank()) {
            Server server = ServerCredentials.server(session, settingsDecrypter, binhostServerId,
                    "zentoo.binhost.serverId");
            user = server.getUsername();
            password = server.getPassword();
        }
        String u = user;
        String p = password;
        runPipeline((pipeline, machines) -> pipeline.binhost(machines, partition -> {
            URI partitionUrl = URI.create(Assembler.partitionUrl(url, partition));
            return "file".equals(partitionUrl.getScheme()) ? new FileTarget(Path.of(partitionUrl))
                    : new HttpTarget(partitionUrl, u, p);
        }));
    }

    private URI binhostOptionsUrl() throws MojoFailureException {
        return binpkgOptions().binhost();
    }
}
