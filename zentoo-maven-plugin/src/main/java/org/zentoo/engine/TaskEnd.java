package org.zentoo.engine;

import java.util.Set;

/**
 * What the state of a job's one task means for the job. Swarm (20.10, measured on
 * the test Swarm) does not end the task of a node that died: the node turns
 * {@code down} and the task stays {@code running} for good. So a lost node is read
 * from the node, and from the task states that mean "never ran to its end"
 * ({@code orphaned}, {@code shutdown}, {@code rejected}, {@code remove}). A process
 * that exited, with any code, is an end, never a loss.
 *
 * @param kind     running, exited or lost
 * @param exitCode the process's exit code when exited
 * @param why      what Swarm said when lost
 */
public record TaskEnd(Kind kind, int exitCode, String why) {

    public enum Kind { RUNNING, EXITED, LOST }

    private static final Set<String> NOT_RUN_TO_END = Set.of("orphaned", "shutdown", "rejected", "remove");
    private static final Set<String> NODE_GONE = Set.of("down", "unknown", "disconnected");

    /**
     * @param taskState        the task's Status.State ({@code running}, {@code complete}, {@code failed}, ...)
     * @param exitCode         its Status.ContainerStatus.ExitCode, null when Swarm knows none
     * @param message          its Status.Err or Status.Message
     * @param nodeState        its node's Status.State ({@code ready}, {@code down}), null before placement
     * @param nodeAvailability its node's Spec.Availability ({@code active}, {@code drain})
     */
    public static TaskEnd of(String taskState, Integer exitCode, String message, String nodeState,
                             String nodeAvailability) {
        if ("complete".equals(taskState)) {
            return new TaskEnd(Kind.EXITED, exitCode == null ? 0 : exitCode, null);
        }
        if ("failed".equals(taskState) && exitCode != null && exitCode != 0) {
            return new TaskEnd(Kind.EXITED, exitCode, null);
        }
        if ("failed".equals(taskState)) {
            return new TaskEnd(Kind.LOST, -1, "task failed before its process ended: " + message);
        }
        if (NOT_RUN_TO_END.contains(taskState)) {
            return new TaskEnd(Kind.LOST, -1, "task " + taskState + (message == null ? "" : ": " + message));
        }
        if (nodeState != null && NODE_GONE.contains(nodeState)) {
            return new TaskEnd(Kind.LOST, -1, "node is " + nodeState);
        }
        if ("drain".equals(nodeAvailability)) {
            return new TaskEnd(Kind.LOST, -1, "node is drained");
        }
        return new TaskEnd(Kind.RUNNING, -1, null);
    }

    /**
     * True while Swarm finds no node for the task: it stays {@code pending} with "no suitable
     * node (...)" for as long as none qualifies, which a job must not wait out for hours.
     */
    public static boolean unplaced(String taskState, String message) {
        return "pending".equals(taskState) && message != null && message.startsWith("no suitable node");
    }
}
