package org.zentoo.archive;

import java.io.IOException;

/** The tar stream is damaged or uses a feature a stage must not contain (sparse files, multi-volume). */
public class MalformedTarException extends IOException {

    public MalformedTarException(String message) {
        super(message);
    }
}
