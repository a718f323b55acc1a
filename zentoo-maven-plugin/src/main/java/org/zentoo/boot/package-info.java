/**
 * Booting a machine in QEMU for zentoo:test, without Docker: a runtime package beside
 * {@code engine} (steps and the pipeline may use it), that reads stage and kernel
 * tarballs through {@code archive} and runs the platform's {@code qemu-system-*} ({@link
 * org.zentoo.boot.QemuSystem}) as a host process.
 * It imports neither Maven nor docker-java.
 *
 * <ul>
 *   <li>{@link org.zentoo.boot.CpioWriter}: newc cpio, the kernel's initramfs format;</li>
 *   <li>{@link org.zentoo.boot.Initramfs}: a stage tarball, real {@code /dev/console} and
 *       {@code /dev/null} nodes, the {@code /init} shim ({@code init.sh}), the kernel's modules
 *       and the tests, as one uncompressed cpio;</li>
 *   <li>{@link org.zentoo.boot.Qemu}: one bounded boot (KVM when it answers, else TCG), the
 *       serial console read by {@link org.zentoo.boot.BootConsole} into
 *       {@link org.zentoo.boot.TestResult}s; no QEMU process outlives it;</li>
 *   <li>{@link org.zentoo.boot.BootTest}: the entry a step calls with a stage, a kernel
 *       artifact and boot scripts.</li>
 * </ul>
 */
package org.zentoo.boot;
