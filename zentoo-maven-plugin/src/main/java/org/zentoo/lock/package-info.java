/**
 * {@code zentoo.lock}: what each machine was built from, pinned. One fact per line,
 * grouped per machine and sorted, so that git shows a changed USE flag as a changed line.
 * This package only reads, writes and compares the file; resolving seeds and snapshots
 * and enforcing the lock is the pipeline's work.
 */
package org.zentoo.lock;
