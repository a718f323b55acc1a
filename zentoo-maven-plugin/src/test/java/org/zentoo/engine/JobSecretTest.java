package org.zentoo.engine;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JobSecretTest {

    @Test
    void itsContentNeverShowsInText() {
        JobSecret s = new JobSecret("upload-password", "hunter2-s3cr3t".getBytes(StandardCharsets.UTF_8));
        assertEquals("secret upload-password at /run/secrets/upload-password (14 bytes)", s.toString());
        assertArrayEquals("hunter2-s3cr3t".getBytes(StandardCharsets.UTF_8), s.content());
    }

    @Test
    void aNameThatIsNoFileNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new JobSecret("../etc/passwd", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new JobSecret("", new byte[0]));
    }

    @Test
    void aPathMustBeAnAbsoluteFileWithoutParentSteps() {
        assertEquals("/dev/shm/zentoo-binhost", new JobSecret("staging", new byte[0], "/dev/shm/zentoo-binhost").path());
        // Swarm's own form for the default place, an absolute target elsewhere.
        assertEquals("upload", new JobSecret("upload", new byte[0]).fileName());
        assertEquals("/dev/shm/zentoo-binhost", new JobSecret("staging", new byte[0], "/dev/shm/zentoo-binhost").fileName());
        assertThrows(IllegalArgumentException.class, () -> new JobSecret("s", new byte[0], "dev/shm/s"));
        assertThrows(IllegalArgumentException.class, () -> new JobSecret("s", new byte[0], "/run/secrets/"));
        assertThrows(IllegalArgumentException.class, () -> new JobSecret("s", new byte[0], "/run/../etc/shadow"));
    }
}
