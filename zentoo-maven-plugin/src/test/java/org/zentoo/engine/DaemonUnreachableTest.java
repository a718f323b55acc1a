package org.zentoo.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonUnreachableTest {

    @Test
    void aDeadDaemonIsNamedWithWhatToDo() {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        DaemonUnreachableException e = assertThrows(DaemonUnreachableException.class,
                () -> DockerEngine.connect(RunIdentity.start("t"), "tcp://127.0.0.1:1"));
        assertTrue(e.getMessage().contains("tcp://127.0.0.1:1"), e.getMessage());
        assertTrue(e.getMessage().contains("DOCKER_HOST"), e.getMessage());
        assertTrue(e.getMessage().contains("dockerd"), e.getMessage());
    }

    @Test
    void aMissingSocketIsNamedToo() {
        DaemonUnreachableException e = assertThrows(DaemonUnreachableException.class,
                () -> DockerEngine.connect(RunIdentity.start("t"), "unix:///nonexistent/docker.sock"));
        assertTrue(e.getMessage().contains("unix:///nonexistent/docker.sock"), e.getMessage());
    }
}
