/**
 * What zentoo:test found, as data: a machine's {@link org.zentoo.report.TestSuite}
 * of {@link org.zentoo.report.TestCase}s, read from the lines the test container
 * printed ({@link org.zentoo.report.TestRunOutput}) and written as the JUnit XML
 * that Surefire and Failsafe write ({@link org.zentoo.report.JUnitXml}), so that CI
 * servers and {@code mvn site} show a stage's tests beside the Java ones. Knows
 * nothing of Maven or Docker.
 */
package org.zentoo.report;
