package org.zentoo.engine;

/** The container environment failed: daemon gone, image missing, volume refused. */
public class EngineException extends Exception {

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
