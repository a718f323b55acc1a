package org.zentoo.engine;

/** No Docker daemon answered; the message says where Zentoo looked and what to do. */
public class DaemonUnreachableException extends EngineException {

    public DaemonUnreachableException(String host, Throwable cause) {
        super("No Docker daemon answers at " + host + ". Start one (for example"
                + " `systemctl start docker`, or `dockerd &` as root) or point DOCKER_HOST at a"
                + " running daemon (DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for TLS)."
                + (cause == null || cause.getMessage() == null ? "" : " Cause: " + cause.getMessage()), cause);
    }
}
