package org.zentoo.plugin;

import org.zentoo.bugreport.Secrets;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * A server of settings.xml, its password decrypted as Maven does
 * ({@code settings-security.xml}). Secrets come from here, never from the pom,
 * and are never logged.
 */
final class ServerCredentials {

    private ServerCredentials() {
    }

    /** The server {@code id}, decrypted; a failure names the parameter that named it. */
    static Server server(MavenSession session, SettingsDecrypter decrypter, String id, String parameter)
            throws MojoFailureException {
        Server server = session.getSettings().getServer(id);
        if (server == null) {
            throw new MojoFailureException(parameter + "=" + id + ": settings.xml has no server with that id");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new MojoFailureException("cannot decrypt the password of server " + id + " (" + parameter
                        + "): " + problem.getMessage());
            }
        }
        return result.getServer();
    }

    /**
     * Every secret value of settings.xml, decrypted: each server's password and
     * passphrase, and proxy passwords. A bug report is screened for all of them,
     * whether or not this build used them.
     */
    static Secrets secrets(MavenSession session, SettingsDecrypter decrypter) {
        List<String> values = new ArrayList<>();
        for (Server server : session.getSettings().getServers()) {
            values.add(server.getPassword());
            values.add(server.getPassphrase());
            SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            if (result.getServer() != null) {
                values.add(result.getServer().getPassword());
                values.add(result.getServer().getPassphrase());
            }
        }
        for (org.apache.maven.settings.Proxy proxy : session.getSettings().getProxies()) {
            values.add(proxy.getPassword());
        }
        return Secrets.of(values);
    }
}
